package dev.cirrus.connect.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * An object of one Avro schema written in memory (AVRO and PARQUET files): it takes records of
 * that schema only, so a changed schema starts a new object, and it is uploaded whole once closed.
 */
abstract class SchemaFile implements RecordFormat.ObjectBuffer {
    protected final Schema schema;
    protected final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SchemaFile(Schema schema) {
        this.schema = schema;
    }

    /** Writes one encoded record value (what the format's encode made of it). */
    protected abstract void write(Object value) throws IOException;

    /** Ends the file in `out`. */
    protected abstract void close() throws IOException;

    @Override
    public boolean accepts(RecordFormat.Encoded record) {
        return record.objectSchema() == schema || schema.equals(record.objectSchema());
    }

    @Override
    public void append(RecordFormat.Encoded record) {
        try {
            write(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] finish() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
