package dev.cirrus.connect.s3;

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
    private final AvroRecords records = new AvroRecords();
    private BinaryEncoder encoder;
    private Schema writerSchema;
    private GenericDatumWriter<Object> datumWriter;

    AvroFormat(String codec) {
        this.codec = codec;
    }

    @Override
    public String extension() { return "avro"; }

    @Override
    public Encoded encode(SinkRecord record) {
        Schema schema = records.schema(record, "AVRO");
        if (schema != writerSchema) {
            writerSchema = schema;
            datumWriter = new GenericDatumWriter<>(schema);
        }
        Object datum = AvroRecords.datum(record, schema, "AVRO");
        try {
            scratch.reset();
            encoder = EncoderFactory.get().directBinaryEncoder(scratch, encoder);
            datumWriter.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new DataException("format AVRO cannot write " + AvroRecords.where(record) + ": " + e, e);
        }
        return new Encoded(ByteBuffer.wrap(scratch.toByteArray()), schema);
    }

    @Override
    public ObjectBuffer open(Encoded first) {
        return new AvroFile((Schema) first.objectSchema(), codec);
    }

    /** One container file being written in memory. */
    private static final class AvroFile extends SchemaFile {
        private final DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>());

        AvroFile(Schema schema, String codec) {
            super(schema);
            writer.setCodec(CodecFactory.fromString(codec));
            try {
                writer.create(schema, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void write(Object value) throws IOException {
            writer.appendEncoded((ByteBuffer) value);
        }

        @Override
        protected void close() throws IOException {
            writer.close();
        }
    }
}
