package dev.cirrus.connect.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** PROTOBUF's wire format (message indexes included), the registry calls, and files other producers registered. */
class ProtobufConverterTest extends RegistryTest {
  private static final Schema USER = SchemaBuilder.struct().name("test.User")
      .field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
  private static final String USER_PROTO = "syntax = \"proto3\";\npackage test;\n\nmessage User {\n  int32 id = 1;\n  string name = 2;\n}\n";

  /** Registers what the converter will register, with the descriptor a registry would serve for it. */
  static void describe(TestRegistry registry, Schema schema) {
    var file = ProtobufSchemas.toFile(schema);
    registry.describe(ProtoText.print(file), Base64.getEncoder().encodeToString(file.toByteArray()));
  }

  @Test
  void writesConfluentWireFormatAndRegistersProtoText() {
    byte[] bytes = Converters.protobuf(registry, false).fromConnectData("users", USER, new Struct(USER).put("id", 1).put("name", "a"));
    // magic 0, id 1, message indexes [0] as the single byte 0, then field 1 varint 1, field 2 "a".
    assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 0, 0x08, 0x01, 0x12, 0x01, 0x61}, bytes);
    TestRegistry.Call call = registry.calls.get(0);
    assertEquals("/subjects/users-value/versions", call.path());
    assertEquals("{\"schema\":" + quote(USER_PROTO) + ",\"schemaType\":\"PROTOBUF\"}", call.body());
  }

  @Test
  void readsWithTheSerializedDescriptorOnceForManyRecords() {
    describe(registry, USER);
    ProtobufConverter writer = Converters.protobuf(registry, false);
    ProtobufConverter reader = Converters.protobuf(registry, false);
    for (int i = 0; i < 50; i++) {
      SchemaAndValue read = reader.toConnectData("users", writer.fromConnectData("users", USER, new Struct(USER).put("id", i).put("name", "n" + i)));
      assertEquals("test.User", read.schema().name());
      assertEquals(i, ((Struct) read.value()).get("id"));
      assertEquals("n" + i, ((Struct) read.value()).get("name"));
    }
    assertEquals(1, registry.count("POST", "/subjects/"));
    assertEquals(List.of("/schemas/ids/1?format=serialized"),
        registry.calls.stream().filter(c -> c.method().equals("GET")).map(TestRegistry.Call::path).toList());
  }

  @Test
  void readsAnotherProducersFileByMessageIndex() throws IOException {
    // shop.desc.b64: what Cirrus's registry serves for shop.proto (protobuf-descriptor.ts); the
    // records were encoded by protobufjs, not by us.
    int id = registry.register("shop-value", resource("shop.proto"), "PROTOBUF");
    registry.describe(resource("shop.proto"), resource("shop.desc.b64").trim());
    ProtobufConverter reader = Converters.protobuf(registry, false);

    Struct order = (Struct) reader.toConnectData("shop", record(id, "00",
        "080710011a050a0161100222050a017810052a0b0880e2cfaa0610c096b10232040a0268694080d0acf30e5009")).value();
    assertEquals(7L, order.get("id"));
    assertEquals("PAID", order.get("status"));
    assertEquals(Map.of("a", 2), order.get("counts"));
    assertEquals("x", ((Struct) order.getArray("lines").get(0)).get("sku"));
    assertEquals(-3, ((Struct) order.getArray("lines").get(0)).get("qty"));
    assertEquals(new java.util.Date(1_700_000_000_005L), order.get("at"));
    assertEquals("hi", order.get("note"));
    assertNull(order.get("coupon"));
    assertEquals(4_000_000_000L, order.get("units"));
    assertNull(order.get("card"));
    assertEquals(9L, order.get("voucher"));
    assertEquals("shop.Order", order.schema().name());
    assertTrue(order.schema().field("coupon").schema().isOptional());

    // [1]: the file's second message; [0, 0]: the first message's first nested one.
    assertEquals(7L, ((Struct) reader.toConnectData("shop", record(id, "0202", "0807")).value()).get("order_id"));
    Struct line = (Struct) reader.toConnectData("shop", record(id, "040000", "0a0179100a")).value();
    assertEquals("shop.Order.Line", line.schema().name());
    assertEquals(5, line.get("qty"));
  }

  @Test
  void readsAFileThatImportsAnotherThroughRegistryReferences() {
    // money.proto (shop.Money) registered under its import path, as Confluent's serializers do;
    // order.proto imports it and names it in a reference.
    FileDescriptorProto money = FileDescriptorProto.newBuilder().setName("shop/money.proto").setPackage("shop").setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Money").addField(field("cents", 1, Type.TYPE_INT64, null))).build();
    FileDescriptorProto order = FileDescriptorProto.newBuilder().setName("shop/order.proto").setPackage("shop").setSyntax("proto3")
        .addDependency("shop/money.proto")
        .addMessageType(DescriptorProto.newBuilder().setName("Order").addField(field("total", 1, Type.TYPE_MESSAGE, ".shop.Money"))).build();
    registry.register("shop/money.proto", "money text", "PROTOBUF");
    registry.describe("money text", Base64.getEncoder().encodeToString(money.toByteArray()));
    var references = new ObjectMapper().createArrayNode();
    references.addObject().put("name", "shop/money.proto").put("subject", "shop/money.proto").put("version", 1);
    int id = registry.register("orders-value", "order text", "PROTOBUF", references);
    registry.describe("order text", Base64.getEncoder().encodeToString(order.toByteArray()));

    // total { cents: 250 }: field 1, length 3, then field 1 varint 250.
    Struct read = (Struct) Converters.protobuf(registry, false).toConnectData("orders", record(id, "00", "0a0308fa01")).value();
    assertEquals(250L, read.getStruct("total").get("cents"));
    assertEquals("shop.Money", read.schema().field("total").schema().name());
    assertTrue(registry.calls.stream().anyMatch(c -> c.path().equals("/subjects/shop%2Fmoney.proto/versions/1?format=serialized")),
        registry.calls.toString());
  }

  private static FieldDescriptorProto field(String name, int number, Type type, String typeName) {
    FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    return (typeName == null ? field : field.setTypeName(typeName)).build();
  }

  @Test
  void useLatestVersionWritesTheRegisteredMessageMatchingFieldsByName() throws IOException {
    int id = registry.register("shop-value", resource("shop.proto"), "PROTOBUF");
    registry.describe(resource("shop.proto"), resource("shop.desc.b64").trim());
    Schema order = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("status", Schema.STRING_SCHEMA)
        .field("note", Schema.OPTIONAL_STRING_SCHEMA).field("units", Schema.INT64_SCHEMA).build();
    ProtobufConverter converter = Converters.protobuf(registry, false, RegistryConfig.USE_LATEST_VERSION, "true");
    byte[] bytes = converter.fromConnectData("shop", order, new Struct(order).put("id", 7L).put("status", "PAID").put("note", "hi").put("units", 4_000_000_000L));
    assertEquals(id, java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt());
    assertEquals(List.of("/subjects/shop-value/versions/latest?format=serialized"),
        registry.calls.stream().filter(c -> c.method().equals("GET")).map(TestRegistry.Call::path).toList());
    Struct read = (Struct) converter.toConnectData("shop", bytes).value();
    // The enum by name, the StringValue wrapper, and uint32 past 2^31.
    assertEquals(List.of(7L, "PAID", "hi", 4_000_000_000L), List.of(read.get("id"), read.get("status"), read.get("note"), read.get("units")));
    Schema unknown = SchemaBuilder.struct().field("nope", Schema.INT32_SCHEMA).build();
    DataException e = assertThrows(DataException.class, () -> converter.fromConnectData("shop", unknown, new Struct(unknown).put("nope", 1)));
    assertTrue(e.getMessage().contains("field nope is not in the protobuf message shop.Order"), e.getMessage());
  }

  @Test
  void refusesWhatProtobufCannotHold() {
    ProtobufConverter converter = Converters.protobuf(registry, false);
    DataException scalar = assertThrows(DataException.class, () -> converter.fromConnectData("t", Schema.STRING_SCHEMA, "x"));
    assertTrue(scalar.getMessage().contains("structs"), scalar.getMessage());
    Schema nested = SchemaBuilder.struct().field("m", SchemaBuilder.array(SchemaBuilder.array(Schema.INT32_SCHEMA))).build();
    DataException arrays = assertThrows(DataException.class, () -> converter.fromConnectData("t", nested, new Struct(nested).put("m", List.of())));
    assertTrue(arrays.getMessage().contains("cannot be arrays or maps"), arrays.getMessage());
    Schema badName = SchemaBuilder.struct().field("my-field", Schema.INT32_SCHEMA).build();
    DataException name = assertThrows(DataException.class, () -> converter.fromConnectData("t", badName, new Struct(badName).put("my-field", 1)));
    assertTrue(name.getMessage().contains("'my-field' is not a valid protobuf field name"), name.getMessage());
    assertNull(converter.fromConnectData("t", USER, null));
  }

  private static byte[] record(int id, String indexesHex, String messageHex) {
    return WireFormat.frame(id, HexFormat.of().parseHex(indexesHex + messageHex));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ProtobufConverterTest.class.getResourceAsStream("/protobuf/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String quote(String text) {
    return new ObjectMapper().valueToTree(text).toString();
  }
}
