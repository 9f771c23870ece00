package dev.cirrus.connect.schema;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** An Avro datum (generic representation) to its Connect value, walking both schemas together. */
final class ConnectValues {
  private ConnectValues() {}

  static Object toConnect(Schema schema, org.apache.avro.Schema avro, Object datum) {
    if (datum == null) {
      if (!schema.isOptional()) throw new DataException("null for a required " + schema.type() + " value");
      return null;
    }
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      org.apache.avro.Schema branch = avro.getTypes().get(GenericData.get().resolveUnion(avro, datum));
      if (AvroNames.UNION.equals(schema.name())) return unionStruct(schema, branch, datum);
      avro = branch;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> { return Decimal.toLogical(schema, bytes(datum)); }
        case Date.LOGICAL_NAME -> { return Date.toLogical(schema, (Integer) datum); }
        case Time.LOGICAL_NAME -> { return Time.toLogical(schema, (Integer) datum); }
        case Timestamp.LOGICAL_NAME -> { return Timestamp.toLogical(schema, (Long) datum); }
        default -> { }
      }
    }
    return switch (schema.type()) {
      case INT8 -> ((Integer) datum).byteValue();
      case INT16 -> ((Integer) datum).shortValue();
      case INT32, INT64, FLOAT32, FLOAT64, BOOLEAN -> datum;
      case STRING -> datum.toString();
      case BYTES -> bytes(datum);
      case ARRAY -> array(schema, avro, (List<?>) datum);
      case MAP -> avro.getType() == org.apache.avro.Schema.Type.MAP ? map(schema, avro, (Map<?, ?>) datum) : entries(schema, avro, (List<?>) datum);
      case STRUCT -> struct(schema, avro, (GenericRecord) datum);
    };
  }

  private static byte[] bytes(Object datum) {
    if (datum instanceof GenericFixed fixed) return fixed.bytes().clone();
    ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(copy);
    return copy;
  }

  private static List<Object> array(Schema schema, org.apache.avro.Schema avro, List<?> datum) {
    List<Object> out = new ArrayList<>(datum.size());
    for (Object element : datum) out.add(toConnect(schema.valueSchema(), avro.getElementType(), element));
    return out;
  }

  private static Map<Object, Object> map(Schema schema, org.apache.avro.Schema avro, Map<?, ?> datum) {
    Map<Object, Object> out = new LinkedHashMap<>();
    datum.forEach((k, v) -> out.put(k.toString(), toConnect(schema.valueSchema(), avro.getValueType(), v)));
    return out;
  }

  /** Confluent's array of MapEntry records back to a Connect map with non-string keys. */
  private static Map<Object, Object> entries(Schema schema, org.apache.avro.Schema avro, List<?> datum) {
    org.apache.avro.Schema entry = avro.getElementType();
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Object element : datum) {
      GenericRecord record = (GenericRecord) element;
      out.put(toConnect(schema.keySchema(), entry.getField("key").schema(), record.get("key")),
          toConnect(schema.valueSchema(), entry.getField("value").schema(), record.get("value")));
    }
    return out;
  }

  private static Struct struct(Schema schema, org.apache.avro.Schema avro, GenericRecord datum) {
    Struct struct = new Struct(schema);
    for (Field field : schema.fields()) {
      org.apache.avro.Schema.Field avroField = avro.getField(field.name());
      struct.put(field, toConnect(field.schema(), avroField.schema(), datum.get(avroField.pos())));
    }
    return struct;
  }

  private static Struct unionStruct(Schema schema, org.apache.avro.Schema branch, Object datum) {
    Struct struct = new Struct(schema);
    Field field = schema.field(ConnectSchemas.unionFieldName(branch));
    struct.put(field, toConnect(field.schema(), branch, datum));
    return struct;
  }
}
