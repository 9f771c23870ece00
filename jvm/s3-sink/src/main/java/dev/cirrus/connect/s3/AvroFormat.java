package dev.cirrus.connect.s3;

import dev.cirrus.connect.schema.ConnectAvro;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Avro object container files (.avro) of the records' values, as Confluent's AvroFormat writes them:
 * the Connect schema maps to Avro as the AvroConverter maps it, one file holds one schema, and a
 * record with another schema starts a new file. Each value is encoded to Avro binary on its own
 * before it joins a file, so a value that cannot be written fails alone and leaves the file intact.
 */
final class AvroFormat implements RecordFormat {
    private final String codec;
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream();
    private BinaryEncoder encoder;
    // Records of a topic share one schema object as a rule: convert it once, not per record.
    private org.apache.kafka.connect.data.Schema lastConnectSchema;
    private Schema lastAvroSchema;
    private GenericDatumWriter<Object> lastDatumWriter;

    AvroFormat(String codec) {
        this.codec = codec;
    }

    @Override
    public String extension() { return "avro"; }

    @Override
    public Encoded encode(SinkRecord record) {
        org.apache.kafka.connect.data.Schema schema = record.valueSchema();
        if (schema == null) {
            throw new DataException("format AVRO needs records with a value schema (value.converter AvroConverter, or "
                    + "JsonConverter with schemas.enable=true); " + where(record) + " has none");
        }
        if (schema != lastConnectSchema) convert(schema);
        try {
            Object datum = ConnectAvro.value(schema, lastAvroSchema, record.value());
            scratch.reset();
            encoder = EncoderFactory.get().directBinaryEncoder(scratch, encoder);
            lastDatumWriter.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DataException e) {
            throw new DataException("format AVRO cannot write " + where(record) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Avro reports a value that does not match its schema as ClassCastException and the like.
            throw new DataException("format AVRO cannot write " + where(record) + ": " + e, e);
        }
        return new Encoded(ByteBuffer.wrap(scratch.toByteArray()), lastAvroSchema);
    }

    @Override
    public ObjectBuffer open(Encoded first) {
        return new AvroFile((Schema) first.objectSchema(), codec);
    }

    private void convert(org.apache.kafka.connect.data.Schema schema) {
        if (!schema.equals(lastConnectSchema)) {
            Schema avro = ConnectAvro.schema(schema);
            lastAvroSchema = avro;
            lastDatumWriter = new GenericDatumWriter<>(avro);
        }
        lastConnectSchema = schema;
    }

    private static String where(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }

    /** One container file being written in memory. */
    private static final class AvroFile implements ObjectBuffer {
        private final Schema schema;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>());

        AvroFile(Schema schema, String codec) {
            this.schema = schema;
            writer.setCodec(CodecFactory.fromString(codec));
            try {
                writer.create(schema, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean accepts(Encoded record) {
            return record.objectSchema() == schema || schema.equals(record.objectSchema());
        }

        @Override
        public void append(Encoded record) {
            try {
                writer.appendEncoded((ByteBuffer) record.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] finish() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
