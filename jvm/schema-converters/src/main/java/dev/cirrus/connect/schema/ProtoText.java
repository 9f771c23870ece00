package dev.cirrus.connect.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The .proto text of a file ProtobufSchemas built, which is what the registry stores (Confluent's
 * registry takes PROTOBUF schemas as text). Only what ProtobufSchemas writes is printed: proto3
 * messages, nested messages, map fields (their entry messages are implied by `map<K, V>`),
 * `repeated` and `optional`. Type names stay fully qualified (leading dot), which .proto allows.
 */
final class ProtoText {
  private ProtoText() {}

  static String print(FileDescriptorProto file) {
    StringBuilder out = new StringBuilder("syntax = \"proto3\";\n");
    if (file.hasPackage()) out.append("package ").append(file.getPackage()).append(";\n");
    for (String dependency : file.getDependencyList()) out.append("import \"").append(dependency).append("\";\n");
    for (DescriptorProto message : file.getMessageTypeList()) message(out, message, "");
    return out.toString();
  }

  private static void message(StringBuilder out, DescriptorProto message, String indent) {
    out.append('\n').append(indent).append("message ").append(message.getName()).append(" {\n");
    Map<String, DescriptorProto> entries = new HashMap<>();
    for (DescriptorProto nested : message.getNestedTypeList()) {
      if (nested.getOptions().getMapEntry()) entries.put(nested.getName(), nested);
      else message(out, nested, indent + "  ");
    }
    for (FieldDescriptorProto field : message.getFieldList()) {
      out.append(indent).append("  ");
      DescriptorProto entry = field.hasTypeName() ? entries.get(field.getTypeName().substring(field.getTypeName().lastIndexOf('.') + 1)) : null;
      if (entry != null) {
        out.append("map<").append(type(entry.getField(0))).append(", ").append(type(entry.getField(1))).append("> ");
      } else {
        if (field.getLabel() == Label.LABEL_REPEATED) out.append("repeated ");
        else if (field.getProto3Optional()) out.append("optional ");
        out.append(type(field)).append(' ');
      }
      out.append(field.getName()).append(" = ").append(field.getNumber()).append(";\n");
    }
    out.append(indent).append("}\n");
  }

  private static String type(FieldDescriptorProto field) {
    if (field.hasTypeName()) return field.getTypeName();
    // TYPE_INT32 → int32, TYPE_BOOL → bool, …: the enum names are the .proto keywords.
    return field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
  }
}
