package dev.cirrus.connect.schema;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.errors.DataException;

/**
 * FileDescriptors from FileDescriptorProtos: ours (ProtobufSchemas) and the registry's
 * (`GET /schemas/ids/{id}?format=serialized`, base64). Imports of Google's well-known types are
 * resolved from protobuf-java itself, the others from the registry references (fromRegistry).
 */
final class ProtobufDescriptors {
  static final String DATE_FILE = "google/type/date.proto";
  static final String TIME_OF_DAY_FILE = "google/type/timeofday.proto";

  /**
   * What a schema may import without a reference, as Cirrus's registry (protobuf-known-files.ts)
   * and Confluent's know them: Google's well-known types, and the messages Confluent's converters
   * use for Connect's Date, Time and Decimal (built here: protobuf-java does not ship them).
   */
  private static final Map<String, FileDescriptor> WELL_KNOWN = Map.of(
      "google/protobuf/timestamp.proto", TimestampProto.getDescriptor(),
      "google/protobuf/duration.proto", DurationProto.getDescriptor(),
      "google/protobuf/any.proto", AnyProto.getDescriptor(),
      "google/protobuf/empty.proto", EmptyProto.getDescriptor(),
      "google/protobuf/struct.proto", StructProto.getDescriptor(),
      "google/protobuf/wrappers.proto", WrappersProto.getDescriptor(),
      "google/protobuf/field_mask.proto", FieldMaskProto.getDescriptor(),
      DATE_FILE, known(DATE_FILE, "google.type", "Date", "year", Type.TYPE_INT32, "month", Type.TYPE_INT32, "day", Type.TYPE_INT32),
      TIME_OF_DAY_FILE, known(TIME_OF_DAY_FILE, "google.type", "TimeOfDay",
          "hours", Type.TYPE_INT32, "minutes", Type.TYPE_INT32, "seconds", Type.TYPE_INT32, "nanos", Type.TYPE_INT32),
      "confluent/type/decimal.proto", known("confluent/type/decimal.proto", "confluent.type", "Decimal",
          "value", Type.TYPE_BYTES, "precision", Type.TYPE_UINT32, "scale", Type.TYPE_INT32));

  private ProtobufDescriptors() {}

  /** A proto3 file of one message whose fields are numbered 1, 2, … (name, type pairs). */
  private static FileDescriptor known(String file, String pkg, String message, Object... fields) {
    DescriptorProto.Builder type = DescriptorProto.newBuilder().setName(message);
    for (int i = 0; i < fields.length; i += 2) {
      type.addField(FieldDescriptorProto.newBuilder().setName((String) fields[i]).setNumber(i / 2 + 1)
          .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setType((Type) fields[i + 1]));
    }
    return build(FileDescriptorProto.newBuilder().setName(file).setPackage(pkg).setSyntax("proto3").addMessageType(type).build());
  }

  static FileDescriptor fromSerialized(String base64) {
    return fromSerialized(base64, name -> null);
  }

  /** `imports` gives the file of an import that is not one of Google's well-known types (null: unknown). */
  static FileDescriptor fromSerialized(String base64, Function<String, FileDescriptor> imports) {
    try {
      return build(FileDescriptorProto.parseFrom(Base64.getDecoder().decode(base64)), imports);
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new DataException("the registry's serialized PROTOBUF schema is not a base64 FileDescriptorProto: " + e.getMessage(), e);
    }
  }

  /**
   * A registered file with its references (Confluent's: each names an import path and the subject
   * version holding that file), fetched serialized from the registry, recursively.
   */
  static FileDescriptor fromRegistry(RegistryClient registry, RegistryClient.Registered registered) {
    Map<String, RegistryClient.Reference> byName = new HashMap<>();
    for (RegistryClient.Reference reference : registered.references()) byName.put(reference.name(), reference);
    return fromSerialized(registered.schema(), name -> {
      RegistryClient.Reference reference = byName.get(name);
      return reference == null ? null : fromRegistry(registry, registry.version(reference, "serialized"));
    });
  }

  static FileDescriptor build(FileDescriptorProto file) {
    return build(file, name -> null);
  }

  private static FileDescriptor build(FileDescriptorProto file, Function<String, FileDescriptor> imports) {
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String name : file.getDependencyList()) {
      FileDescriptor known = WELL_KNOWN.containsKey(name) ? WELL_KNOWN.get(name) : imports.apply(name);
      if (known == null) throw new DataException("the PROTOBUF schema imports " + name + ", which is neither one of Google's well-known types nor among its registry references");
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
