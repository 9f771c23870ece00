package dev.cirrus.connect.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Connect schema to Avro schema, as Confluent's AvroData writes it (one instance per conversion). */
final class AvroSchemas {
  private int unnamedRecords;
  private int mapEntries;

  static org.apache.avro.Schema toAvro(Schema schema) {
    if (schema == null) throw new DataException("the Avro converter needs a Connect schema (schemaless data cannot be registered)");
    return new AvroSchemas().convert(schema);
  }

  /** The schema as a field or element type: optional means a union with null. */
  private org.apache.avro.Schema convert(Schema schema) {
    org.apache.avro.Schema base = convertRequired(schema);
    if (!schema.isOptional() || base.getType() == org.apache.avro.Schema.Type.UNION) return base;
    org.apache.avro.Schema nullType = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);
    // Avro takes a union's default from its first branch: null first unless a real default exists.
    return schema.defaultValue() == null ? org.apache.avro.Schema.createUnion(nullType, base)
        : org.apache.avro.Schema.createUnion(base, nullType);
  }

  private org.apache.avro.Schema convertRequired(Schema schema) {
    org.apache.avro.Schema avro = switch (schema.type()) {
      case INT8, INT16 -> withConnectType(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT), schema);
      case INT32 -> int32(schema);
      case INT64 -> Timestamp.LOGICAL_NAME.equals(schema.name())
          ? LogicalTypes.timestampMillis().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG))
          : org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
      case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
      case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
      case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
      case STRING -> isEnum(schema) ? enumeration(schema) : org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
      case BYTES -> Decimal.LOGICAL_NAME.equals(schema.name()) ? decimal(schema) : org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
      case ARRAY -> org.apache.avro.Schema.createArray(convert(schema.valueSchema()));
      case MAP -> map(schema);
      case STRUCT -> AvroNames.UNION.equals(schema.name()) ? union(schema) : record(schema);
    };
    if (schema.type() != Schema.Type.STRUCT) addConnectProperties(avro, schema);
    return avro;
  }

  static boolean isEnum(Schema schema) {
    return schema.parameters() != null && schema.parameters().containsKey(ConnectSchemas.ENUM_PARAMETER);
  }

  /** Back to the Avro enum Confluent's string-with-parameters stands for. */
  private static org.apache.avro.Schema enumeration(Schema schema) {
    String fullName = schema.parameters().get(ConnectSchemas.ENUM_PARAMETER);
    String prefix = ConnectSchemas.ENUM_PARAMETER + ".";
    List<String> symbols = schema.parameters().keySet().stream().filter(k -> k.startsWith(prefix))
        .map(k -> k.substring(prefix.length())).toList();
    int dot = fullName.lastIndexOf('.');
    return org.apache.avro.Schema.createEnum(fullName.substring(dot + 1), null, dot < 0 ? null : fullName.substring(0, dot), symbols);
  }

  /** Confluent's Union struct (one optional field per branch) back to the Avro union it came from. */
  private org.apache.avro.Schema union(Schema schema) {
    List<org.apache.avro.Schema> branches = new ArrayList<>();
    if (schema.isOptional()) branches.add(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL));
    for (Field field : schema.fields()) branches.add(convertRequired(field.schema()));
    return org.apache.avro.Schema.createUnion(branches);
  }

  private static org.apache.avro.Schema withConnectType(org.apache.avro.Schema avro, Schema schema) {
    avro.addProp(AvroNames.CONNECT_TYPE, schema.type().getName());
    return avro;
  }

  private static org.apache.avro.Schema int32(Schema schema) {
    org.apache.avro.Schema avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
    if (Date.LOGICAL_NAME.equals(schema.name())) return LogicalTypes.date().addToSchema(avro);
    if (Time.LOGICAL_NAME.equals(schema.name())) return LogicalTypes.timeMillis().addToSchema(avro);
    return avro;
  }

  private static org.apache.avro.Schema decimal(Schema schema) {
    Map<String, String> parameters = schema.parameters();
    int scale = Integer.parseInt(parameters.get(Decimal.SCALE_FIELD));
    String precision = parameters.get(AvroNames.DECIMAL_PRECISION);
    int digits = precision == null ? AvroNames.DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision);
    return LogicalTypes.decimal(digits, scale).addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
  }

  private org.apache.avro.Schema map(Schema schema) {
    if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
      return org.apache.avro.Schema.createMap(convert(schema.valueSchema()));
    }
    // Avro maps have string keys only: anything else travels as an array of key/value records.
    String name = AvroNames.MAP_ENTRY + (++mapEntries == 1 ? "" : String.valueOf(mapEntries));
    List<org.apache.avro.Schema.Field> fields = List.of(
        new org.apache.avro.Schema.Field("key", convert(schema.keySchema())),
        new org.apache.avro.Schema.Field("value", convert(schema.valueSchema())));
    return org.apache.avro.Schema.createArray(org.apache.avro.Schema.createRecord(name, null, AvroNames.NAMESPACE, false, fields));
  }

  private org.apache.avro.Schema record(Schema schema) {
    String fullName = schema.name() != null ? schema.name()
        : AvroNames.NAMESPACE + "." + AvroNames.DEFAULT_RECORD + (++unnamedRecords == 1 ? "" : String.valueOf(unnamedRecords));
    int dot = fullName.lastIndexOf('.');
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (Field field : schema.fields()) fields.add(field(field));
    org.apache.avro.Schema avro = org.apache.avro.Schema.createRecord(fullName.substring(dot + 1), schema.doc(),
        dot < 0 ? null : fullName.substring(0, dot), false, fields);
    addConnectProperties(avro, schema);
    return avro;
  }

  private org.apache.avro.Schema.Field field(Field field) {
    Schema schema = field.schema();
    org.apache.avro.Schema avro = convert(schema);
    Object defaultValue = schema.defaultValue() != null ? AvroDefaults.toJson(schema, schema.defaultValue())
        : schema.isOptional() ? JsonProperties.NULL_VALUE : null;
    return new org.apache.avro.Schema.Field(field.name(), avro, schema.doc(), defaultValue);
  }

  /** What Avro cannot say itself (names of non-records, versions, parameters), as Confluent keeps it. */
  private static void addConnectProperties(org.apache.avro.Schema avro, Schema schema) {
    if (schema.name() != null) avro.addProp(AvroNames.CONNECT_NAME, schema.name());
    if (schema.version() != null) avro.addProp(AvroNames.CONNECT_VERSION, schema.version());
    if (schema.doc() != null && schema.type() != Schema.Type.STRUCT) avro.addProp(AvroNames.CONNECT_DOC, schema.doc());
    if (schema.parameters() != null && !schema.parameters().isEmpty()) avro.addProp(AvroNames.CONNECT_PARAMETERS, schema.parameters());
  }
}
