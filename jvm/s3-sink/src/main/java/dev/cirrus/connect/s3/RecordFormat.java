package dev.cirrus.connect.s3;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * How records become the bytes of an object. Encoding is split from writing so that a record the
 * format cannot take throws (DataException) before anything of it is buffered, and so that a format
 * whose objects carry one schema (AVRO) can ask for a new object when the schema changes.
 */
public interface RecordFormat {
    String extension();

    /** One record, converted; throws DataException for a record this format cannot write. */
    Encoded encode(SinkRecord record);

    /** A new, empty object whose first record will be {@code first}. */
    ObjectBuffer open(Encoded first);

    /** A converted record and the schema the object holding it must have (null: any object takes it). */
    record Encoded(Object value, Object objectSchema) {}

    /** The object being filled. */
    interface ObjectBuffer {
        /** False when the record needs an object of another schema: the writer then uploads this one first. */
        boolean accepts(Encoded record);

        void append(Encoded record);

        /** The complete object; the buffer is not used afterwards. */
        byte[] finish();
    }

    static RecordFormat of(S3SinkConfig config) {
        return switch (config.format()) {
            case BYTES -> new Bytes();
            case JSON -> new Json();
            case AVRO -> new AvroFormat(config.avroCodec());
            case PARQUET -> new ParquetFormat(config.parquetCodec());
        };
    }

    /** Formats whose objects are records' bytes one after another, whatever their schemas. */
    abstract class Lines implements RecordFormat {
        abstract byte[] line(SinkRecord record);

        @Override
        public Encoded encode(SinkRecord record) { return new Encoded(line(record), null); }

        @Override
        public ObjectBuffer open(Encoded first) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return new ObjectBuffer() {
                @Override
                public boolean accepts(Encoded record) { return true; }

                @Override
                public void append(Encoded record) { out.writeBytes((byte[]) record.value()); }

                @Override
                public byte[] finish() { return out.toByteArray(); }
            };
        }

        static byte[] withNewline(byte[] bytes) {
            byte[] line = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, line, 0, bytes.length);
            line[bytes.length] = '\n';
            return line;
        }
    }

    /** One JSON value per line, as Confluent's JsonFormat: JsonConverter without the schema envelope. */
    final class Json extends Lines {
        private final JsonConverter converter = new JsonConverter();

        Json() {
            converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
        }

        @Override
        public String extension() { return "json"; }

        @Override
        byte[] line(SinkRecord record) {
            return withNewline(converter.fromConnectData(record.topic(), record.valueSchema(), record.value()));
        }
    }

    /** Raw byte[] values, each followed by a line separator, as Confluent's ByteArrayFormat by default. */
    final class Bytes extends Lines {
        @Override
        public String extension() { return "bin"; }

        @Override
        byte[] line(SinkRecord record) {
            if (!(record.value() instanceof byte[] value)) {
                throw new DataException("format BYTES needs byte[] values (value.converter ByteArrayConverter), got "
                        + record.value().getClass().getName() + " in " + record.topic() + "-" + record.kafkaPartition()
                        + "@" + record.kafkaOffset());
            }
            return withNewline(value);
        }
    }
}
