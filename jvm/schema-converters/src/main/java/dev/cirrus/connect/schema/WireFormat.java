package dev.cirrus.connect.schema;

import java.nio.ByteBuffer;
import org.apache.kafka.connect.errors.DataException;

/**
 * Confluent's wire format: magic byte 0, the schema's registry id as 4 bytes big-endian, then the
 * payload (Avro binary, JSON text, or Protobuf's message indexes and bytes).
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  public static byte[] frame(int schemaId, byte[] payload) {
    return ByteBuffer.allocate(HEADER_SIZE + payload.length).put(MAGIC_BYTE).putInt(schemaId).put(payload).array();
  }

  /** The schema id of a framed record; the buffer is left at the payload's first byte. */
  public static int schemaId(ByteBuffer framed) {
    if (framed.remaining() < HEADER_SIZE) {
      throw new DataException("record of " + framed.remaining() + " bytes is too short for the Schema Registry wire format (5-byte header)");
    }
    byte magic = framed.get();
    if (magic != MAGIC_BYTE) {
      throw new DataException("unknown magic byte " + magic + ": the record was not written in the Schema Registry wire format");
    }
    return framed.getInt();
  }
}
