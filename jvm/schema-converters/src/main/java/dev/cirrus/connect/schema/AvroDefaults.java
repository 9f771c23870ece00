package dev.cirrus.connect.schema;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** A Connect default value as the Java object Avro's Schema.Field takes for its JSON default. */
final class AvroDefaults {
  private AvroDefaults() {}

  static Object toJson(Schema schema, Object value) {
    if (value == null) return JsonProperties.NULL_VALUE;
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> { return Decimal.fromLogical(schema, (BigDecimal) value); }
        case Date.LOGICAL_NAME -> { return Date.fromLogical(schema, (java.util.Date) value); }
        case Time.LOGICAL_NAME -> { return Time.fromLogical(schema, (java.util.Date) value); }
        case Timestamp.LOGICAL_NAME -> { return Timestamp.fromLogical(schema, (java.util.Date) value); }
        default -> { }
      }
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32 -> ((Number) value).intValue();
      case INT64 -> ((Number) value).longValue();
      case FLOAT32 -> ((Number) value).floatValue();
      case FLOAT64 -> ((Number) value).doubleValue();
      case BOOLEAN, STRING -> value;
      case BYTES -> value instanceof ByteBuffer buffer ? bytes(buffer) : value;
      case ARRAY -> list(schema.valueSchema(), (List<?>) value);
      case MAP -> map(schema, (Map<?, ?>) value);
      case STRUCT -> struct((Struct) value);
    };
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy;
  }

  private static List<Object> list(Schema elementSchema, List<?> values) {
    List<Object> out = new ArrayList<>();
    for (Object element : values) out.add(toJson(elementSchema, element));
    return out;
  }

  private static Object map(Schema schema, Map<?, ?> values) {
    boolean stringKeys = schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional();
    if (stringKeys) {
      Map<String, Object> out = new LinkedHashMap<>();
      values.forEach((k, v) -> out.put((String) k, toJson(schema.valueSchema(), v)));
      return out;
    }
    List<Object> entries = new ArrayList<>();
    values.forEach((k, v) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("key", toJson(schema.keySchema(), k));
      entry.put("value", toJson(schema.valueSchema(), v));
      entries.add(entry);
    });
    return entries;
  }

  private static Map<String, Object> struct(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field field : struct.schema().fields()) {
      Object value = struct.get(field);
      if (value == null && !field.schema().isOptional()) {
        throw new DataException("default of struct " + struct.schema().name() + " lacks required field " + field.name());
      }
      out.put(field.name(), toJson(field.schema(), value));
    }
    return out;
  }
}
