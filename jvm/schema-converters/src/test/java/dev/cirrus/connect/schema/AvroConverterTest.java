package dev.cirrus.connect.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** The wire format, the registry calls (subjects, cache, auth) and the errors. */
class AvroConverterTest extends RegistryTest {
  private static final Schema USER = SchemaBuilder.struct()
      .field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
  private static final String USER_AVRO = "{\"type\":\"record\",\"name\":\"ConnectDefault\",\"namespace\":\"io.confluent.connect.avro\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"int\"},{\"name\":\"name\",\"type\":\"string\"}]}";
  @Test
  void writesConfluentWireFormatAndRegistersUnderTopicValue() throws Exception {
    byte[] bytes = Converters.avro(registry, false).fromConnectData("users", USER, new Struct(USER).put("id", 1).put("name", "a"));
    // magic 0, id 1 (4 bytes big-endian), zigzag varint 1 = 0x02, string length 1 = 0x02, 'a'.
    assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 0x02, 0x02, 0x61}, bytes);
    TestRegistry.Call call = registry.calls.get(0);
    assertEquals("POST", call.method());
    assertEquals("/subjects/users-value/versions", call.path());
    // schemaType is left out for AVRO, as Confluent's serializers do.
    assertEquals("{\"schema\":" + quote(USER_AVRO) + "}", call.body());
  }

  @Test
  void keysGoToTheTopicKeySubject() {
    Converters.avro(registry, true).fromConnectData("users", Schema.STRING_SCHEMA, "k1");
    assertEquals("/subjects/users-key/versions", registry.calls.get(0).path());
  }

  @Test
  void oneRegistryCallServesManyRecords() {
    AvroConverter writer = Converters.avro(registry, false);
    AvroConverter reader = Converters.avro(registry, false);
    for (int i = 0; i < 100; i++) {
      byte[] bytes = writer.fromConnectData("users", USER, new Struct(USER).put("id", i).put("name", "n" + i));
      assertEquals(i, ((Struct) reader.toConnectData("users", bytes).value()).get("id"));
    }
    assertEquals(1, registry.count("POST", "/subjects/"));
    assertEquals(1, registry.count("GET", "/schemas/ids/"));
    assertEquals(2, registry.calls.size());
  }

  @Test
  void sendsTheRegistryKeyAsBasicAuth() {
    Converters.avro(registry, false).fromConnectData("users", USER, new Struct(USER).put("id", 1).put("name", "a"));
    assertEquals(Converters.basicAuthorization(), registry.calls.get(0).authorization());
  }

  @Test
  void takesTheCredentialsUnderTheirPrefixedNameToo() {
    AvroConverter converter = new AvroConverter();
    var config = Converters.config(registry);
    config.put(RegistryConfig.PREFIXED_USER_INFO, config.remove(RegistryConfig.USER_INFO));
    converter.configure(config, false);
    converter.fromConnectData("prefixed", Schema.STRING_SCHEMA, "v");
    assertEquals(Converters.basicAuthorization(), registry.calls.get(0).authorization());
  }

  @Test
  void aRefusedKeyIsADataExceptionWithTheRegistryErrorAndNoSecret() {
    AvroConverter converter = Converters.avro(registry, false, RegistryConfig.USER_INFO, "SRKEY123:wrong-secret");
    DataException e = assertThrows(DataException.class, () -> converter.fromConnectData("users", Schema.STRING_SCHEMA, "x"));
    assertTrue(e.getMessage().contains("401") && e.getMessage().contains("error 40101: Unauthorized"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
  }

  @Test
  void withoutAutoRegisterLooksTheIdUpAndReportsAMissingSubject() {
    int id = registry.register("users-value", USER_AVRO, "AVRO");
    AvroConverter converter = Converters.avro(registry, false, RegistryConfig.AUTO_REGISTER, "false");
    byte[] bytes = converter.fromConnectData("users", USER, new Struct(USER).put("id", 1).put("name", "a"));
    assertEquals(id, bytes[4]);
    assertEquals("/subjects/users-value", registry.calls.get(0).path());
    DataException e = assertThrows(DataException.class, () -> converter.fromConnectData("orders", USER, new Struct(USER).put("id", 1).put("name", "a")));
    assertTrue(e.getMessage().contains("error 40401: Subject 'orders-value' not found."), e.getMessage());
  }

  @Test
  void useLatestVersionWritesWithTheSubjectsLatestSchema() {
    String withEmail = USER_AVRO.replace("]}", ",{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    registry.register("users-value", USER_AVRO, "AVRO");
    int latest = registry.register("users-value", withEmail, "AVRO");
    AvroConverter converter = Converters.avro(registry, false, RegistryConfig.AUTO_REGISTER, "false", RegistryConfig.USE_LATEST_VERSION, "true");
    byte[] bytes = converter.fromConnectData("users", USER, new Struct(USER).put("id", 1).put("name", "a"));
    // The email field absent from the record takes its default: union branch 0 (null) = 0x00.
    assertArrayEquals(new byte[] {0, 0, 0, 0, (byte) latest, 0x02, 0x02, 0x61, 0x00}, bytes);
  }

  @Test
  void tombstonesStayNull() {
    AvroConverter converter = Converters.avro(registry, false);
    assertNull(converter.fromConnectData("users", USER, null));
    assertEquals(SchemaAndValue.NULL, converter.toConnectData("users", null));
    assertTrue(registry.calls.isEmpty());
  }

  @Test
  void refusesBytesNotInTheWireFormat() {
    AvroConverter converter = Converters.avro(registry, false);
    DataException magic = assertThrows(DataException.class, () -> converter.toConnectData("t", new byte[] {1, 0, 0, 0, 1, 2}));
    assertTrue(magic.getMessage().contains("magic byte"), magic.getMessage());
    assertThrows(DataException.class, () -> converter.toConnectData("t", new byte[] {0, 0}));
    DataException unknownId = assertThrows(DataException.class, () -> converter.toConnectData("t", new byte[] {0, 0, 0, 0, 42, 2}));
    assertTrue(unknownId.getMessage().contains("error 40403"), unknownId.getMessage());
  }

  @Test
  void refusesValuesThatDoNotMatchTheirSchema() {
    AvroConverter converter = Converters.avro(registry, false);
    assertThrows(DataException.class, () -> converter.fromConnectData("t", Schema.INT32_SCHEMA, "not an int"));
    assertThrows(DataException.class, () -> converter.fromConnectData("t", null, "schemaless"));
    Struct missing = new Struct(USER).put("id", 1);
    DataException e = assertThrows(DataException.class, () -> converter.fromConnectData("t", USER, missing));
    assertTrue(e.getMessage().contains("required"), e.getMessage());
  }

  @Test
  void anUnreachableRegistryIsADataException() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AvroConverter converter = new AvroConverter();
    converter.configure(java.util.Map.of(RegistryConfig.URL, "http://127.0.0.1:" + port + "/sr", RegistryConfig.CONNECT_TIMEOUT_MS, "2000"), false);
    DataException e = assertThrows(DataException.class, () -> converter.fromConnectData("t", Schema.STRING_SCHEMA, "x"));
    assertTrue(e.getMessage().contains("cannot reach Schema Registry"), e.getMessage());
  }

  @Test
  void userInfoWithoutASecretIsAConfigErrorThatHidesTheValue() {
    AvroConverter converter = new AvroConverter();
    var config = Converters.config(registry, RegistryConfig.USER_INFO, "only-a-key");
    ConfigException e = assertThrows(ConfigException.class, () -> converter.configure(config, false));
    assertFalse(e.getMessage().contains("only-a-key"), e.getMessage());
  }

  private static String quote(String json) {
    return "\"" + json.replace("\"", "\\\"") + "\"";
  }
}
