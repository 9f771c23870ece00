package dev.cirrus.connect.schema;

import java.util.HashMap;
import java.util.Map;

/** Converters configured as a connector config would configure them (value.converter.* stripped). */
final class Converters {
  static final String USER_INFO = "SRKEY123:s3cr3t-registry-secret";

  private Converters() {}

  static Map<String, Object> config(TestRegistry registry, String... extra) {
    Map<String, Object> config = new HashMap<>();
    config.put(RegistryConfig.URL, registry.url());
    config.put(RegistryConfig.CREDENTIALS_SOURCE, "USER_INFO");
    config.put(RegistryConfig.USER_INFO, USER_INFO);
    for (int i = 0; i < extra.length; i += 2) config.put(extra[i], extra[i + 1]);
    return config;
  }

  static AvroConverter avro(TestRegistry registry, boolean isKey, String... extra) {
    AvroConverter converter = new AvroConverter();
    converter.configure(config(registry, extra), isKey);
    return converter;
  }

  static JsonSchemaConverter json(TestRegistry registry, boolean isKey, String... extra) {
    JsonSchemaConverter converter = new JsonSchemaConverter();
    converter.configure(config(registry, extra), isKey);
    return converter;
  }

  static ProtobufConverter protobuf(TestRegistry registry, boolean isKey, String... extra) {
    ProtobufConverter converter = new ProtobufConverter();
    converter.configure(config(registry, extra), isKey);
    return converter;
  }

  static String basicAuthorization() {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(USER_INFO.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
