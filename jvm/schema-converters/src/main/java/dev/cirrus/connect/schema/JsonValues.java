package dev.cirrus.connect.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values to and from JSON, as Confluent's JSON Schema converter writes them: bytes as base64,
 * decimals as JSON numbers, Date/Time/Timestamp as their integer Connect encodings.
 */
final class JsonValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonValues() {}

  static JsonNode toJson(Schema schema, Object value) {
    if (value == null) {
      if (schema.defaultValue() != null) value = schema.defaultValue();
      else if (schema.isOptional()) return NODES.nullNode();
      else throw new DataException("null for a required " + schema.type() + " value" + (schema.name() == null ? "" : " (" + schema.name() + ")"));
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> { return NODES.numberNode((BigDecimal) value); }
        case Date.LOGICAL_NAME -> { return NODES.numberNode(Date.fromLogical(schema, (java.util.Date) value)); }
        case Time.LOGICAL_NAME -> { return NODES.numberNode(Time.fromLogical(schema, (java.util.Date) value)); }
        case Timestamp.LOGICAL_NAME -> { return NODES.numberNode(Timestamp.fromLogical(schema, (java.util.Date) value)); }
        default -> { }
      }
    }
    return switch (schema.type()) {
      case INT8 -> NODES.numberNode((Byte) value);
      case INT16 -> NODES.numberNode((Short) value);
      case INT32 -> NODES.numberNode((Integer) value);
      case INT64 -> NODES.numberNode((Long) value);
      case FLOAT32 -> NODES.numberNode((Float) value);
      case FLOAT64 -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case STRING -> NODES.textNode((String) value);
      case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(bytes(value)));
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object element : (List<?>) value) array.add(toJson(schema.valueSchema(), element));
        yield array;
      }
      case MAP -> map(schema, (Map<?, ?>) value);
      case STRUCT -> struct((Struct) value);
    };
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] bytes) return bytes;
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(copy);
    return copy;
  }

  private static JsonNode map(Schema schema, Map<?, ?> value) {
    if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
      ObjectNode object = NODES.objectNode();
      value.forEach((k, v) -> object.set((String) k, toJson(schema.valueSchema(), v)));
      return object;
    }
    ArrayNode entries = NODES.arrayNode();
    value.forEach((k, v) -> entries.addObject().<ObjectNode>set("key", toJson(schema.keySchema(), k)).set("value", toJson(schema.valueSchema(), v)));
    return entries;
  }

  private static JsonNode struct(Struct value) {
    ObjectNode object = NODES.objectNode();
    for (Field field : value.schema().fields()) object.set(field.name(), toJson(field.schema(), value.get(field)));
    return object;
  }

  static Object toConnect(Schema schema, JsonNode node) {
    if (node == null || node.isNull()) {
      if (schema.defaultValue() != null) return schema.defaultValue();
      if (!schema.isOptional()) throw new DataException("null or missing value for a required " + schema.type() + " value");
      return null;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> { return node.decimalValue().setScale(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD))); }
        case Date.LOGICAL_NAME -> { return Date.toLogical(schema, node.intValue()); }
        case Time.LOGICAL_NAME -> { return Time.toLogical(schema, node.intValue()); }
        case Timestamp.LOGICAL_NAME -> { return Timestamp.toLogical(schema, node.longValue()); }
        default -> { }
      }
    }
    return switch (schema.type()) {
      case INT8 -> (byte) integral(node);
      case INT16 -> (short) integral(node);
      case INT32 -> (int) integral(node);
      case INT64 -> integral(node);
      case FLOAT32 -> number(node).floatValue();
      case FLOAT64 -> number(node).doubleValue();
      case BOOLEAN -> expect(node, node.isBoolean(), "a boolean").booleanValue();
      case STRING -> expect(node, node.isTextual(), "a string").textValue();
      case BYTES -> Base64.getDecoder().decode(expect(node, node.isTextual(), "base64 text").textValue());
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonNode element : expect(node, node.isArray(), "an array")) list.add(toConnect(schema.valueSchema(), element));
        yield list;
      }
      case MAP -> map(schema, node);
      case STRUCT -> struct(schema, expect(node, node.isObject(), "an object"));
    };
  }

  private static long integral(JsonNode node) {
    return expect(node, node.canConvertToLong() && node.isIntegralNumber(), "an integer").longValue();
  }

  private static JsonNode number(JsonNode node) {
    return expect(node, node.isNumber(), "a number");
  }

  private static JsonNode expect(JsonNode node, boolean ok, String what) {
    if (!ok) throw new DataException("expected " + what + " but the JSON holds " + node.getNodeType());
    return node;
  }

  private static Map<Object, Object> map(Schema schema, JsonNode node) {
    Map<Object, Object> out = new LinkedHashMap<>();
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> entry = it.next();
        out.put(entry.getKey(), toConnect(schema.valueSchema(), entry.getValue()));
      }
      return out;
    }
    for (JsonNode entry : expect(node, node.isArray(), "an object or an array of key/value objects")) {
      out.put(toConnect(schema.keySchema(), entry.get("key")), toConnect(schema.valueSchema(), entry.get("value")));
    }
    return out;
  }

  private static Struct struct(Schema schema, JsonNode node) {
    Struct struct = new Struct(schema);
    for (Field field : schema.fields()) struct.put(field, toConnect(field.schema(), node.get(field.name())));
    return struct;
  }
}
