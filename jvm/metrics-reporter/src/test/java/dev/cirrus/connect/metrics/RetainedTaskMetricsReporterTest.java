package dev.cirrus.connect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class RetainedTaskMetricsReporterTest {
    private static Metrics metrics() {
        return new Metrics(new MetricConfig(), List.of(new RetainedTaskMetricsReporter()), Time.SYSTEM);
    }

    private static Sensor counter(Metrics metrics, MetricName name, double value) {
        Sensor sensor = metrics.sensor(name.group() + name.name() + name.tags());
        sensor.add(name, new CumulativeSum());
        sensor.record(value);
        return sensor;
    }

    @Test
    void namesOnlyTheCountersCirrusReads() {
        assertEquals(new TaskCounter("lcc-1", "0", "source-record-write-total"),
                TaskCounter.of(new MetricName("source-record-write-total", "source-task-metrics", "", Map.of("connector", "lcc-1", "task", "0"))));
        assertEquals(new TaskCounter("lcc-1", "2", "producer-byte-total"),
                TaskCounter.of(new MetricName("byte-total", "producer-topic-metrics", "", Map.of("client-id", "connector-producer-lcc-1-2", "topic", "t"))));
        assertEquals(new TaskCounter("lcc-x-y", "0", "consumer-bytes-consumed-total"),
                TaskCounter.of(new MetricName("bytes-consumed-total", "consumer-fetch-manager-metrics", "", Map.of("client-id", "connector-consumer-lcc-x-y-0"))));
        assertNull(TaskCounter.of(new MetricName("bytes-consumed-total", "consumer-fetch-manager-metrics", "", Map.of("client-id", "connector-consumer-lcc-1-0", "topic", "t"))));
        assertNull(TaskCounter.of(new MetricName("byte-total", "producer-topic-metrics", "", Map.of("client-id", "connector-dlq-producer-lcc-1-0", "topic", "t"))));
        assertNull(TaskCounter.of(new MetricName("source-record-poll-total", "source-task-metrics", "", Map.of("connector", "lcc-1", "task", "0"))));
    }

    @Test
    void aRemovedTaskMetricJoinsTheRetiredTotalAndIsServedOverJmx() throws Exception {
        TaskCounter written = new TaskCounter("lcc-retire", "0", "source-record-write-total");
        MetricName name = new MetricName("source-record-write-total", "source-task-metrics", "", Map.of("connector", "lcc-retire", "task", "0"));
        try (Metrics metrics = metrics()) {
            // As a task restart does: its sensors go, new ones start from zero.
            metrics.removeSensor(counter(metrics, name, 7).name());
            metrics.removeSensor(counter(metrics, name, 5).name());
        }
        assertEquals(12.0, RetiredTaskTotals.total(written));
        Object served = ManagementFactory.getPlatformMBeanServer().getAttribute(RetiredTaskTotals.objectName("lcc-retire", "0"), "source-record-write-total");
        assertEquals(12.0, served);
    }

    @Test
    void aClosedClientRetiresItsCountersOnce() {
        MetricName name = new MetricName("byte-total", "producer-topic-metrics", "", Map.of("client-id", "connector-producer-lcc-close-1", "topic", "t"));
        Metrics metrics = metrics();
        counter(metrics, name, 100);
        metrics.close();
        metrics.close();
        assertEquals(100.0, RetiredTaskTotals.total(new TaskCounter("lcc-close", "1", "producer-byte-total")));
    }
}
