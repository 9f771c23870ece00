package dev.cirrus.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with a client Cirrus did not write: Confluent's Python serdes (confluent-kafka,
 * fastavro underneath) read what our converter writes, and our converter reads what they write,
 * through the same registry, with Basic auth under a path prefix.
 */
class ConfluentInteropTest {
  private TestRegistry registry;

  @BeforeEach
  void start() throws Exception {
    registry = new TestRegistry(Converters.basicAuthorization());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void confluentsDeserializerReadsWhatOurConverterWrites() throws Exception {
    byte[] bytes = Converters.avro(registry, false).fromConnectData("everything", AvroRoundTripTest.EVERYTHING, AvroRoundTripTest.everything());
    JsonNode read = new ObjectMapper().readTree(
        ConfluentPython.run("decode", registry.url(), Converters.USER_INFO, "everything", HexFormat.of().formatHex(bytes)));
    assertEquals(-8, read.path("i8").asInt());
    assertEquals(1600, read.path("i16").asInt());
    assertEquals(1L << 40, read.path("i64").asLong());
    assertEquals(1.5, read.path("f32").asDouble());
    assertEquals("héllo", read.path("text").asText());
    assertEquals("[0,1,255]", read.path("raw").toString());
    assertEquals("[\"a\",\"b\"]", read.path("tags").toString());
    assertEquals("{\"x\":1,\"y\":2}", read.path("counts").toString());
    assertEquals("[{\"key\":7,\"value\":\"seven\"}]", read.path("byId").toString());
    assertEquals("{\"city\":\"Lyon\",\"zip\":\"69001\"}", read.path("address").toString());
    assertEquals("[{\"city\":\"Oslo\",\"zip\":null}]", read.path("previous").toString());
    assertEquals(41, read.path("age").asInt());
    assertEquals("eu", read.path("region").asText());
    assertEquals("12.34", read.path("price").asText());
    assertEquals("2022-01-08", read.path("born").asText());
    assertEquals("07:00:00", read.path("alarm").asText());
    assertEquals("2023-11-14T22:13:20.123000+00:00", read.path("seen").asText());
    assertEquals(true, read.path("nickname").isNull());
  }

  @Test
  void ourConverterReadsWhatConfluentsSerializerWrites() throws Exception {
    byte[] bytes = HexFormat.of().parseHex(ConfluentPython.run("encode", registry.url(), Converters.USER_INFO, "orders"));
    assertEquals(1, registry.count("POST", "/subjects/orders-value/versions"));
    SchemaAndValue read = Converters.avro(registry, false).toConnectData("orders", bytes);
    Struct order = (Struct) read.value();
    assertEquals("shop.Order", read.schema().name());
    assertEquals(42L, order.get("id"));
    assertEquals(Decimal.LOGICAL_NAME, read.schema().field("amount").schema().name());
    assertEquals(new BigDecimal("19.99"), order.get("amount"));
    assertEquals("PAID", order.get("status"));
    assertEquals(List.of("a", "b"), order.get("tags"));
    assertEquals(Map.of("w", 1.5), order.get("attrs"));
    assertNull(order.get("note"));
    Struct choice = order.getStruct("choice");
    assertEquals(AvroNames.UNION, choice.schema().name());
    assertEquals("x", choice.get("string"));
    assertNull(choice.get("int"));
    assertEquals(Date.toLogical(Date.SCHEMA, 19782), order.get("day"));
    assertEquals(Timestamp.toLogical(Timestamp.SCHEMA, 1_709_208_000_250L), order.get("at"));
    assertEquals(false, order.get("ok"));
    assertEquals(true, read.schema().field("ok").schema().defaultValue());
    assertEquals(Schema.Type.STRING, read.schema().field("status").schema().type());
  }

  @Test
  void confluentsJsonDeserializerValidatesAndReadsWhatOurJsonConverterWrites() throws Exception {
    byte[] bytes = Converters.json(registry, false).fromConnectData("everything-json", AvroRoundTripTest.EVERYTHING, AvroRoundTripTest.everything());
    // Its JSONDeserializer validates the value against the registered schema before returning it.
    JsonNode read = new ObjectMapper().readTree(
        ConfluentPython.run("json-decode", registry.url(), Converters.USER_INFO, "everything-json", HexFormat.of().formatHex(bytes)));
    assertEquals(new ObjectMapper().readTree(new String(bytes, 5, bytes.length - 5, java.nio.charset.StandardCharsets.UTF_8)), read);
  }

  @Test
  void ourJsonConverterReadsWhatConfluentsJsonSerializerWrites() throws Exception {
    byte[] bytes = HexFormat.of().parseHex(ConfluentPython.run("json-encode", registry.url(), Converters.USER_INFO, "orders-json"));
    assertEquals(1, registry.count("POST", "/subjects/orders-json-value/versions"));
    SchemaAndValue read = Converters.json(registry, false).toConnectData("orders-json", bytes);
    Struct order = (Struct) read.value();
    assertEquals("Order", read.schema().name());
    assertEquals(42L, order.get("id"));
    assertEquals(19.5, order.get("price"));
    assertEquals("PAID", order.get("status"));
    assertEquals(List.of("a", "b"), order.get("tags"));
    assertEquals(Map.of("w", 1.5), order.get("attrs"));
    assertNull(order.get("note"));
    assertEquals(false, order.get("ok"));
  }
}
