package dev.cirrus.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

/** The registry settings: credentials in the URL, several URLs, bad values. */
class RegistryConfigTest extends RegistryTest {
  @Test
  void credentialsInTheUrlBecomeTheAuthorizationHeaderAndLeaveTheUrl() {
    String url = registry.url().replace("http://", "http://" + Converters.USER_INFO + "@");
    RegistryConfig config = new RegistryConfig(Map.of(RegistryConfig.URL, url));
    assertEquals(List.of(registry.url()), config.baseUrls());
    AvroConverter converter = new AvroConverter();
    converter.configure(Map.of(RegistryConfig.URL, url), false);
    converter.fromConnectData("in-url", Schema.STRING_SCHEMA, "v");
    assertEquals(Converters.basicAuthorization(), registry.calls.get(0).authorization());
  }

  @Test
  void anUnreachableFirstUrlFallsBackToTheNext() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    AvroConverter converter = Converters.avro(registry, false, RegistryConfig.URL, "http://127.0.0.1:" + closed + "/sr/, " + registry.url() + "/");
    byte[] bytes = converter.fromConnectData("fallback", Schema.STRING_SCHEMA, "v");
    assertEquals(0, bytes[0]);
    assertEquals("/subjects/fallback-value/versions", registry.calls.get(0).path());
  }

  @Test
  void refusesWhatCannotWork() {
    assertThrows(ConfigException.class, () -> new RegistryConfig(Map.of()));
    assertThrows(ConfigException.class, () -> new RegistryConfig(Map.of(RegistryConfig.URL, "")).baseUrls());
    ConfigException notAUrl = assertThrows(ConfigException.class,
        () -> new RegistryConfig(Map.of(RegistryConfig.URL, "key:hidden-secret@nowhere")).baseUrls());
    assertFalse(notAUrl.getMessage().contains("hidden-secret"), notAUrl.getMessage());
    assertThrows(ConfigException.class,
        () -> new RegistryConfig(Map.of(RegistryConfig.URL, registry.url(), RegistryConfig.CREDENTIALS_SOURCE, "SASL_INHERIT")));
  }
}
