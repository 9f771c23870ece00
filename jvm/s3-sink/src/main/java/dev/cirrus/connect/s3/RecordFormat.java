package dev.cirrus.connect.s3;

import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/** How one record's value becomes bytes of an object (a line, separator included). */
public interface RecordFormat {
    String extension();

    byte[] encode(SinkRecord record);

    static RecordFormat of(S3SinkConfig.Format format) {
        return format == S3SinkConfig.Format.BYTES ? new Bytes() : new Json();
    }

    /** One JSON value per line, as Confluent's JsonFormat: JsonConverter without the schema envelope. */
    final class Json implements RecordFormat {
        private final JsonConverter converter = new JsonConverter();

        Json() {
            converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
        }

        @Override
        public String extension() { return "json"; }

        @Override
        public byte[] encode(SinkRecord record) {
            byte[] json = converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        }
    }

    /** Raw byte[] values, each followed by a line separator, as Confluent's ByteArrayFormat by default. */
    final class Bytes implements RecordFormat {
        @Override
        public String extension() { return "bin"; }

        @Override
        public byte[] encode(SinkRecord record) {
            if (!(record.value() instanceof byte[] value)) {
                throw new DataException("format BYTES needs byte[] values (value.converter ByteArrayConverter), got "
                        + record.value().getClass().getName() + " in " + record.topic() + "-" + record.kafkaPartition()
                        + "@" + record.kafkaOffset());
            }
            byte[] line = new byte[value.length + 1];
            System.arraycopy(value, 0, line, 0, value.length);
            line[value.length] = '\n';
            return line;
        }
    }
}
