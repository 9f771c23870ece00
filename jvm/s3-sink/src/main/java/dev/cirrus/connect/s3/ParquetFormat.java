package dev.cirrus.connect.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet files of the records' values, as Confluent's ParquetFormat writes them: the values as Avro
 * (the AvroConverter's mapping) through parquet-avro, one schema per file, a changed schema starts
 * a new file. parquet-avro runs without Hadoop only on this path: an OutputFile in memory, the
 * plain (non-Hadoop) configuration, GenericData named as the data model (else parquet-avro asks a
 * Hadoop Configuration for one) and our codec factory (parquet-hadoop's is Hadoop's codecs).
 */
final class ParquetFormat implements RecordFormat {
    private final CompressionCodecName codec;
    private final AvroRecords records = new AvroRecords();

    ParquetFormat(S3SinkConfig.ParquetCodec codec) {
        this.codec = switch (codec) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case GZIP -> CompressionCodecName.GZIP;
            case SNAPPY -> CompressionCodecName.SNAPPY;
        };
    }

    /** Confluent's names: parquet, gz.parquet, snappy.parquet (Parquet's codec extensions start with a dot). */
    @Override
    public String extension() { return (codec.getExtension() + ".parquet").substring(1); }

    @Override
    public Encoded encode(SinkRecord record) {
        Schema schema = records.schema(record, "PARQUET");
        Object datum = AvroRecords.datum(record, schema, "PARQUET");
        // A record that fails half-way through the Parquet writer would leave a partial row behind:
        // check it whole first.
        if (!GenericData.get().validate(schema, datum)) {
            throw new DataException("format PARQUET cannot write " + AvroRecords.where(record) + ": the value does not match its schema");
        }
        return new Encoded(datum, schema);
    }

    @Override
    public ObjectBuffer open(Encoded first) {
        return new ParquetFile((Schema) first.objectSchema(), codec);
    }

    /** One Parquet file being written in memory (the writer keeps its row group until close). */
    private static final class ParquetFile extends SchemaFile {
        private final ParquetWriter<Object> writer;

        ParquetFile(Schema schema, CompressionCodecName codec) {
            super(schema);
            try {
                writer = AvroParquetWriter.builder(new MemoryFile(out)).withSchema(schema).withDataModel(GenericData.get())
                        .withConf(new PlainParquetConfiguration()).withCodecFactory(new ParquetCodecs())
                        .withCompressionCodec(codec).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void write(Object value) throws IOException {
            writer.write(value);
        }

        @Override
        protected void close() throws IOException {
            writer.close();
        }
    }

    /** Parquet's OutputFile over a byte buffer: an object is uploaded whole, as the other formats are. */
    private record MemoryFile(ByteArrayOutputStream out) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) { return stream(); }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) { return stream(); }

        @Override
        public boolean supportsBlockSize() { return false; }

        @Override
        public long defaultBlockSize() { return 0; }

        private PositionOutputStream stream() {
            return new PositionOutputStream() {
                @Override
                public long getPos() { return out.size(); }

                @Override
                public void write(int b) { out.write(b); }

                @Override
                public void write(byte[] b, int off, int len) { out.write(b, off, len); }
            };
        }
    }
}
