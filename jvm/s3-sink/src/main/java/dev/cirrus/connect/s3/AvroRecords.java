package dev.cirrus.connect.s3;

import dev.cirrus.connect.schema.ConnectAvro;
import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Record values as Avro, for the formats whose objects hold Avro-described records (AVRO, PARQUET):
 * the schema-converters mapping, so a file holds what a registry-backed consumer would read.
 */
final class AvroRecords {
    // Records of a topic share one schema object as a rule: convert it once, not per record.
    private org.apache.kafka.connect.data.Schema lastConnectSchema;
    private Schema lastAvroSchema;

    /** The Avro schema of the record's value; DataException for a record without one. */
    Schema schema(SinkRecord record, String format) {
        org.apache.kafka.connect.data.Schema schema = record.valueSchema();
        if (schema == null) {
            throw new DataException("format " + format + " needs records with a value schema (value.converter AvroConverter, "
                    + "or JsonConverter with schemas.enable=true); " + where(record) + " has none");
        }
        if (schema != lastConnectSchema) {
            if (!schema.equals(lastConnectSchema)) lastAvroSchema = ConnectAvro.schema(schema);
            lastConnectSchema = schema;
        }
        return lastAvroSchema;
    }

    /** The value as an Avro datum of {@code avro} (the schema {@link #schema} gave for this record). */
    static Object datum(SinkRecord record, Schema avro, String format) {
        try {
            return ConnectAvro.value(record.valueSchema(), avro, record.value());
        } catch (DataException e) {
            throw new DataException("format " + format + " cannot write " + where(record) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A value that does not match its schema shows as ClassCastException and the like.
            throw new DataException("format " + format + " cannot write " + where(record) + ": " + e, e);
        }
    }

    static String where(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
