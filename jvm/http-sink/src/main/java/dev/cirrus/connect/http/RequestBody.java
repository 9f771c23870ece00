package dev.cirrus.connect.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/** Renders record values and batches of them into request bodies, as Confluent's HTTP Sink does. */
final class RequestBody {
    private final HttpSinkConfig.BodyFormat format;
    private final boolean jsonArray;
    private final String prefix;
    private final String suffix;
    private final String separator;
    private final JsonConverter json = new JsonConverter();

    RequestBody(HttpSinkConfig config) {
        this.format = config.bodyFormat();
        this.jsonArray = format == HttpSinkConfig.BodyFormat.JSON
                && config.getBoolean(HttpSinkConfig.BATCH_JSON_AS_ARRAY)
                && config.getInt(HttpSinkConfig.BATCH_MAX_SIZE) > 1;
        this.prefix = config.untrimmed(HttpSinkConfig.BATCH_PREFIX);
        this.suffix = config.untrimmed(HttpSinkConfig.BATCH_SUFFIX);
        this.separator = config.untrimmed(HttpSinkConfig.BATCH_SEPARATOR);
        json.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    }

    String contentType() {
        return format == HttpSinkConfig.BodyFormat.JSON ? "application/json" : "text/plain; charset=utf-8";
    }

    /** One record's part of a body; a DataException when its value cannot be rendered. */
    String render(SinkRecord record) {
        Object value = record.value();
        if (format == HttpSinkConfig.BodyFormat.STRING) {
            return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
        }
        if (value instanceof String text && isJson(record.topic(), text)) return text;
        Schema schema = value instanceof String ? Schema.STRING_SCHEMA : record.valueSchema();
        byte[] bytes = json.fromConnectData(record.topic(), schema, value);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    String batch(List<String> parts) {
        if (jsonArray) return "[" + String.join(",", parts) + "]";
        return prefix + String.join(separator, parts) + suffix;
    }

    private boolean isJson(String topic, String text) {
        if (text.isBlank()) return false;
        try {
            json.toConnectData(topic, text.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (DataException e) {
            return false;
        }
    }
}
