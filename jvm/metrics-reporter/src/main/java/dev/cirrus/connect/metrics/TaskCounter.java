package dev.cirrus.connect.metrics;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.MetricName;

/**
 * A connector task counter that Cirrus turns into a Confluent metric, named as the metrics agent
 * names it (the {@code attribute} label): the task's own counters under their Connect names, its
 * Kafka clients' byte totals prefixed by the client kind.
 */
record TaskCounter(String connector, String task, String attribute) {
    private static final Pattern PRODUCER = Pattern.compile("connector-producer-(.+)-(\\d+)");
    private static final Pattern CONSUMER = Pattern.compile("connector-consumer-(.+)-(\\d+)");

    /** The counter a metric is, or null when Cirrus does not read it. */
    static TaskCounter of(MetricName name) {
        Map<String, String> tags = name.tags();
        switch (name.group()) {
            case "source-task-metrics":
                return task(tags, name.name(), "source-record-write-total");
            case "sink-task-metrics":
                return task(tags, name.name(), "sink-record-read-total");
            case "task-error-metrics":
                return task(tags, name.name(), "deadletterqueue-produce-requests");
            case "producer-topic-metrics":
                return client(PRODUCER, tags, name.name().equals("byte-total"), "producer-byte-total");
            case "consumer-fetch-manager-metrics":
                // The client-level total only: per-topic and per-partition metrics share the group.
                return client(CONSUMER, tags, name.name().equals("bytes-consumed-total") && !tags.containsKey("topic"),
                        "consumer-bytes-consumed-total");
            default:
                return null;
        }
    }

    private static TaskCounter task(Map<String, String> tags, String name, String wanted) {
        String connector = tags.get("connector");
        String task = tags.get("task");
        return name.equals(wanted) && connector != null && task != null ? new TaskCounter(connector, task, name) : null;
    }

    private static TaskCounter client(Pattern clientId, Map<String, String> tags, boolean wanted, String attribute) {
        if (!wanted) return null;
        Matcher m = clientId.matcher(tags.getOrDefault("client-id", ""));
        return m.matches() ? new TaskCounter(m.group(1), m.group(2), attribute) : null;
    }
}
