package dev.cirrus.connect.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Connect data to and from Avro in Confluent's wire format, schemas kept in a Schema Registry under
 * TopicNameStrategy subjects (topic-value, topic-key). The drop-in for Confluent's
 * io.confluent.connect.avro.AvroConverter, with the same settings.
 */
public class AvroConverter implements Converter {
  private RegistryClient registry;
  private boolean isKey;
  private boolean autoRegister;
  private boolean useLatestVersion;
  private BoundedCache<Schema, Writer> writers;
  private BoundedCache<Integer, Reader> readers;
  private BoundedCache<Integer, Writer> latestWriters;

  /** A Connect schema ready to write: its Avro schema, as text for the registry, and a writer. */
  private record Writer(org.apache.avro.Schema avro, String text, GenericDatumWriter<Object> datumWriter) {}

  /** A registry id ready to read: the writer's Avro schema, its Connect schema, and a reader. */
  private record Reader(org.apache.avro.Schema avro, Schema connect, GenericDatumReader<Object> datumReader) {}

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
    this.readers = new BoundedCache<>(capacity);
    this.latestWriters = new BoundedCache<>(capacity);
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    // A tombstone stays a tombstone, as with Confluent's converter.
    if (value == null) return null;
    String subject = topic + (isKey ? "-key" : "-value");
    try {
      Writer writer;
      int id;
      if (useLatestVersion) {
        RegistryClient.Registered latest = registry.latest(subject);
        id = latest.id();
        writer = latestWriters.get(id, k -> writer(parse(latest.schema(), id)));
      } else {
        writer = writers.get(schema, s -> writer(AvroSchemas.toAvro(s)));
        id = autoRegister ? registry.register(subject, writer.text(), "AVRO") : registry.lookup(subject, writer.text(), "AVRO");
      }
      return WireFormat.frame(id, encode(writer, AvroValues.toAvro(schema, writer.avro(), value)));
    } catch (ClassCastException | AvroRuntimeException e) {
      throw new DataException("cannot convert a record of topic " + topic + " to Avro: " + e.getMessage(), e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) return SchemaAndValue.NULL;
    ByteBuffer buffer = ByteBuffer.wrap(value);
    int id = WireFormat.schemaId(buffer);
    Reader reader = readers.get(id, this::reader);
    try {
      Object datum = reader.datumReader().read(null,
          DecoderFactory.get().binaryDecoder(value, buffer.position(), buffer.remaining(), null));
      return new SchemaAndValue(reader.connect(), ConnectValues.toConnect(reader.connect(), reader.avro(), datum));
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException dataException) throw dataException;
      throw new DataException("cannot read the Avro record of topic " + topic + " with schema id " + id + ": " + e.getMessage(), e);
    }
  }

  private static Writer writer(org.apache.avro.Schema avro) {
    return new Writer(avro, avro.toString(), new GenericDatumWriter<>(avro));
  }

  private Reader reader(int id) {
    org.apache.avro.Schema avro = parse(registry.schemaById(id), id);
    return new Reader(avro, ConnectSchemas.toConnect(avro), new GenericDatumReader<>(avro));
  }

  private static org.apache.avro.Schema parse(String text, int id) {
    try {
      return new org.apache.avro.Schema.Parser().parse(text);
    } catch (AvroRuntimeException e) {
      throw new DataException("schema id " + id + " is not an Avro schema: " + e.getMessage(), e);
    }
  }

  private static byte[] encode(Writer writer, Object datum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      writer.datumWriter().write(datum, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new DataException("cannot encode Avro: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
