package dev.cirrus.connect.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each put's records in order, batch.max.size at a time. A batch that fails for good goes to
 * the dead letter queue when Connect gives us a reporter (errors.tolerance=all), else follows
 * behavior.on.error. put returns only once every batch was handled, so offsets are at least once.
 */
public class HttpSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(HttpSinkTask.class);

    private HttpSinkConfig config;
    private RequestBody body;
    private HttpDelivery delivery;
    private ErrantRecordReporter reporter;
    private int batchMaxSize;

    @Override
    public String version() {
        return HttpSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new HttpSinkConfig(props);
        body = new RequestBody(config);
        delivery = new HttpDelivery(config);
        batchMaxSize = config.getInt(HttpSinkConfig.BATCH_MAX_SIZE);
        reporter = errantRecordReporter();
        log.info("HTTP sink task sends to {} with batches of up to {} records; failed batches go to {}",
                delivery.target(), batchMaxSize, reporter != null ? "the dead letter queue" : "behavior.on.error=" + config.onError());
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than KIP-610
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<SinkRecord> batch = new ArrayList<>(Math.min(records.size(), batchMaxSize));
        List<String> parts = new ArrayList<>(batch.size());
        for (SinkRecord record : records) {
            if (record.value() == null) {
                onNullValue(record);
                continue;
            }
            String part;
            try {
                part = body.render(record);
            } catch (DataException e) {
                onFailure(List.of(record), new DataException("cannot render the value of " + where(record) + " as "
                        + config.bodyFormat().name().toLowerCase() + ": " + e.getMessage(), e));
                continue;
            }
            batch.add(record);
            parts.add(part);
            if (batch.size() >= batchMaxSize) {
                deliver(batch, parts);
                batch.clear();
                parts.clear();
            }
        }
        if (!batch.isEmpty()) deliver(batch, parts);
    }

    private void deliver(List<SinkRecord> batch, List<String> parts) {
        try {
            delivery.send(body.batch(parts), body.contentType());
        } catch (HttpDeliveryException e) {
            onFailure(List.copyOf(batch), e);
        }
    }

    private void onNullValue(SinkRecord record) {
        switch (config.onNull()) {
            case FAIL:
                onFailure(List.of(record), new DataException(where(record) + " has a null value"
                        + " (behavior.on.null.values=fail)"));
                break;
            case LOG:
                log.info("Skipping {}: its value is null", where(record));
                break;
            default:
                log.debug("Skipping {}: its value is null", where(record));
        }
    }

    private void onFailure(List<SinkRecord> records, ConnectException error) {
        if (reporter != null) {
            for (SinkRecord record : records) reporter.report(record, error);
            log.warn("{} record(s) sent to the dead letter queue: {}", records.size(), error.getMessage());
            return;
        }
        switch (config.onError()) {
            case FAIL:
                throw error;
            case LOG:
                log.error("Dropping {} record(s) from {}: {}", records.size(), where(records.get(0)), error.getMessage());
                break;
            default:
                log.debug("Ignoring {} failed record(s): {}", records.size(), error.getMessage());
        }
    }

    private static String where(SinkRecord record) {
        return "record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }

    @Override
    public void stop() {
        if (delivery != null) delivery.stop();
    }
}
