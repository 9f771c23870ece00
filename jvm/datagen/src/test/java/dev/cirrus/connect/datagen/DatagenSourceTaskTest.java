package dev.cirrus.connect.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class DatagenSourceTaskTest {
    static Map<String, String> props(String maxInterval, String iterations) {
        Map<String, String> m = new HashMap<>(DatagenConfigTest.valid());
        m.put("quickstart", "orders");
        m.put("max.interval", maxInterval);
        m.put("iterations", iterations);
        m.put("task.id", "2");
        return m;
    }

    static DatagenSourceTask start(Map<String, String> props, FakeSourceTaskContext ctx) {
        DatagenSourceTask task = new DatagenSourceTask();
        task.initialize(ctx);
        task.start(props);
        return task;
    }

    /** Polls until a poll comes back empty, which only happens once the task is exhausted. */
    static List<SourceRecord> drain(DatagenSourceTask task) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        for (List<SourceRecord> batch = task.poll(); batch != null; batch = task.poll()) all.addAll(batch);
        return all;
    }

    @Test
    void boundedRunYieldsExactlyIterationsThenNothing() throws Exception {
        for (String interval : List.of("0", "1")) { // batch path and one-at-a-time path
            Map<String, String> p = props(interval, "7");
            DatagenSourceTask task = start(p, new FakeSourceTaskContext(p));
            List<SourceRecord> records = drain(task);
            assertEquals(7, records.size(), "max.interval=" + interval);
            for (int i = 0; i < 7; i++) {
                assertEquals(Map.of("task", 2), records.get(i).sourcePartition());
                assertEquals(Map.of("count", (long) i + 1), records.get(i).sourceOffset());
            }
            long t0 = System.nanoTime();
            assertNull(task.poll());
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waitedMs >= 400, "an exhausted task must not busy-spin, waited " + waitedMs);
            task.stop();
        }
    }

    @Test
    void unboundedBatchesWithoutInterval() throws Exception {
        Map<String, String> p = props("0", "-1");
        DatagenSourceTask task = start(p, new FakeSourceTaskContext(p));
        assertEquals(DatagenSourceTask.BATCH_SIZE, task.poll().size());
        assertEquals(DatagenSourceTask.BATCH_SIZE, task.poll().size());
        task.stop();
    }

    @Test
    void resumesFromStoredOffset() throws Exception {
        Map<String, String> p = props("0", "10");
        FakeSourceTaskContext ctx = new FakeSourceTaskContext(p);
        // As read back from the offsets topic, where JSON integers come back as Long.
        ctx.stored.put(Map.of("task", 2), Map.of("count", 8L));
        DatagenSourceTask task = start(p, ctx);
        List<SourceRecord> records = drain(task);
        assertEquals(2, records.size());
        assertEquals(Map.of("count", 10L), records.get(1).sourceOffset());
        assertEquals(9, ((Struct) records.get(1).value()).getInt32("orderid")); // ids continue, not restart
        task.stop();
    }

    @Test
    void otherTasksOffsetsAreIgnored() throws Exception {
        Map<String, String> p = props("0", "3");
        FakeSourceTaskContext ctx = new FakeSourceTaskContext(p);
        ctx.stored.put(Map.of("task", 0), Map.of("count", 3L));
        assertEquals(3, drain(start(p, ctx)).size());
    }

    @Test
    void stopWakesASleepingPoll() throws Exception {
        // A huge max.interval makes the random sleep effectively certain to be long.
        Map<String, String> p = props("1000000000000", "-1");
        DatagenSourceTask task = start(p, new FakeSourceTaskContext(p));
        CompletableFuture<List<SourceRecord>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        long t0 = System.nanoTime();
        task.stop();
        assertNull(poll.get(2, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1000);
    }

    @Test
    void stopWakesAnExhaustedPoll() throws Exception {
        Map<String, String> p = props("0", "1");
        DatagenSourceTask task = start(p, new FakeSourceTaskContext(p));
        assertEquals(1, task.poll().size());
        task.stop();
        long t0 = System.nanoTime();
        assertNull(task.poll());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 100);
    }
}
