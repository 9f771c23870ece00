package dev.cirrus.connect.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Connect schema to JSON Schema (draft-07), in the shape of Confluent's JsonSchemaData: Connect's own
 * types as connect.type, names as title, optional as oneOf with null, field order as connect.index.
 * Unlike Avro, JSON Schema says "required" for what Connect calls non-optional, so it is written.
 */
final class JsonSchemas {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
  static final String CONNECT_TYPE = "connect.type";
  static final String CONNECT_INDEX = "connect.index";

  private JsonSchemas() {}

  static ObjectNode toJsonSchema(Schema schema) {
    ObjectNode root = JSON.createObjectNode().put("$schema", DRAFT_07);
    root.setAll(convert(schema));
    return root;
  }

  private static ObjectNode convert(Schema schema) {
    ObjectNode node = convertRequired(schema);
    if (schema.defaultValue() != null) node.set("default", JsonValues.toJson(schema, schema.defaultValue()));
    if (!schema.isOptional()) return node;
    ObjectNode optional = JSON.createObjectNode();
    optional.putArray("oneOf").add(JSON.createObjectNode().put("type", "null")).add(node);
    return optional;
  }

  private static ObjectNode convertRequired(Schema schema) {
    ObjectNode node = JSON.createObjectNode();
    String logical = schema.name();
    switch (schema.type()) {
      case INT8, INT16, INT32, INT64 -> node.put("type", "integer").put(CONNECT_TYPE, schema.type().getName());
      case FLOAT32, FLOAT64 -> node.put("type", "number").put(CONNECT_TYPE, schema.type().getName());
      case BOOLEAN -> node.put("type", "boolean");
      case STRING -> node.put("type", "string");
      case BYTES -> {
        if (Decimal.LOGICAL_NAME.equals(logical)) node.put("type", "number");
        else node.put("type", "string").put(CONNECT_TYPE, "bytes");
      }
      case ARRAY -> node.put("type", "array").set("items", convert(schema.valueSchema()));
      case MAP -> map(node, schema);
      case STRUCT -> struct(node, schema);
    }
    if (logical != null) node.put("title", logical);
    if (schema.version() != null) node.put("connect.version", schema.version());
    if (schema.doc() != null) node.put("description", schema.doc());
    if (schema.parameters() != null && !schema.parameters().isEmpty()) {
      ObjectNode parameters = node.putObject("connect.parameters");
      schema.parameters().forEach(parameters::put);
    }
    return node;
  }

  private static void map(ObjectNode node, Schema schema) {
    node.put(CONNECT_TYPE, "map");
    if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
      node.put("type", "object").set("additionalProperties", convert(schema.valueSchema()));
      return;
    }
    // JSON objects have string keys only: other keys travel as an array of key/value objects.
    ObjectNode entry = JSON.createObjectNode().put("type", "object");
    entry.putObject("properties").<ObjectNode>set("key", convert(schema.keySchema())).set("value", convert(schema.valueSchema()));
    node.put("type", "array").set("items", entry);
  }

  private static void struct(ObjectNode node, Schema schema) {
    node.put("type", "object");
    ObjectNode properties = node.putObject("properties");
    ArrayNode required = JSON.createArrayNode();
    for (Field field : schema.fields()) {
      ObjectNode property = convert(field.schema());
      property.put(CONNECT_INDEX, field.index());
      properties.set(field.name(), property);
      if (!field.schema().isOptional()) required.add(field.name());
    }
    if (!required.isEmpty()) node.set("required", required);
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new org.apache.kafka.connect.errors.DataException("not a JSON schema: " + e.getMessage(), e);
    }
  }
}
