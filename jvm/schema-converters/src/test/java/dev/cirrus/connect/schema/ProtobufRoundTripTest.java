package dev.cirrus.connect.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** Every Connect type through PROTOBUF and back, with the mapping ProtobufSchemas documents. */
class ProtobufRoundTripTest extends RegistryTest {
  private static final Schema ADDRESS = SchemaBuilder.struct().name("shop.Address").field("city", Schema.STRING_SCHEMA).build();
  private static final Schema ALL = SchemaBuilder.struct().name("shop.Everything")
      .field("i8", Schema.INT8_SCHEMA).field("i16", Schema.INT16_SCHEMA).field("i32", Schema.INT32_SCHEMA)
      .field("i64", Schema.INT64_SCHEMA).field("f32", Schema.FLOAT32_SCHEMA).field("f64", Schema.FLOAT64_SCHEMA)
      .field("flag", Schema.BOOLEAN_SCHEMA).field("text", Schema.STRING_SCHEMA).field("raw", Schema.BYTES_SCHEMA)
      .field("maybe_text", Schema.OPTIONAL_STRING_SCHEMA).field("maybe_long", Schema.OPTIONAL_INT64_SCHEMA)
      .field("zero_or_null", Schema.OPTIONAL_INT32_SCHEMA)
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field("homes", SchemaBuilder.array(ADDRESS).build())
      .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
      .field("by_id", SchemaBuilder.map(Schema.INT32_SCHEMA, ADDRESS).build())
      .field("address", ADDRESS).field("no_address", SchemaBuilder.struct().name("shop.Other").optional().field("x", Schema.INT32_SCHEMA).build())
      .field("at", Timestamp.SCHEMA).field("day", Date.SCHEMA).field("clock", Time.SCHEMA).field("price", Decimal.schema(2))
      .build();

  private static final Schema TIMES = SchemaBuilder.struct().name("cal.Times").field("at", Timestamp.SCHEMA).field("day", Date.SCHEMA)
      .field("clock", Time.SCHEMA).field("maybe_day", Date.builder().optional().build()).build();

  @Test
  void everyConnectTypeReadsBack() {
    Struct address = new Struct(ADDRESS).put("city", "Lyon");
    Struct value = new Struct(ALL).put("i8", (byte) -8).put("i16", (short) 1600).put("i32", -32).put("i64", 1L << 40)
        .put("f32", 1.5f).put("f64", -2.25).put("flag", true).put("text", "héllo").put("raw", new byte[] {0, 1, (byte) 255})
        .put("maybe_text", null).put("maybe_long", 0L).put("zero_or_null", 0)
        .put("tags", List.of("a", "b")).put("homes", List.of(address, new Struct(ADDRESS).put("city", "Oslo")))
        .put("scores", Map.of("x", 3L)).put("by_id", Map.of(5, address)).put("address", address)
        .put("at", new java.util.Date(1_700_000_000_123L)).put("day", new java.util.Date(86_400_000L * 19_000))
        .put("clock", new java.util.Date(3_600_000L)).put("price", new BigDecimal("12.30"));
    ProtobufConverterTest.describe(registry, ALL);
    ProtobufConverter converter = Converters.protobuf(registry, false);
    Struct read = (Struct) converter.toConnectData("all", converter.fromConnectData("all", ALL, value)).value();

    // int8 and int16 widen to int32; Decimal reads as its string.
    assertEquals(-8, read.get("i8"));
    assertEquals(1600, read.get("i16"));
    assertEquals(-32, read.get("i32"));
    assertEquals(1L << 40, read.get("i64"));
    assertEquals(1.5f, read.get("f32"));
    assertEquals(-2.25, read.get("f64"));
    assertEquals(true, read.get("flag"));
    assertEquals("héllo", read.get("text"));
    assertArrayEquals(new byte[] {0, 1, (byte) 255}, read.getBytes("raw"));
    // proto3 `optional` keeps null apart from a written zero.
    assertNull(read.get("maybe_text"));
    assertEquals(0L, read.get("maybe_long"));
    assertEquals(0, read.get("zero_or_null"));
    assertEquals(List.of("a", "b"), read.get("tags"));
    assertEquals("Oslo", ((Struct) read.getArray("homes").get(1)).get("city"));
    assertEquals(Map.of("x", 3L), read.get("scores"));
    assertEquals("Lyon", ((Struct) read.getMap("by_id").get(5)).get("city"));
    assertEquals("Lyon", read.getStruct("address").get("city"));
    assertNull(read.get("no_address"));
    assertEquals(new java.util.Date(1_700_000_000_123L), read.get("at"));
    assertEquals(Timestamp.LOGICAL_NAME, read.schema().field("at").schema().name());
    assertEquals(new java.util.Date(86_400_000L * 19_000), read.get("day"));
    assertEquals(Date.LOGICAL_NAME, read.schema().field("day").schema().name());
    assertEquals(new java.util.Date(3_600_000L), read.get("clock"));
    assertEquals(Time.LOGICAL_NAME, read.schema().field("clock").schema().name());
    assertEquals("12.30", read.get("price"));
    assertEquals("shop.Everything", read.schema().name());
    assertEquals(Schema.Type.INT32, read.schema().field("i8").schema().type());
  }

  @Test
  void logicalTypesReadBackThroughTheDescriptorCirrussRegistryServes() throws IOException {
    // times.proto is what ProtoText prints for TIMES, and times.desc.b64 what Cirrus's registry
    // answers for it with format=serialized (test/unit/schema-registry-protobuf-descriptor.test.ts
    // checks that side): the two halves of the converter meet through the registry's descriptor.
    String text = ProtoText.print(ProtobufSchemas.toFile(TIMES));
    assertEquals(resource("times.proto"), text);
    registry.describe(text, resource("times.desc.b64").trim());
    ProtobufConverter converter = Converters.protobuf(registry, false);
    Struct value = new Struct(TIMES).put("at", new java.util.Date(1_700_000_000_123L)).put("day", new java.util.Date(86_400_000L * 19_000))
        .put("clock", new java.util.Date(45_296_789L)).put("maybe_day", null);
    Struct read = (Struct) converter.toConnectData("times", converter.fromConnectData("times", TIMES, value)).value();
    assertEquals(List.of(value.get("at"), value.get("day"), value.get("clock")), List.of(read.get("at"), read.get("day"), read.get("clock")));
    assertNull(read.get("maybe_day"));
    assertEquals(List.of(Timestamp.LOGICAL_NAME, Date.LOGICAL_NAME, Time.LOGICAL_NAME, Date.LOGICAL_NAME),
        read.schema().fields().stream().map(f -> f.schema().name()).toList());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ProtobufRoundTripTest.class.getResourceAsStream("/protobuf/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void writesTheProtoTextTheRegistryStores() {
    var file = ProtobufSchemas.toFile(SchemaBuilder.struct().name("Flat")
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("by_id", SchemaBuilder.map(Schema.INT32_SCHEMA, ADDRESS).build())
        .field("maybe", Schema.OPTIONAL_BOOLEAN_SCHEMA).field("at", Timestamp.builder().optional().build()).build());
    assertEquals("""
        syntax = "proto3";
        import "google/protobuf/timestamp.proto";

        message Flat {

          message ByIdValue {
            string city = 1;
          }
          repeated string tags = 1;
          map<int32, .Flat.ByIdValue> by_id = 2;
          optional bool maybe = 3;
          .google.protobuf.Timestamp at = 4;
        }
        """, ProtoText.print(file));
  }
}
