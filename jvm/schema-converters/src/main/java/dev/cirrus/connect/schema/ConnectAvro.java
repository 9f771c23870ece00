package dev.cirrus.connect.schema;

import org.apache.kafka.connect.data.Schema;

/**
 * The Connect-to-Avro mapping (Confluent's AvroData, as the AvroConverter writes it) for code outside
 * this package: the S3 sink's AVRO objects hold the same Avro a registry-backed consumer would read.
 * A facade rather than public mapping classes, so the mapping's internals stay free to change.
 */
public final class ConnectAvro {
  private ConnectAvro() {}

  /** The Avro schema of a Connect schema; a null schema (schemaless data) throws DataException. */
  public static org.apache.avro.Schema schema(Schema schema) {
    return AvroSchemas.toAvro(schema);
  }

  /** The Avro datum (generic representation) of a Connect value, for the schema {@link #schema} gave. */
  public static Object value(Schema schema, org.apache.avro.Schema avro, Object value) {
    return AvroValues.toAvro(schema, avro, value);
  }
}
