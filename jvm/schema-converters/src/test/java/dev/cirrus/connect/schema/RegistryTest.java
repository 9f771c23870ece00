package dev.cirrus.connect.schema;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests against a fresh in-test registry (Basic auth with the converters' test key) each. */
abstract class RegistryTest {
  protected TestRegistry registry;

  @BeforeEach
  void startRegistry() throws IOException {
    registry = new TestRegistry(Converters.basicAuthorization());
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }
}
