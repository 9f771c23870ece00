package dev.cirrus.connect.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** A Connect value to the Avro datum (generic representation) the writer schema describes. */
final class AvroValues {
  private AvroValues() {}

  static Object toAvro(Schema schema, org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      if (schema.defaultValue() != null) value = schema.defaultValue();
      else if (schema.isOptional()) return null;
      else throw new DataException("null for a required " + schema.type() + " value" + (schema.name() == null ? "" : " (" + schema.name() + ")"));
    }
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      if (AvroNames.UNION.equals(schema.name())) return fromUnionStruct((Struct) value, avro);
      avro = avro.getTypes().stream().filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL).findFirst().orElseThrow();
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> { return decimal(schema, (BigDecimal) value); }
        case Date.LOGICAL_NAME -> { return Date.fromLogical(schema, (java.util.Date) value); }
        case Time.LOGICAL_NAME -> { return Time.fromLogical(schema, (java.util.Date) value); }
        case Timestamp.LOGICAL_NAME -> { return Timestamp.fromLogical(schema, (java.util.Date) value); }
        default -> { }
      }
    }
    return switch (schema.type()) {
      case INT8 -> (int) (Byte) value;
      case INT16 -> (int) (Short) value;
      case INT32 -> (Integer) value;
      case INT64 -> (Long) value;
      case FLOAT32 -> (Float) value;
      case FLOAT64 -> (Double) value;
      case BOOLEAN -> (Boolean) value;
      case STRING -> avro.getType() == org.apache.avro.Schema.Type.ENUM ? new GenericData.EnumSymbol(avro, value) : (String) value;
      case BYTES -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : ((ByteBuffer) value).duplicate();
      case ARRAY -> array(schema, avro, (List<?>) value);
      case MAP -> map(schema, avro, (Map<?, ?>) value);
      case STRUCT -> record(schema, avro, (Struct) value);
    };
  }

  private static ByteBuffer decimal(Schema schema, BigDecimal value) {
    int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
    try {
      // Decimal.fromLogical refuses another scale; a value like 1.5 for scale 2 is still exact.
      return ByteBuffer.wrap(Decimal.fromLogical(schema, value.setScale(scale, RoundingMode.UNNECESSARY)));
    } catch (ArithmeticException e) {
      throw new DataException("decimal " + value + " does not fit scale " + scale + " without rounding", e);
    }
  }

  private static List<Object> array(Schema schema, org.apache.avro.Schema avro, List<?> value) {
    List<Object> out = new ArrayList<>(value.size());
    for (Object element : value) out.add(toAvro(schema.valueSchema(), avro.getElementType(), element));
    return out;
  }

  private static Object map(Schema schema, org.apache.avro.Schema avro, Map<?, ?> value) {
    if (avro.getType() == org.apache.avro.Schema.Type.MAP) {
      Map<String, Object> out = new HashMap<>();
      value.forEach((k, v) -> out.put((String) k, toAvro(schema.valueSchema(), avro.getValueType(), v)));
      return out;
    }
    org.apache.avro.Schema entry = avro.getElementType();
    List<Object> out = new ArrayList<>(value.size());
    value.forEach((k, v) -> {
      GenericData.Record record = new GenericData.Record(entry);
      record.put("key", toAvro(schema.keySchema(), entry.getField("key").schema(), k));
      record.put("value", toAvro(schema.valueSchema(), entry.getField("value").schema(), v));
      out.add(record);
    });
    return out;
  }

  private static GenericData.Record record(Schema schema, org.apache.avro.Schema avro, Struct value) {
    GenericData.Record record = new GenericData.Record(avro);
    for (org.apache.avro.Schema.Field avroField : avro.getFields()) {
      Field field = schema.field(avroField.name());
      if (field != null) {
        record.put(avroField.pos(), toAvro(field.schema(), avroField.schema(), value.get(field)));
      } else if (avroField.hasDefaultValue()) {
        // Only with use.latest.version: a registered field the record lacks takes its Avro default.
        record.put(avroField.pos(), GenericData.get().getDefaultValue(avroField));
      } else {
        throw new DataException("the Avro schema's field " + avroField.name() + " has no default and the record has no such field");
      }
    }
    return record;
  }

  private static Object fromUnionStruct(Struct value, org.apache.avro.Schema union) {
    for (Field field : value.schema().fields()) {
      Object branchValue = value.get(field);
      if (branchValue == null) continue;
      for (org.apache.avro.Schema branch : union.getTypes()) {
        if (ConnectSchemas.unionFieldName(branch).equals(field.name())) return toAvro(field.schema(), branch, branchValue);
      }
    }
    return null;
  }
}
