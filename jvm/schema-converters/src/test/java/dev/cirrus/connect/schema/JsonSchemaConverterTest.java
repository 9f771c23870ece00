package dev.cirrus.connect.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** JSON_SR: the wire bytes, the registered JSON Schema, every Connect type back and forth. */
class JsonSchemaConverterTest extends RegistryTest {
  private static final Schema USER = SchemaBuilder.struct()
      .field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  @Test
  void writesTheHeaderThenJsonAndRegistersAJsonSchema() throws IOException {
    byte[] bytes = Converters.json(registry, false).fromConnectData("users", USER, new Struct(USER).put("id", 1).put("name", "a"));
    byte[] json = "{\"id\":1,\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    byte[] expected = new byte[5 + json.length];
    expected[4] = 1;
    System.arraycopy(json, 0, expected, 5, json.length);
    assertArrayEquals(expected, bytes);

    TestRegistry.Call call = registry.calls.get(0);
    assertEquals("/subjects/users-value/versions", call.path());
    JsonNode body = JSON.readTree(call.body());
    assertEquals("JSON", body.path("schemaType").asText());
    assertEquals(JSON.readTree("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{"
        + "\"id\":{\"type\":\"integer\",\"connect.type\":\"int32\",\"connect.index\":0},"
        + "\"name\":{\"type\":\"string\",\"connect.index\":1}},\"required\":[\"id\",\"name\"]}"), JSON.readTree(body.path("schema").asText()));
  }

  @Test
  void everyConnectTypeComesBackEqual() {
    Struct value = AvroRoundTripTest.everything();
    byte[] bytes = Converters.json(registry, false).fromConnectData("all", AvroRoundTripTest.EVERYTHING, value);
    SchemaAndValue back = Converters.json(registry, false).toConnectData("all", bytes);
    assertEquals(AvroRoundTripTest.EVERYTHING, back.schema());
    assertEquals(value.put("region", "eu"), back.value());
    assertEquals(1, registry.count("GET", "/schemas/ids/"));
  }

  @Test
  void readsSchemasOfOtherProducersByTheirJsonTypes() throws IOException {
    int id = registry.register("events-value", "{\"type\":\"object\",\"title\":\"Event\",\"properties\":{"
        + "\"n\":{\"type\":\"integer\"},\"x\":{\"type\":\"number\"},\"who\":{\"type\":[\"null\",\"string\"]},"
        + "\"attrs\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"boolean\"}}},\"required\":[\"n\"]}", "JSON");
    byte[] json = "{\"n\":7,\"x\":2.5,\"attrs\":{\"on\":true}}".getBytes(StandardCharsets.UTF_8);
    byte[] framed = WireFormat.frame(id, json);
    SchemaAndValue read = Converters.json(registry, false).toConnectData("events", framed);
    Struct event = (Struct) read.value();
    assertEquals("Event", read.schema().name());
    assertEquals(7L, event.get("n"));
    assertEquals(2.5, event.get("x"));
    assertEquals(null, event.get("who"));
    assertEquals(Map.of("on", true), event.get("attrs"));
    assertTrue(read.schema().field("x").schema().isOptional(), "a property not in required is optional");
  }

  @Test
  void decimalsKeepTheirScaleAsPlainJsonNumbers() {
    Schema schema = SchemaBuilder.struct().field("price", org.apache.kafka.connect.data.Decimal.schema(3)).build();
    byte[] bytes = Converters.json(registry, false).fromConnectData("d", schema, new Struct(schema).put("price", new BigDecimal("0.000")));
    assertEquals("{\"price\":0.000}", new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8));
    assertEquals(new BigDecimal("0.000"), ((Struct) Converters.json(registry, false).toConnectData("d", bytes).value()).get("price"));
  }

  @Test
  void refusesJsonThatDoesNotMatchTheSchema() {
    JsonSchemaConverter converter = Converters.json(registry, false);
    byte[] bytes = converter.fromConnectData("users", USER, new Struct(USER).put("id", 1).put("name", "a"));
    byte[] wrong = WireFormat.frame(bytes[4], "{\"id\":\"one\",\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8));
    DataException e = assertThrows(DataException.class, () -> converter.toConnectData("users", wrong));
    assertTrue(e.getMessage().contains("expected an integer"), e.getMessage());
    byte[] missing = WireFormat.frame(bytes[4], "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
    assertThrows(DataException.class, () -> converter.toConnectData("users", missing));
  }

  @Test
  void arraysOfOptionalsAndTopLevelPrimitivesRoundTrip() {
    for (SchemaAndValue sample : List.of(new SchemaAndValue(Schema.STRING_SCHEMA, "plain"),
        new SchemaAndValue(SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).build(), java.util.Arrays.asList(1L, null)))) {
      byte[] bytes = Converters.json(registry, false).fromConnectData("p", sample.schema(), sample.value());
      assertEquals(sample, Converters.json(registry, false).toConnectData("p", bytes));
    }
  }
}
