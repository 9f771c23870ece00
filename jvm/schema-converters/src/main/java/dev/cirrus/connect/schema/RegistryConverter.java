package dev.cirrus.connect.schema;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * What every Schema Registry converter does the same way, whatever the format: TopicNameStrategy
 * subjects, register / look up / latest version, the wire format's header, the caches, and errors as
 * DataExceptions. A format brings its writer (a Connect schema made ready to write, W) and its reader
 * (a registry schema made ready to read, R).
 */
abstract class RegistryConverter<W, R> implements Converter {
  private RegistryClient registry;
  private boolean isKey;
  private boolean autoRegister;
  private boolean useLatestVersion;
  private BoundedCache<Schema, W> writers;
  private BoundedCache<Integer, W> latestWriters;
  private BoundedCache<Integer, R> readers;

  /** The registry's name for the format: AVRO, JSON or PROTOBUF. */
  abstract String schemaType();

  abstract W writer(Schema schema);

  /** A writer for a schema already in the registry (use.latest.version), as schemaFormat() answers it. */
  abstract W writer(String registered);

  /** The schema text the registry stores for this writer. */
  abstract String text(W writer);

  abstract byte[] encode(W writer, Schema schema, Object value);

  abstract R reader(String registered);

  /** A reader for a registered schema; a format whose schemas import others fetches them here. */
  R reader(RegistryClient registry, RegistryClient.Registered registered) {
    return reader(registered.schema());
  }

  /**
   * How the registry should answer `GET /schemas/ids/{id}` and `…/versions/latest`: null for the schema as registered,
   * `serialized` for PROTOBUF's descriptor (protobuf-java cannot parse .proto text).
   */
  String schemaFormat() {
    return null;
  }

  abstract SchemaAndValue decode(R reader, byte[] record, int offset, int length);

  @Override
  public ConfigDef config() {
    return RegistryConfig.CONFIG_DEF;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    RegistryConfig config = new RegistryConfig(configs);
    this.registry = RegistryClient.shared(config);
    this.isKey = isKey;
    this.autoRegister = config.getBoolean(RegistryConfig.AUTO_REGISTER);
    this.useLatestVersion = config.getBoolean(RegistryConfig.USE_LATEST_VERSION);
    int capacity = config.getInt(RegistryConfig.CACHE_CAPACITY);
    this.writers = new BoundedCache<>(capacity);
    this.latestWriters = new BoundedCache<>(capacity);
    this.readers = new BoundedCache<>(capacity);
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    // A tombstone stays a tombstone, as with Confluent's converters.
    if (value == null) return null;
    if (schema == null) throw new DataException("the " + schemaType() + " converter needs a Connect schema; schemaless data cannot be registered");
    String subject = topic + (isKey ? "-key" : "-value");
    try {
      W writer;
      int id;
      if (useLatestVersion) {
        RegistryClient.Registered latest = registry.latest(subject, schemaFormat());
        id = latest.id();
        writer = latestWriters.get(id, k -> writer(latest.schema()));
      } else {
        writer = writers.get(schema, this::writer);
        String text = text(writer);
        id = autoRegister ? registry.register(subject, text, schemaType()) : registry.lookup(subject, text, schemaType());
      }
      return WireFormat.frame(id, encode(writer, schema, value));
    } catch (DataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DataException("cannot convert a record of topic " + topic + " to " + schemaType() + ": " + e, e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) return SchemaAndValue.NULL;
    ByteBuffer buffer = ByteBuffer.wrap(value);
    int id = WireFormat.schemaId(buffer);
    try {
      R reader = readers.get(id, k -> reader(registry, registry.schemaById(id, schemaFormat())));
      return decode(reader, value, buffer.position(), buffer.remaining());
    } catch (DataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DataException("cannot read the " + schemaType() + " record of topic " + topic + " with schema id " + id + ": " + e, e);
    }
  }
}
