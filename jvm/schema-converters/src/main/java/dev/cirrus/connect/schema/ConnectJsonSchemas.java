package dev.cirrus.connect.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * JSON Schema (from the registry) to Connect schema: ours and Confluent's (connect.* keywords) exactly,
 * other producers' by JSON types: integer is int64, number float64, an object with properties a
 * struct (a property not listed in "required" is optional), an object with only additionalProperties
 * a map. References ($ref) and general oneOf/anyOf have no Connect equivalent and are refused.
 */
final class ConnectJsonSchemas {
  private ConnectJsonSchemas() {}

  static Schema toConnect(JsonNode node) {
    return convert(node, false);
  }

  private static Schema convert(JsonNode node, boolean optional) {
    JsonNode base = node;
    JsonNode choices = node.has("oneOf") ? node.get("oneOf") : node.get("anyOf");
    if (choices != null) {
      List<JsonNode> values = new ArrayList<>();
      for (JsonNode choice : choices) {
        if ("null".equals(choice.path("type").asText())) optional = true;
        else values.add(choice);
      }
      if (values.size() != 1) throw new DataException("JSON Schema unions of several non-null types have no Connect type: " + choices);
      base = values.get(0);
    }
    String type = base.path("type").asText();
    if (base.path("type").isArray()) {
      // ["null", "string"]: the draft's short form of an optional value.
      List<String> types = new ArrayList<>();
      base.path("type").forEach(t -> types.add(t.asText()));
      optional |= types.remove("null");
      if (types.size() != 1) throw new DataException("JSON Schema types " + types + " have no single Connect type");
      type = types.get(0);
    }
    if (base.has("$ref")) throw new DataException("JSON Schema references ($ref) are not supported by this converter");
    SchemaBuilder builder = builder(base, type);
    if (optional) builder.optional();
    applyConnectProperties(builder, base);
    JsonNode defaultValue = node.has("default") ? node.get("default") : base.get("default");
    if (defaultValue != null && !defaultValue.isNull()) builder.defaultValue(JsonValues.toConnect(builder.build(), defaultValue));
    return builder.build();
  }

  private static SchemaBuilder builder(JsonNode node, String type) {
    String connectType = node.path(JsonSchemas.CONNECT_TYPE).asText(null);
    String title = node.path("title").asText(null);
    return switch (type) {
      case "integer" -> integer(connectType, title);
      case "number" -> Decimal.LOGICAL_NAME.equals(title)
          ? Decimal.builder(Integer.parseInt(node.path("connect.parameters").path(Decimal.SCALE_FIELD).asText("0")))
          : "float32".equals(connectType) ? SchemaBuilder.float32() : SchemaBuilder.float64();
      case "boolean" -> SchemaBuilder.bool();
      case "string" -> "bytes".equals(connectType) ? SchemaBuilder.bytes() : SchemaBuilder.string();
      case "array" -> "map".equals(connectType)
          ? SchemaBuilder.map(convert(node.path("items").path("properties").path("key"), false), convert(node.path("items").path("properties").path("value"), false))
          : SchemaBuilder.array(convert(node.path("items"), false));
      case "object" -> node.has("properties") || !node.path("additionalProperties").isObject()
          ? struct(node, title) : SchemaBuilder.map(Schema.STRING_SCHEMA, convert(node.get("additionalProperties"), false));
      default -> throw new DataException("JSON Schema type '" + type + "' has no Connect type");
    };
  }

  private static SchemaBuilder integer(String connectType, String title) {
    if (Date.LOGICAL_NAME.equals(title)) return Date.builder();
    if (Time.LOGICAL_NAME.equals(title)) return Time.builder();
    if (Timestamp.LOGICAL_NAME.equals(title)) return Timestamp.builder();
    if (connectType == null) return SchemaBuilder.int64();
    return switch (connectType) {
      case "int8" -> SchemaBuilder.int8();
      case "int16" -> SchemaBuilder.int16();
      case "int32" -> SchemaBuilder.int32();
      default -> SchemaBuilder.int64();
    };
  }

  private static SchemaBuilder struct(JsonNode node, String title) {
    SchemaBuilder builder = SchemaBuilder.struct();
    if (title != null) builder.name(title);
    Set<String> required = new HashSet<>();
    node.path("required").forEach(r -> required.add(r.asText()));
    List<Map.Entry<String, JsonNode>> properties = new ArrayList<>();
    node.path("properties").fields().forEachRemaining(properties::add);
    // connect.index keeps Connect's field order; a foreign schema keeps its written order.
    properties.sort(Comparator.comparingInt(p -> p.getValue().path(JsonSchemas.CONNECT_INDEX).asInt(Integer.MAX_VALUE)));
    for (Map.Entry<String, JsonNode> property : properties) {
      builder.field(property.getKey(), convert(property.getValue(), !required.contains(property.getKey())));
    }
    return builder;
  }

  private static void applyConnectProperties(SchemaBuilder builder, JsonNode node) {
    if (node.hasNonNull("title") && builder.name() == null) builder.name(node.get("title").asText());
    if (node.has("connect.version") && builder.version() == null) builder.version(node.get("connect.version").asInt());
    if (node.has("description")) builder.doc(node.get("description").asText());
    if (node.path("connect.parameters").isObject()) {
      Map<String, String> parameters = new LinkedHashMap<>();
      node.get("connect.parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
      builder.parameters(parameters);
    }
  }
}
