package dev.cirrus.connect.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Connect data to and from Avro in Confluent's wire format (AVRO), the drop-in for Confluent's
 * io.confluent.connect.avro.AvroConverter with the same settings (RegistryConfig).
 */
public class AvroConverter extends RegistryConverter<AvroConverter.Writer, AvroConverter.Reader> {
  /** A schema ready to write: the Avro schema, its text for the registry, and a datum writer. */
  record Writer(org.apache.avro.Schema avro, String text, GenericDatumWriter<Object> datumWriter) {}

  /** A registry schema ready to read: the writer's Avro schema, its Connect schema, a datum reader. */
  record Reader(org.apache.avro.Schema avro, Schema connect, GenericDatumReader<Object> datumReader) {}

  @Override
  String schemaType() {
    return "AVRO";
  }

  @Override
  Writer writer(Schema schema) {
    return writer(AvroSchemas.toAvro(schema));
  }

  @Override
  Writer writer(String registered) {
    return writer(new org.apache.avro.Schema.Parser().parse(registered));
  }

  private static Writer writer(org.apache.avro.Schema avro) {
    return new Writer(avro, avro.toString(), new GenericDatumWriter<>(avro));
  }

  @Override
  String text(Writer writer) {
    return writer.text();
  }

  @Override
  byte[] encode(Writer writer, Schema schema, Object value) {
    Object datum = AvroValues.toAvro(schema, writer.avro(), value);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      writer.datumWriter().write(datum, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  Reader reader(String registered) {
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(registered);
    return new Reader(avro, ConnectSchemas.toConnect(avro), new GenericDatumReader<>(avro));
  }

  @Override
  SchemaAndValue decode(Reader reader, byte[] record, int offset, int length) {
    try {
      Object datum = reader.datumReader().read(null, DecoderFactory.get().binaryDecoder(record, offset, length, null));
      return new SchemaAndValue(reader.connect(), ConnectValues.toConnect(reader.connect(), reader.avro(), datum));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
