package dev.cirrus.connect.schema;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect data to and from Protobuf in Confluent's wire format (schemaType PROTOBUF): the header,
 * the message-index path of the record's message in the schema's file (zigzag varints, a count
 * then the indexes; the file's first message, [0], is the single byte 0), then the message bytes.
 * The drop-in for Confluent's io.confluent.connect.protobuf.ProtobufConverter with the same
 * settings (RegistryConfig). Sources register .proto text (ProtobufSchemas, ProtoText); sinks read
 * any registered file through the registry's `format=serialized` descriptor, so no .proto parser
 * is needed here (protobuf-java has none).
 */
public class ProtobufConverter extends RegistryConverter<ProtobufConverter.Writer, ProtobufConverter.Reader> {
  /** The single byte of the index path [0]: every record we write is the file's first message. */
  private static final byte[] FIRST_MESSAGE = {0};

  /** Our message for a Connect schema, and the .proto text the registry stores for it. */
  record Writer(Descriptor message, String text) {}

  /** A registered file, ready to read any of its messages; each message's Connect schema made once. */
  record Reader(FileDescriptor file, Map<Descriptor, Schema> schemas) {
    Schema schema(Descriptor message) {
      return schemas.computeIfAbsent(message, ConnectProtobuf::toConnect);
    }
  }

  @Override
  String schemaType() {
    return "PROTOBUF";
  }

  @Override
  String schemaFormat() {
    return "serialized";
  }

  @Override
  Writer writer(Schema schema) {
    FileDescriptorProto file = ProtobufSchemas.toFile(schema);
    return new Writer(ProtobufDescriptors.build(file).getMessageTypes().get(0), ProtoText.print(file));
  }

  /**
   * use.latest.version: the subject's latest file (its serialized descriptor), writing its first
   * message; the record's fields are matched to the message's by name.
   */
  @Override
  Writer writer(String serialized) {
    return new Writer(ProtobufDescriptors.fromSerialized(serialized).getMessageTypes().get(0), null);
  }

  @Override
  String text(Writer writer) {
    return writer.text();
  }

  @Override
  byte[] encode(Writer writer, Schema schema, Object value) {
    byte[] message = ProtobufValues.toMessage(writer.message(), schema, (Struct) value).toByteArray();
    byte[] out = new byte[FIRST_MESSAGE.length + message.length];
    System.arraycopy(FIRST_MESSAGE, 0, out, 0, FIRST_MESSAGE.length);
    System.arraycopy(message, 0, out, FIRST_MESSAGE.length, message.length);
    return out;
  }

  @Override
  Reader reader(String serialized) {
    return new Reader(ProtobufDescriptors.fromSerialized(serialized), new ConcurrentHashMap<>());
  }

  /** With the files it imports through registry references (Confluent's serializers register them so). */
  @Override
  Reader reader(RegistryClient registry, RegistryClient.Registered registered) {
    return new Reader(ProtobufDescriptors.fromRegistry(registry, registered), new ConcurrentHashMap<>());
  }

  @Override
  SchemaAndValue decode(Reader reader, byte[] record, int offset, int length) {
    try {
      CodedInputStream input = CodedInputStream.newInstance(record, offset, length);
      Descriptor type = ProtobufDescriptors.message(reader.file(), indexes(input));
      DynamicMessage message = DynamicMessage.parseFrom(type, input);
      Schema schema = reader.schema(type);
      return new SchemaAndValue(schema, ProtobufValues.toStruct(schema, message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Confluent's message-index path: a zigzag count (0 meaning [0]), then that many zigzag indexes. */
  static int[] indexes(CodedInputStream input) throws IOException {
    int count = input.readSInt32();
    if (count == 0) return new int[] {0};
    if (count < 0 || count > 100) throw new DataException("message index count " + count + " is not valid in the PROTOBUF wire format");
    int[] out = new int[count];
    for (int i = 0; i < count; i++) out[i] = input.readSInt32();
    return out;
  }
}
