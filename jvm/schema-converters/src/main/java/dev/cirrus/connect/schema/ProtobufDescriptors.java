package dev.cirrus.connect.schema;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;

/**
 * FileDescriptors from FileDescriptorProtos: ours (ProtobufSchemas) and the registry's
 * (`GET /schemas/ids/{id}?format=serialized`, base64). Imports of Google's well-known types are
 * resolved from protobuf-java itself; a file importing anything else (another registered schema,
 * through registry references) is refused with that name, as this converter does not fetch references.
 */
final class ProtobufDescriptors {
  private static final Map<String, FileDescriptor> WELL_KNOWN = Map.of(
      "google/protobuf/timestamp.proto", TimestampProto.getDescriptor(),
      "google/protobuf/duration.proto", DurationProto.getDescriptor(),
      "google/protobuf/any.proto", AnyProto.getDescriptor(),
      "google/protobuf/empty.proto", EmptyProto.getDescriptor(),
      "google/protobuf/struct.proto", StructProto.getDescriptor(),
      "google/protobuf/wrappers.proto", WrappersProto.getDescriptor(),
      "google/protobuf/field_mask.proto", FieldMaskProto.getDescriptor());

  private ProtobufDescriptors() {}

  static FileDescriptor fromSerialized(String base64) {
    try {
      return build(FileDescriptorProto.parseFrom(Base64.getDecoder().decode(base64)));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new DataException("the registry's serialized PROTOBUF schema is not a base64 FileDescriptorProto: " + e.getMessage(), e);
    }
  }

  static FileDescriptor build(FileDescriptorProto file) {
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String name : file.getDependencyList()) {
      FileDescriptor known = WELL_KNOWN.get(name);
      if (known == null) throw new DataException("the PROTOBUF schema imports " + name + ", which this converter cannot resolve (only Google's well-known types)");
      dependencies.add(known);
    }
    try {
      return FileDescriptor.buildFrom(file, dependencies.toArray(new FileDescriptor[0]));
    } catch (DescriptorValidationException e) {
      throw new DataException("invalid PROTOBUF schema: " + e.getMessage(), e);
    }
  }

  /** The message a record's index path names: [i] is the file's i-th message, [i, j] its j-th nested one… */
  static Descriptor message(FileDescriptor file, int[] indexes) {
    List<Descriptor> candidates = file.getMessageTypes();
    Descriptor found = null;
    for (int index : indexes) {
      if (index < 0 || index >= candidates.size()) {
        throw new DataException("message index " + index + " does not name a message of the schema (it has " + candidates.size() + " there)");
      }
      found = candidates.get(index);
      candidates = found.getNestedTypes();
    }
    return found;
  }
}
