package dev.cirrus.connect.schema;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro schema (a record's writer schema from the registry) to Connect schema, as Confluent's AvroData
 * reads it: optional for unions with null, Confluent's connect.* properties honoured, schemas written
 * by other producers (no connect.* properties) mapped by their Avro types and logical types.
 */
final class ConnectSchemas {
  static final String ENUM_PARAMETER = AvroNames.NAMESPACE + ".Enum";
  private final Set<String> recordsInProgress = new HashSet<>();

  static Schema toConnect(org.apache.avro.Schema avro) {
    return new ConnectSchemas().convert(avro, null);
  }

  /** The Connect schema of a field or element; defaultDatum is the Avro default, if any. */
  private Schema convert(org.apache.avro.Schema avro, Object defaultDatum) {
    boolean optional = false;
    org.apache.avro.Schema base = avro;
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      List<org.apache.avro.Schema> branches = avro.getTypes();
      optional = branches.stream().anyMatch(b -> b.getType() == org.apache.avro.Schema.Type.NULL);
      List<org.apache.avro.Schema> values = branches.stream().filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL).toList();
      if (values.size() == 1) base = values.get(0);
    }
    SchemaBuilder builder = base.getType() == org.apache.avro.Schema.Type.UNION ? union(base) : builder(base);
    if (optional) builder.optional();
    if (defaultDatum != null) {
      Object value = ConnectValues.toConnect(builder.build(), avro, defaultDatum);
      builder.defaultValue(value);
    }
    return builder.build();
  }

  private SchemaBuilder builder(org.apache.avro.Schema avro) {
    SchemaBuilder builder = switch (avro.getType()) {
      case INT -> int32(avro);
      case LONG -> avro.getLogicalType() instanceof LogicalTypes.TimestampMillis ? Timestamp.builder() : SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case BOOLEAN -> SchemaBuilder.bool();
      case STRING -> SchemaBuilder.string();
      case BYTES, FIXED -> bytes(avro.getLogicalType());
      case ENUM -> enumeration(avro);
      case ARRAY -> array(avro.getElementType());
      case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, convert(avro.getValueType(), null));
      case RECORD -> record(avro);
      case NULL -> throw new DataException("Avro null outside a union has no Connect type");
      case UNION -> throw new DataException("nested Avro unions have no Connect type");
    };
    applyConnectProperties(builder, avro);
    return builder;
  }

  private static SchemaBuilder int32(org.apache.avro.Schema avro) {
    String connectType = avro.getProp(AvroNames.CONNECT_TYPE);
    if ("int8".equals(connectType)) return SchemaBuilder.int8();
    if ("int16".equals(connectType)) return SchemaBuilder.int16();
    if (avro.getLogicalType() instanceof LogicalTypes.Date) return Date.builder();
    if (avro.getLogicalType() instanceof LogicalTypes.TimeMillis) return Time.builder();
    return SchemaBuilder.int32();
  }

  private static SchemaBuilder bytes(LogicalType logical) {
    if (!(logical instanceof LogicalTypes.Decimal decimal)) return SchemaBuilder.bytes();
    SchemaBuilder builder = Decimal.builder(decimal.getScale());
    // Confluent's rule: the default precision is implied, any other one kept as a parameter.
    if (decimal.getPrecision() != AvroNames.DEFAULT_DECIMAL_PRECISION) {
      builder.parameter(AvroNames.DECIMAL_PRECISION, String.valueOf(decimal.getPrecision()));
    }
    return builder;
  }

  /** Confluent's encoding of an enum in Connect: a string whose parameters keep the symbols. */
  private static SchemaBuilder enumeration(org.apache.avro.Schema avro) {
    SchemaBuilder builder = SchemaBuilder.string().name(avro.getFullName()).parameter(ENUM_PARAMETER, avro.getFullName());
    for (String symbol : avro.getEnumSymbols()) builder.parameter(ENUM_PARAMETER + "." + symbol, symbol);
    return builder;
  }

  private SchemaBuilder array(org.apache.avro.Schema element) {
    boolean mapEntry = element.getType() == org.apache.avro.Schema.Type.RECORD
        && element.getFullName().startsWith(AvroNames.NAMESPACE + "." + AvroNames.MAP_ENTRY)
        && element.getFields().size() == 2 && element.getField("key") != null && element.getField("value") != null;
    if (mapEntry) {
      return SchemaBuilder.map(convert(element.getField("key").schema(), null), convert(element.getField("value").schema(), null));
    }
    return SchemaBuilder.array(convert(element, null));
  }

  private SchemaBuilder record(org.apache.avro.Schema avro) {
    if (!recordsInProgress.add(avro.getFullName())) {
      throw new DataException("Avro record " + avro.getFullName() + " refers to itself; Connect schemas cannot be recursive");
    }
    boolean defaultName = avro.getFullName().startsWith(AvroNames.NAMESPACE + "." + AvroNames.DEFAULT_RECORD);
    SchemaBuilder builder = SchemaBuilder.struct();
    if (!defaultName && avro.getProp(AvroNames.CONNECT_NAME) == null) builder.name(avro.getFullName());
    if (avro.getDoc() != null) builder.doc(avro.getDoc());
    for (org.apache.avro.Schema.Field field : avro.getFields()) {
      Object defaultDatum = field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null;
      builder.field(field.name(), convert(field.schema(), defaultDatum));
    }
    recordsInProgress.remove(avro.getFullName());
    return builder;
  }

  /** A union of several non-null types: a struct with one optional field per branch (Confluent's). */
  private SchemaBuilder union(org.apache.avro.Schema avro) {
    SchemaBuilder builder = SchemaBuilder.struct().name(AvroNames.UNION);
    for (org.apache.avro.Schema branch : avro.getTypes()) {
      if (branch.getType() == org.apache.avro.Schema.Type.NULL) continue;
      builder.field(unionFieldName(branch), builder(branch).optional().build());
    }
    return builder;
  }

  static String unionFieldName(org.apache.avro.Schema branch) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED -> branch.getName();
      default -> branch.getType().getName();
    };
  }

  private static void applyConnectProperties(SchemaBuilder builder, org.apache.avro.Schema avro) {
    String name = avro.getProp(AvroNames.CONNECT_NAME);
    if (name != null && builder.name() == null) builder.name(name);
    Object version = avro.getObjectProp(AvroNames.CONNECT_VERSION);
    if (version instanceof Number number && builder.version() == null) builder.version(number.intValue());
    String doc = avro.getProp(AvroNames.CONNECT_DOC);
    if (doc != null && builder.doc() == null) builder.doc(doc);
    if (avro.getObjectProp(AvroNames.CONNECT_PARAMETERS) instanceof Map<?, ?> parameters) {
      Map<String, String> strings = new LinkedHashMap<>();
      parameters.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
      builder.parameters(strings);
    }
  }
}
