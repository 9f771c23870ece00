package dev.cirrus.connect.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces one quickstart's records. The number produced so far is the source offset, so a
 * bounded run (iterations) resumes where it stopped after a restart instead of starting over.
 */
public class DatagenSourceTask extends SourceTask {
    static final String PARTITION_TASK = "task";
    static final String OFFSET_COUNT = "count";
    /** Records per poll when max.interval=0: large enough for throughput, small enough to stop promptly. */
    static final int BATCH_SIZE = 500;
    /** How long an exhausted task waits per poll, so the worker loop does not spin. */
    static final long IDLE_MS = 500;

    private static final Logger log = LoggerFactory.getLogger(DatagenSourceTask.class);

    private String topic;
    private Quickstart quickstart;
    private DatagenConfig.OutputFormat format;
    private long maxIntervalMs;
    private long iterations;
    private Map<String, Integer> sourcePartition;
    private long count;
    // stop() is called from another thread while poll() waits; the latch wakes it at once.
    private volatile CountDownLatch stopped = new CountDownLatch(0);

    @Override
    public String version() {
        return DatagenSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        DatagenConfig config = new DatagenConfig(props);
        topic = config.topic();
        quickstart = config.quickstart();
        format = config.outputFormat();
        maxIntervalMs = config.maxIntervalMs();
        iterations = config.iterations();
        int taskId = parseTaskId(props.get(DatagenConfig.TASK_ID));
        sourcePartition = Map.of(PARTITION_TASK, taskId);
        count = storedCount();
        stopped = new CountDownLatch(1);
        log.info("Datagen task {} starting: quickstart={} topic={} count={} iterations={}",
                taskId, quickstart, topic, count, iterations);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (iterations != DatagenConfig.UNBOUNDED && count >= iterations) {
            stopped.await(IDLE_MS, TimeUnit.MILLISECONDS);
            return null;
        }
        int n;
        if (maxIntervalMs > 0) {
            // Sleep before each record, like the original Datagen; wakes early on stop().
            long sleepMs = ThreadLocalRandom.current().nextLong(maxIntervalMs + 1);
            if (sleepMs > 0 && stopped.await(sleepMs, TimeUnit.MILLISECONDS)) return null;
            n = 1;
        } else {
            n = BATCH_SIZE;
        }
        if (iterations != DatagenConfig.UNBOUNDED) n = (int) Math.min(n, iterations - count);
        if (stopped.getCount() == 0) return null;

        List<SourceRecord> records = new ArrayList<>(n);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            long now = System.currentTimeMillis();
            Quickstart.Generated g = quickstart.generate(count, now, r);
            count++;
            Object value = format == DatagenConfig.OutputFormat.JSON ? g.value() : JsonText.render(g.value());
            Schema valueSchema = format == DatagenConfig.OutputFormat.JSON ? quickstart.schema() : Schema.STRING_SCHEMA;
            records.add(new SourceRecord(sourcePartition, Map.of(OFFSET_COUNT, count), topic, null,
                    Schema.STRING_SCHEMA, g.key(), valueSchema, value, now));
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    /** Records this task already produced in earlier runs; 0 on first start. */
    private long storedCount() {
        if (context == null || context.offsetStorageReader() == null) return 0;
        Map<String, Object> offset = context.offsetStorageReader().offset(sourcePartition);
        Object stored = offset == null ? null : offset.get(OFFSET_COUNT);
        // Offsets come back through a converter, so the number may be any integral type.
        return stored instanceof Number num ? Math.max(0, num.longValue()) : 0;
    }

    private static int parseTaskId(String raw) {
        if (raw == null) return 0; // run standalone (e.g. in tests) without the connector
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConnectException("Invalid " + DatagenConfig.TASK_ID + ": " + raw, e);
        }
    }
}
