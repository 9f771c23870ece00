package dev.cirrus.connect.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * A Connect struct schema as a proto3 file with one top-level message (message index 0), close
 * to Confluent's ProtobufData where that stays simple:
 * - the struct's name gives the package and message name (`ksql.pageviews` → package `ksql`,
 *   message `pageviews`); unnamed structs are `ConnectDefault1`;
 * - fields are numbered 1, 2, … in Connect's order; optional primitives are proto3 `optional`
 *   (so a null stays distinguishable from 0 or ""), structs are nested messages named after their
 *   field (`address` → `Address`), arrays are `repeated`, maps are `map<K, V>` (keys: string,
 *   integers, boolean; arrays and maps cannot be map values or array elements in protobuf);
 * - int8 and int16 are int32, as protobuf has nothing smaller;
 * - Timestamp, Date and Time are google.protobuf.Timestamp, google.type.Date and
 *   google.type.TimeOfDay, as in Confluent's converter (imports the registry knows without
 *   references); Decimal is its plain string ("12.30"), read back as a string: Confluent's
 *   confluent.type.Decimal carries the scale per value, which a Connect schema cannot take from
 *   the descriptor alone (Confluent puts it in field options).
 * Names protobuf does not allow are refused, not rewritten, like the Avro converter does.
 */
final class ProtobufSchemas {
  static final String DEFAULT_NAME = "ConnectDefault1";
  /** Connect's logical types written as the messages Confluent's converter uses, and their files. */
  private static final Map<String, String> KNOWN_MESSAGES = Map.of(
      Timestamp.LOGICAL_NAME, ".google.protobuf.Timestamp", Date.LOGICAL_NAME, ".google.type.Date", Time.LOGICAL_NAME, ".google.type.TimeOfDay");
  private static final Map<String, String> KNOWN_FILES = Map.of(
      Timestamp.LOGICAL_NAME, "google/protobuf/timestamp.proto", Date.LOGICAL_NAME, ProtobufDescriptors.DATE_FILE,
      Time.LOGICAL_NAME, ProtobufDescriptors.TIME_OF_DAY_FILE);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ProtobufSchemas() {}

  static FileDescriptorProto toFile(Schema schema) {
    if (schema.type() != Schema.Type.STRUCT) {
      throw new DataException("PROTOBUF writes Connect structs as messages; this record's schema is a " + schema.type());
    }
    String fullName = schema.name() == null ? DEFAULT_NAME : schema.name();
    int dot = fullName.lastIndexOf('.');
    String pkg = dot < 0 ? "" : fullName.substring(0, dot);
    for (String part : pkg.isEmpty() ? new String[0] : pkg.split("\\.", -1)) identifier(part, "package of " + fullName);
    String name = identifier(fullName.substring(dot + 1), "message name");
    Set<String> imports = new LinkedHashSet<>();
    DescriptorProto message = message(name, (pkg.isEmpty() ? "" : "." + pkg) + "." + name, schema, imports);
    FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName("schema.proto").setSyntax("proto3").addMessageType(message);
    if (!pkg.isEmpty()) file.setPackage(pkg);
    file.addAllDependency(imports);
    return file.build();
  }

  private static DescriptorProto message(String name, String scope, Schema schema, Set<String> imports) {
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
    int number = 1;
    for (Field field : schema.fields()) {
      String fieldName = identifier(field.name(), "field name");
      Schema fs = field.schema();
      FieldDescriptorProto.Builder out = FieldDescriptorProto.newBuilder().setName(fieldName).setNumber(number++);
      if (fs.type() == Schema.Type.ARRAY) {
        element(fs.valueSchema(), fieldName, "array elements");
        typed(out.setLabel(Label.LABEL_REPEATED), fs.valueSchema(), capitalized(fieldName), scope, message, imports);
      } else if (fs.type() == Schema.Type.MAP) {
        String entry = capitalized(fieldName) + "Entry";
        message.addNestedType(mapEntry(entry, fs, fieldName, scope, message, imports));
        out.setLabel(Label.LABEL_REPEATED).setType(Type.TYPE_MESSAGE).setTypeName(scope + "." + entry);
      } else {
        typed(out.setLabel(Label.LABEL_OPTIONAL), fs, capitalized(fieldName), scope, message, imports);
        // Messages have presence of their own; an optional scalar gets it from proto3 `optional`.
        if (fs.isOptional() && out.getType() != Type.TYPE_MESSAGE) {
          out.setProto3Optional(true).setOneofIndex(message.getOneofDeclCount());
          message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + fieldName));
        }
      }
      message.addField(out);
    }
    return message.build();
  }

  /** A map's entry message; a struct value is a message beside the entry (.proto text cannot nest it inside). */
  private static DescriptorProto mapEntry(String entry, Schema map, String fieldName, String scope, DescriptorProto.Builder parent,
      Set<String> imports) {
    Type keyType = scalar(map.keySchema());
    if (keyType == null || keyType == Type.TYPE_BYTES || keyType == Type.TYPE_FLOAT || keyType == Type.TYPE_DOUBLE) {
      throw new DataException("field " + fieldName + ": protobuf map keys are strings, integers or booleans, not " + map.keySchema().type());
    }
    element(map.valueSchema(), fieldName, "map values");
    DescriptorProto.Builder builder = DescriptorProto.newBuilder().setName(entry).setOptions(MessageOptions.newBuilder().setMapEntry(true));
    builder.addField(FieldDescriptorProto.newBuilder().setName("key").setNumber(1).setLabel(Label.LABEL_OPTIONAL).setType(keyType));
    FieldDescriptorProto.Builder value = FieldDescriptorProto.newBuilder().setName("value").setNumber(2).setLabel(Label.LABEL_OPTIONAL);
    typed(value, map.valueSchema(), capitalized(fieldName) + "Value", scope, parent, imports);
    return builder.addField(value).build();
  }

  /** Sets the field's type; a struct becomes a message nested in `parent` under `nestedName`. */
  private static void typed(FieldDescriptorProto.Builder field, Schema schema, String nestedName, String scope,
      DescriptorProto.Builder parent, Set<String> imports) {
    String known = schema.name() == null ? null : KNOWN_MESSAGES.get(schema.name());
    if (known != null) {
      imports.add(KNOWN_FILES.get(schema.name()));
      field.setType(Type.TYPE_MESSAGE).setTypeName(known);
    } else if (schema.type() == Schema.Type.STRUCT) {
      parent.addNestedType(message(nestedName, scope + "." + nestedName, schema, imports));
      field.setType(Type.TYPE_MESSAGE).setTypeName(scope + "." + nestedName);
    } else {
      field.setType(scalar(schema));
    }
  }

  /** The scalar type of a primitive (or Decimal) Connect schema; null for the others. */
  static Type scalar(Schema schema) {
    if (Decimal.LOGICAL_NAME.equals(schema.name())) return Type.TYPE_STRING;
    if (schema.name() != null && KNOWN_MESSAGES.containsKey(schema.name())) return null;
    return switch (schema.type()) {
      case INT8, INT16, INT32 -> Type.TYPE_INT32;
      case INT64 -> Type.TYPE_INT64;
      case FLOAT32 -> Type.TYPE_FLOAT;
      case FLOAT64 -> Type.TYPE_DOUBLE;
      case BOOLEAN -> Type.TYPE_BOOL;
      case STRING -> Type.TYPE_STRING;
      case BYTES -> Type.TYPE_BYTES;
      default -> null;
    };
  }

  private static void element(Schema schema, String fieldName, String what) {
    if (schema.type() == Schema.Type.ARRAY || schema.type() == Schema.Type.MAP) {
      throw new DataException("field " + fieldName + ": protobuf " + what + " cannot be arrays or maps");
    }
  }

  /** protoc's naming of a map entry or nested message after its field: `my_field` → `MyField`. */
  static String capitalized(String field) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : field.toCharArray()) {
      if (c == '_') { upper = true; continue; }
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
    }
    return out.toString();
  }

  private static String identifier(String name, String what) {
    if (!IDENTIFIER.matcher(name).matches()) throw new DataException("'" + name + "' is not a valid protobuf " + what);
    return name;
  }
}
