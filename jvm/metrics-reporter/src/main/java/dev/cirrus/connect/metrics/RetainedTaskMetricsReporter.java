package dev.cirrus.connect.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * Keeps what a connector task counted when its metrics go. A task restart removes the task's
 * metrics (metricRemoval) and closes its Kafka clients (close, without a removal per metric), so
 * their last values would be lost to any scraper that did not look just before; here they join
 * the task's retired totals (RetiredTaskTotals). Configured beside JmxReporter for the worker
 * ({@code metric.reporters}) and the tasks' clients ({@code producer.}/{@code consumer.metric.reporters}).
 */
public class RetainedTaskMetricsReporter implements MetricsReporter {
    private final Map<MetricName, KafkaMetric> tracked = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        metrics.forEach(this::metricChange);
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        if (TaskCounter.of(metric.metricName()) != null) tracked.put(metric.metricName(), metric);
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        if (tracked.remove(metric.metricName()) != null) retire(metric);
    }

    @Override
    public void close() {
        tracked.values().forEach(RetainedTaskMetricsReporter::retire);
        tracked.clear();
    }

    private static void retire(KafkaMetric metric) {
        TaskCounter counter = TaskCounter.of(metric.metricName());
        if (counter != null && metric.metricValue() instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() > 0) {
            RetiredTaskTotals.add(counter, n.doubleValue());
        }
    }
}
