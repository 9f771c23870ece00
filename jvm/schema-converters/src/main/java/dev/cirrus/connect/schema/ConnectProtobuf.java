package dev.cirrus.connect.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Connect schema of a protobuf message, whoever wrote it: a struct named by the message's
 * full name, one field per protobuf field (oneof members among them, each optional).
 * - Fields with presence (messages, proto3 `optional`, proto2 optional, oneof members) are
 *   optional; plain proto3 scalars are required, since they always read (0, "" when unset).
 * - repeated → array, map → map, both required (protobuf has no null list: absent reads empty).
 * - int32/sint32/sfixed32 → int32; int64/sint64/sfixed64/uint64/fixed64 → int64 (uint64 above
 *   2^63 wraps, as in Confluent's); uint32/fixed32 → int64; enums → their value's name (string).
 * - google.protobuf.Timestamp → Timestamp, google.type.Date → Date, google.type.TimeOfDay → Time
 *   (milliseconds; finer nanos are dropped); the wrappers (StringValue, Int64Value…) → their
 *   optional primitive.
 * A message that contains itself has no Connect schema and is refused.
 */
final class ConnectProtobuf {
  static final String WRAPPERS_PACKAGE = "google.protobuf.";

  private ConnectProtobuf() {}

  static Schema toConnect(Descriptor message) {
    return struct(message, new HashSet<>()).build();
  }

  private static SchemaBuilder struct(Descriptor message, Set<String> enclosing) {
    if (!enclosing.add(message.getFullName())) {
      throw new DataException("protobuf message " + message.getFullName() + " contains itself, which a Connect schema cannot");
    }
    SchemaBuilder struct = SchemaBuilder.struct().name(message.getFullName());
    for (FieldDescriptor field : message.getFields()) struct.field(field.getName(), field(field, enclosing));
    enclosing.remove(message.getFullName());
    return struct;
  }

  private static Schema field(FieldDescriptor field, Set<String> enclosing) {
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return SchemaBuilder.map(single(entry.findFieldByNumber(1), enclosing), single(entry.findFieldByNumber(2), enclosing)).build();
    }
    if (field.isRepeated()) return SchemaBuilder.array(single(field, enclosing)).build();
    return single(field, enclosing);
  }

  /** One value of the field (an element, for repeated ones). */
  private static Schema single(FieldDescriptor field, Set<String> enclosing) {
    boolean optional = field.hasPresence() && !field.isRepeated();
    SchemaBuilder builder = switch (field.getType()) {
      case INT32, SINT32, SFIXED32 -> SchemaBuilder.int32();
      case INT64, SINT64, SFIXED64, UINT64, FIXED64, UINT32, FIXED32 -> SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case BOOL -> SchemaBuilder.bool();
      case STRING, ENUM -> SchemaBuilder.string();
      case BYTES -> SchemaBuilder.bytes();
      case MESSAGE, GROUP -> message(field.getMessageType(), enclosing);
    };
    return optional ? builder.optional().build() : builder.build();
  }

  private static SchemaBuilder message(Descriptor message, Set<String> enclosing) {
    switch (message.getFullName()) {
      case "google.protobuf.Timestamp": return Timestamp.builder();
      case "google.type.Date": return Date.builder();
      case "google.type.TimeOfDay": return Time.builder();
      default: break;
    }
    if (isWrapper(message)) {
      // The wrapped value's own field has no presence; the wrapper makes it optional (single()).
      FieldDescriptor value = message.findFieldByName("value");
      return SchemaBuilder.type(single(value, enclosing).type());
    }
    return struct(message, enclosing);
  }

  static boolean isWrapper(Descriptor message) {
    return message.getFullName().startsWith(WRAPPERS_PACKAGE) && message.getName().endsWith("Value")
        && message.getFile().getName().equals("google/protobuf/wrappers.proto");
  }
}
