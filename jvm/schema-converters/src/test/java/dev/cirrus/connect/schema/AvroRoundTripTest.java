package dev.cirrus.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Connect type through a source's converter, the registry, and a sink's converter, and back. */
class AvroRoundTripTest {
  static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address").doc("where")
      .field("city", Schema.STRING_SCHEMA).field("zip", Schema.OPTIONAL_STRING_SCHEMA).build();
  static final Schema DECIMAL = Decimal.schema(2);
  static final Schema EVERYTHING = SchemaBuilder.struct().name("com.example.Everything")
      .field("i8", Schema.INT8_SCHEMA).field("i16", Schema.INT16_SCHEMA)
      .field("i32", Schema.INT32_SCHEMA).field("i64", Schema.INT64_SCHEMA)
      .field("f32", Schema.FLOAT32_SCHEMA).field("f64", Schema.FLOAT64_SCHEMA)
      .field("flag", Schema.BOOLEAN_SCHEMA).field("text", Schema.STRING_SCHEMA).field("raw", Schema.BYTES_SCHEMA)
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
      .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
      .field("address", ADDRESS)
      .field("previous", SchemaBuilder.array(ADDRESS).build())
      .field("nickname", Schema.OPTIONAL_STRING_SCHEMA).field("age", Schema.OPTIONAL_INT32_SCHEMA)
      .field("second", SchemaBuilder.struct().field("x", Schema.INT64_SCHEMA).optional().build())
      .field("level", SchemaBuilder.int32().defaultValue(3).build())
      .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
      .field("price", DECIMAL).field("born", Date.SCHEMA).field("alarm", Time.SCHEMA).field("seen", Timestamp.SCHEMA)
      .build();
  private TestRegistry registry;

  @BeforeEach
  void start() throws IOException {
    registry = new TestRegistry(null);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  static Struct everything() {
    return new Struct(EVERYTHING)
        .put("i8", (byte) -8).put("i16", (short) 1600).put("i32", 32).put("i64", 1L << 40)
        .put("f32", 1.5f).put("f64", -2.25).put("flag", true).put("text", "héllo").put("raw", new byte[] {0, 1, (byte) 0xff})
        .put("tags", List.of("a", "b")).put("counts", Map.of("x", 1, "y", 2)).put("byId", Map.of(7, "seven"))
        .put("address", new Struct(ADDRESS).put("city", "Lyon").put("zip", "69001"))
        .put("previous", List.of(new Struct(ADDRESS).put("city", "Oslo")))
        .put("age", 41).put("level", 5)
        .put("price", new BigDecimal("12.34")).put("born", Date.toLogical(Date.SCHEMA, 19000))
        .put("alarm", Time.toLogical(Time.SCHEMA, 7 * 3600 * 1000)).put("seen", Timestamp.toLogical(Timestamp.SCHEMA, 1_700_000_000_123L));
  }

  @Test
  void everyConnectTypeComesBackEqual() {
    Struct value = everything();
    byte[] bytes = Converters.avro(registry, false).fromConnectData("all", EVERYTHING, value);
    SchemaAndValue back = Converters.avro(registry, false).toConnectData("all", bytes);
    assertEquals(EVERYTHING, back.schema());
    // An unset field with a default travels as its default (Avro has no "unset"), as with Confluent.
    // Struct equality compares byte arrays by content (ConnectSchema's deepEquals).
    assertEquals(value.put("region", "eu"), back.value());
    assertNull(((Struct) back.value()).get("nickname"));
  }

  @Test
  void registersTheSchemaConfluentsAvroDataWouldWrite() throws IOException {
    Converters.avro(registry, false).fromConnectData("all", EVERYTHING, everything());
    JsonNode schema = new ObjectMapper().readTree(new ObjectMapper().readTree(registry.calls.get(0).body()).path("schema").asText());
    assertEquals("Everything", schema.path("name").asText());
    assertEquals("com.example", schema.path("namespace").asText());
    assertEquals("com.example.Everything", schema.path("connect.name").asText());
    JsonNode fields = schema.path("fields");
    assertEquals("{\"type\":\"int\",\"connect.type\":\"int8\"}", field(fields, "i8").path("type").toString());
    assertEquals("[\"null\",\"string\"]", field(fields, "nickname").path("type").toString());
    assertEquals("null", field(fields, "nickname").path("default").toString());
    assertEquals("[\"string\",\"null\"]", field(fields, "region").path("type").toString());
    assertEquals("\"eu\"", field(fields, "region").path("default").toString());
    assertEquals("3", field(fields, "level").path("default").toString());
    // Jackson's object equality ignores property order, which is no part of the schema.
    assertEquals(new ObjectMapper().readTree("{\"type\":\"bytes\",\"scale\":2,\"precision\":64,\"connect.version\":1,"
        + "\"connect.parameters\":{\"scale\":\"2\"},\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\"}"),
        field(fields, "price").path("type"));
    assertEquals("date", field(fields, "born").path("type").path("logicalType").asText());
    assertEquals("time-millis", field(fields, "alarm").path("type").path("logicalType").asText());
    assertEquals("timestamp-millis", field(fields, "seen").path("type").path("logicalType").asText());
    JsonNode entry = field(fields, "byId").path("type").path("items");
    assertEquals("io.confluent.connect.avro.MapEntry", entry.path("namespace").asText() + "." + entry.path("name").asText());
    assertEquals("ConnectDefault", field(fields, "second").path("type").get(1).path("name").asText());
  }

  @Test
  void primitivesAtTheTopLevelRoundTrip() {
    for (SchemaAndValue sample : List.of(new SchemaAndValue(Schema.STRING_SCHEMA, "plain"), new SchemaAndValue(Schema.INT64_SCHEMA, 9L),
        new SchemaAndValue(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build(), java.util.Arrays.asList(1, null, 3)))) {
      byte[] bytes = Converters.avro(registry, false).fromConnectData("prim", sample.schema(), sample.value());
      assertEquals(sample, Converters.avro(registry, false).toConnectData("prim", bytes));
    }
  }

  @Test
  void bytesMayArriveAsAByteBuffer() {
    byte[] bytes = Converters.avro(registry, false).fromConnectData("b", Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {9, 8}));
    assertEquals(List.of((byte) 9, (byte) 8), toList((byte[]) Converters.avro(registry, false).toConnectData("b", bytes).value()));
  }

  private static List<Byte> toList(byte[] bytes) {
    List<Byte> out = new java.util.ArrayList<>();
    for (byte b : bytes) out.add(b);
    return out;
  }

  private static JsonNode field(JsonNode fields, String name) {
    for (JsonNode field : fields) if (field.path("name").asText().equals(name)) return field;
    throw new AssertionError("no field " + name + " in " + fields);
  }
}
