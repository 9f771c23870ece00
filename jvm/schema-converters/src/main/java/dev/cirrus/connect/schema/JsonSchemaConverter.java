package dev.cirrus.connect.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Connect data to and from JSON with a JSON Schema in the registry (JSON_SR: schemaType JSON), in
 * Confluent's wire format: the header, then the value as UTF-8 JSON. The drop-in for Confluent's
 * io.confluent.connect.json.JsonSchemaConverter with the same settings (RegistryConfig).
 */
public class JsonSchemaConverter extends RegistryConverter<JsonSchemaConverter.Writer, Schema> {
  // Decimals as written (1.10, not 1.1E0), so a sink reads back the scale it was given.
  private static final ObjectMapper VALUES = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  /** The JSON Schema text the registry stores; a value's JSON follows its Connect schema. */
  record Writer(String text) {}

  @Override
  String schemaType() {
    return "JSON";
  }

  @Override
  Writer writer(Schema schema) {
    return new Writer(JsonSchemas.toJsonSchema(schema).toString());
  }

  /** use.latest.version: JSON names its fields, so the record's own schema writes it; this checks the text. */
  @Override
  Writer writer(String registered) {
    JsonSchemas.parse(registered);
    return new Writer(registered);
  }

  @Override
  String text(Writer writer) {
    return writer.text();
  }

  @Override
  byte[] encode(Writer writer, Schema schema, Object value) {
    try {
      return VALUES.writeValueAsBytes(JsonValues.toJson(schema, value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  Schema reader(String registered) {
    return ConnectJsonSchemas.toConnect(JsonSchemas.parse(registered));
  }

  @Override
  SchemaAndValue decode(Schema reader, byte[] record, int offset, int length) {
    try {
      JsonNode node = VALUES.readTree(record, offset, length);
      return new SchemaAndValue(reader, JsonValues.toConnect(reader, node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
