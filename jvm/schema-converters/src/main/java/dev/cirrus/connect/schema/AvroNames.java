package dev.cirrus.connect.schema;

/**
 * The names and schema properties Confluent's AvroConverter writes, kept identical so that schemas
 * registered by our converters read the same in Confluent's tools and converters, and back.
 */
final class AvroNames {
  static final String NAMESPACE = "io.confluent.connect.avro";
  /** A Connect struct without a name becomes this record (then ConnectDefault2, 3...). */
  static final String DEFAULT_RECORD = "ConnectDefault";
  /** Maps whose keys are not strings become arrays of these records. */
  static final String MAP_ENTRY = "MapEntry";
  /** A general Avro union becomes a Connect struct of this name, one optional field per branch. */
  static final String UNION = NAMESPACE + ".Union";
  static final String CONNECT_NAME = "connect.name";
  static final String CONNECT_DOC = "connect.doc";
  static final String CONNECT_VERSION = "connect.version";
  static final String CONNECT_PARAMETERS = "connect.parameters";
  /** int8 and int16 have no Avro type of their own: an int with this property. */
  static final String CONNECT_TYPE = "connect.type";
  /** Connect's Decimal carries its precision as this parameter (Confluent's name). */
  static final String DECIMAL_PRECISION = "connect.decimal.precision";
  /** Confluent's precision when the Connect schema gives none. */
  static final int DEFAULT_DECIMAL_PRECISION = 64;

  private AvroNames() {}
}
