package dev.cirrus.connect.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values to DynamicMessages of the schema ProtobufSchemas made, and any message back to
 * the Connect value of ConnectProtobuf's schema. A null field is left unset (so it reads back
 * null where the field has presence, else protobuf's default); a null array or map reads back empty.
 */
final class ProtobufValues {
  private ProtobufValues() {}

  static DynamicMessage toMessage(Descriptor type, Schema schema, Struct struct) {
    DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
    for (Field field : schema.fields()) {
      Object value = struct.get(field);
      if (value == null) continue;
      FieldDescriptor fd = type.findFieldByName(field.name());
      if (fd == null) throw new DataException("field " + field.name() + " is not in the protobuf message " + type.getFullName());
      Schema fs = field.schema();
      if (fs.type() == Schema.Type.MAP) {
        Descriptor entry = fd.getMessageType();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          DynamicMessage.Builder pair = DynamicMessage.newBuilder(entry);
          pair.setField(entry.findFieldByNumber(1), toProto(entry.findFieldByNumber(1), fs.keySchema(), e.getKey()));
          if (e.getValue() != null) pair.setField(entry.findFieldByNumber(2), toProto(entry.findFieldByNumber(2), fs.valueSchema(), e.getValue()));
          message.addRepeatedField(fd, pair.build());
        }
      } else if (fs.type() == Schema.Type.ARRAY) {
        for (Object element : (List<?>) value) {
          if (element == null) throw new DataException("field " + field.name() + ": a protobuf repeated field cannot hold null");
          message.addRepeatedField(fd, toProto(fd, fs.valueSchema(), element));
        }
      } else {
        message.setField(fd, toProto(fd, fs, value));
      }
    }
    return message.build();
  }

  private static Object toProto(FieldDescriptor fd, Schema schema, Object value) {
    if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
      long millis = ((java.util.Date) value).getTime();
      Descriptor type = fd.getMessageType();
      return DynamicMessage.newBuilder(type).setField(type.findFieldByName("seconds"), Math.floorDiv(millis, 1000L))
          .setField(type.findFieldByName("nanos"), (int) Math.floorMod(millis, 1000L) * 1_000_000).build();
    }
    if (Decimal.LOGICAL_NAME.equals(schema.name())) return ((BigDecimal) value).toPlainString();
    if (Date.LOGICAL_NAME.equals(schema.name())) {
      LocalDate day = LocalDate.ofEpochDay(Date.fromLogical(schema, (java.util.Date) value));
      return message(fd.getMessageType(), "year", day.getYear(), "month", day.getMonthValue(), "day", day.getDayOfMonth());
    }
    if (Time.LOGICAL_NAME.equals(schema.name())) {
      LocalTime time = LocalTime.ofNanoOfDay(Time.fromLogical(schema, (java.util.Date) value) * 1_000_000L);
      return message(fd.getMessageType(), "hours", time.getHour(), "minutes", time.getMinute(), "seconds", time.getSecond(), "nanos", time.getNano());
    }
    return switch (fd.getJavaType()) {
      case INT -> ((Number) value).intValue();
      case LONG -> ((Number) value).longValue();
      case FLOAT -> ((Number) value).floatValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case BYTE_STRING -> value instanceof ByteBuffer buffer ? ByteString.copyFrom(buffer.duplicate()) : ByteString.copyFrom((byte[]) value);
      case MESSAGE -> ConnectProtobuf.isWrapper(fd.getMessageType()) ? wrapped(fd.getMessageType(), schema, value)
          : toMessage(fd.getMessageType(), schema, (Struct) value);
      // A registered schema's enum (use.latest.version): Connect carries the value's name.
      case ENUM -> {
        EnumValueDescriptor named = fd.getEnumType().findValueByName(String.valueOf(value));
        if (named == null) throw new DataException("'" + value + "' is not a value of the protobuf enum " + fd.getEnumType().getFullName());
        yield named;
      }
      default -> value;
    };
  }

  private static DynamicMessage message(Descriptor type, Object... fields) {
    DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
    for (int i = 0; i < fields.length; i += 2) message.setField(type.findFieldByName((String) fields[i]), fields[i + 1]);
    return message.build();
  }

  private static int intField(Message message, String name) {
    return (Integer) message.getField(message.getDescriptorForType().findFieldByName(name));
  }

  /** A primitive into a google.protobuf wrapper (StringValue, Int64Value…) of a registered schema. */
  private static DynamicMessage wrapped(Descriptor wrapper, Schema schema, Object value) {
    FieldDescriptor inner = wrapper.findFieldByName("value");
    return DynamicMessage.newBuilder(wrapper).setField(inner, toProto(inner, schema, value)).build();
  }

  static Struct toStruct(Schema schema, Message message) {
    Struct struct = new Struct(schema);
    Descriptor type = message.getDescriptorForType();
    for (Field field : schema.fields()) {
      FieldDescriptor fd = type.findFieldByName(field.name());
      Schema fs = field.schema();
      if (fd.isMapField()) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Object e : (List<?>) message.getField(fd)) {
          Message pair = (Message) e;
          FieldDescriptor key = fd.getMessageType().findFieldByNumber(1);
          FieldDescriptor val = fd.getMessageType().findFieldByNumber(2);
          map.put(fromProto(key, fs.keySchema(), pair.getField(key)), fromProto(val, fs.valueSchema(), pair.getField(val)));
        }
        struct.put(field, map);
      } else if (fd.isRepeated()) {
        List<Object> list = new ArrayList<>();
        for (Object element : (List<?>) message.getField(fd)) list.add(fromProto(fd, fs.valueSchema(), element));
        struct.put(field, list);
      } else if (!fd.hasPresence() || message.hasField(fd)) {
        struct.put(field, fromProto(fd, fs, message.getField(fd)));
      }
    }
    return struct;
  }

  private static Object fromProto(FieldDescriptor fd, Schema schema, Object value) {
    if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
      Message timestamp = (Message) value;
      Descriptor type = timestamp.getDescriptorForType();
      long seconds = (Long) timestamp.getField(type.findFieldByName("seconds"));
      int nanos = (Integer) timestamp.getField(type.findFieldByName("nanos"));
      return new java.util.Date(seconds * 1000L + nanos / 1_000_000);
    }
    if (Date.LOGICAL_NAME.equals(schema.name())) {
      Message day = (Message) value;
      return Date.toLogical(schema, (int) LocalDate.of(intField(day, "year"), intField(day, "month"), intField(day, "day")).toEpochDay());
    }
    if (Time.LOGICAL_NAME.equals(schema.name())) {
      Message time = (Message) value;
      long nanos = LocalTime.of(intField(time, "hours"), intField(time, "minutes"), intField(time, "seconds"), intField(time, "nanos")).toNanoOfDay();
      return Time.toLogical(schema, (int) (nanos / 1_000_000L));
    }
    if (value instanceof Message wrapped && ConnectProtobuf.isWrapper(wrapped.getDescriptorForType())) {
      FieldDescriptor inner = wrapped.getDescriptorForType().findFieldByName("value");
      return fromProto(inner, schema, wrapped.getField(inner));
    }
    return switch (fd.getType()) {
      case UINT32, FIXED32 -> Integer.toUnsignedLong((Integer) value);
      case ENUM -> ((EnumValueDescriptor) value).getName();
      case BYTES -> ((ByteString) value).toByteArray();
      case MESSAGE, GROUP -> toStruct(schema, (Message) value);
      default -> value;
    };
  }
}
