package dev.cirrus.connect.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class S3SinkTaskTest {
    private static final String TOPIC = "orders";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final long T0710 = at("2024-03-05T07:10:00Z");
    private static final long T0805 = at("2024-03-05T08:05:00Z");
    private static final String HOUR07 = "topics/orders/year=2024/month=03/day=05/hour=07/";
    private static final String HOUR08 = "topics/orders/year=2024/month=03/day=05/hour=08/";

    private final InMemoryUploader bucket = new InMemoryUploader();
    private final MutableClock clock = new MutableClock(at("2030-01-01T00:00:00Z"));
    private final FakeSinkTaskContext context = new FakeSinkTaskContext();

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private S3SinkTask start(Map<String, String> overrides, TopicPartition... partitions) {
        Map<String, String> props = new HashMap<>(Map.of("topics", TOPIC, "s3.bucket.name", "b", "flush.size", "2"));
        props.putAll(overrides);
        S3SinkTask task = new S3SinkTask(clock, config -> bucket);
        task.initialize(context);
        task.start(props);
        task.open(List.of(partitions.length == 0 ? new TopicPartition[] {P0} : partitions));
        return task;
    }

    private static SinkRecord record(int partition, long offset, long timestamp, Object value) {
        Schema schema = value instanceof byte[] ? Schema.BYTES_SCHEMA : null;
        return new SinkRecord(TOPIC, partition, null, null, schema, value, offset, timestamp, TimestampType.CREATE_TIME);
    }

    private static List<SinkRecord> json(long from, long to, long timestamp) {
        List<SinkRecord> records = new ArrayList<>();
        for (long o = from; o < to; o++) records.add(record(0, o, timestamp, Map.of("n", o)));
        return records;
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(TopicPartition tp, long offset) {
        return Map.of(tp, new OffsetAndMetadata(offset));
    }

    private Map<TopicPartition, OffsetAndMetadata> preCommit(S3SinkTask task) {
        return task.preCommit(new HashMap<>());
    }

    @Test
    void hourlyLayoutSplitsFilesAtTheHourOfTheRecordTimestamp() {
        S3SinkTask task = start(Map.of("flush.size", "10"));
        List<SinkRecord> records = new ArrayList<>(json(0, 2, T0710));
        records.addAll(json(2, 3, T0805));
        task.put(records);
        assertEquals(List.of(HOUR07 + "orders+0+0000000000.json"), bucket.uploads);
        assertEquals("{\"n\":0}\n{\"n\":1}\n", bucket.text(HOUR07 + "orders+0+0000000000.json"));
        assertEquals(offsets(P0, 2), preCommit(task));
    }

    @Test
    void hourlyLayoutFollowsTheConfiguredTimezone() {
        // 20:00 UTC is 01:30 the next day in Kolkata (UTC+05:30).
        S3SinkTask task = start(Map.of("flush.size", "1", "timezone", "Asia/Kolkata"));
        task.put(List.of(record(0, 7, at("2024-03-05T20:00:00Z"), "x")));
        assertEquals(List.of("topics/orders/year=2024/month=03/day=06/hour=01/orders+0+0000000007.json"), bucket.uploads);
        assertEquals("\"x\"\n", bucket.text(bucket.uploads.get(0)));
    }

    @Test
    void dailyLayoutKeepsOneDayInOneFileAndHasNoHour() {
        S3SinkTask task = start(Map.of("flush.size", "3", "time.interval", "DAILY", "topics.dir", "archive/"));
        List<SinkRecord> records = new ArrayList<>(json(0, 1, T0710));
        records.addAll(json(1, 2, T0805));
        records.addAll(json(2, 3, at("2024-03-06T00:00:00Z")));
        task.put(records);
        assertEquals(List.of("archive/orders/year=2024/month=03/day=05/orders+0+0000000000.json"), bucket.uploads);
        assertEquals(2, bucket.text(bucket.uploads.get(0)).lines().count());
        assertEquals(1, task.bufferedRecords(P0));
    }

    @Test
    void flushSizeBoundariesAndPreCommitNeverCoverBufferedRecords() {
        S3SinkTask task = start(Map.of("flush.size", "3"));
        task.put(json(0, 2, T0710));
        assertEquals(Map.of(), preCommit(task), "nothing is in S3 yet");
        task.put(json(2, 7, T0710));
        assertEquals(List.of(HOUR07 + "orders+0+0000000000.json", HOUR07 + "orders+0+0000000003.json"), bucket.uploads);
        assertEquals("{\"n\":3}\n{\"n\":4}\n{\"n\":5}\n", bucket.text(HOUR07 + "orders+0+0000000003.json"));
        assertEquals(1, task.bufferedRecords(P0));
        assertEquals(offsets(P0, 6), preCommit(task), "record 6 is still buffered");
    }

    @Test
    void scheduledRotationUploadsAnOpenFileOnceItsWallClockIntervalElapsed() {
        S3SinkTask task = start(Map.of("flush.size", "100", "rotate.schedule.interval.ms", "1000"));
        task.put(json(0, 2, T0710));
        clock.advance(999);
        assertEquals(Map.of(), preCommit(task));
        clock.advance(1);
        assertEquals(offsets(P0, 2), preCommit(task));
        assertEquals(List.of(HOUR07 + "orders+0+0000000000.json"), bucket.uploads);

        task.put(json(2, 3, T0710));
        clock.advance(1000);
        task.put(List.of());
        assertEquals(HOUR07 + "orders+0+0000000002.json", bucket.uploads.get(1), "put() checks the schedule too");
    }

    @Test
    void wallclockExtractorPartitionsByTheTimeOfWriting() {
        clock.millis = at("2031-07-04T23:59:00Z");
        S3SinkTask task = start(Map.of("flush.size", "1", "timestamp.extractor", "Wallclock", "time.interval", "DAILY"));
        task.put(List.of(record(0, 0, T0710, "a")));
        assertEquals(List.of("topics/orders/year=2031/month=07/day=04/orders+0+0000000000.json"), bucket.uploads);
    }

    @Test
    void partitionsCommitIndependently() {
        S3SinkTask task = start(Map.of("flush.size", "2"), P0, P1);
        task.put(List.of(record(0, 10, T0710, "a"), record(1, 20, T0710, "b"), record(1, 21, T0710, "c")));
        assertEquals(offsets(P1, 22), preCommit(task));
        assertEquals(List.of(HOUR07 + "orders+1+0000000020.json"), bucket.uploads);
    }

    @Test
    void rotateIntervalCutsFilesByRecordTime() {
        S3SinkTask task = start(Map.of("flush.size", "100", "rotate.interval.ms", "1000"));
        task.put(List.of(record(0, 0, T0710, 1), record(0, 1, T0710 + 999, 2), record(0, 2, T0710 + 1000, 3)));
        assertEquals(List.of(HOUR07 + "orders+0+0000000000.json"), bucket.uploads);
        assertEquals("1\n2\n", bucket.text(bucket.uploads.get(0)));
        assertEquals(offsets(P0, 2), preCommit(task));
    }

    @Test
    void redeliveryAfterARestartRewritesIdenticalKeysAndContents() {
        S3SinkTask first = start(Map.of("flush.size", "2"));
        first.put(json(0, 5, T0710));
        Map<String, byte[]> before = new LinkedHashMap<>(bucket.objects);
        first.stop(); // crashed before the commit: Kafka still holds offset 0 for the group

        S3SinkTask second = start(Map.of("flush.size", "2"));
        second.put(json(0, 5, T0710));
        assertEquals(before.keySet(), bucket.objects.keySet(), "no new object names");
        before.forEach((key, content) -> assertEquals(new String(content, StandardCharsets.UTF_8), bucket.text(key)));
        assertEquals(4, bucket.uploads.size(), "each of the 2 files written twice, under the same key");
        assertEquals(offsets(P0, 4), preCommit(second));
    }

    @Test
    void aConfigChangeRestartResumesFromTheCommittedOffsetInTheNewLayout() {
        S3SinkTask hourly = start(Map.of("flush.size", "2"));
        hourly.put(json(0, 3, T0710));
        assertEquals(offsets(P0, 2), preCommit(hourly));
        hourly.stop();

        S3SinkTask daily = start(Map.of("flush.size", "2", "time.interval", "DAILY"));
        daily.put(json(2, 4, T0710));
        assertEquals("topics/orders/year=2024/month=03/day=05/orders+0+0000000002.json", bucket.uploads.get(1));
        assertEquals(offsets(P0, 4), preCommit(daily));
    }

    @Test
    void revokedPartitionsDropTheirBuffersAndStopDropsAll() {
        S3SinkTask task = start(Map.of("flush.size", "10"), P0, P1);
        task.put(List.of(record(0, 0, T0710, "a"), record(1, 0, T0710, "b")));
        task.close(List.of(P1));
        assertEquals(0, task.bufferedRecords(P1));
        assertEquals(1, task.bufferedRecords(P0));
        task.stop();
        assertEquals(0, task.bufferedRecords(P0));
        assertTrue(bucket.uploads.isEmpty(), "partial files are never uploaded");
    }

    @Test
    void tombstonesAreSkippedButTheirOffsetsCommitted() {
        S3SinkTask task = start(Map.of("flush.size", "2"));
        task.put(List.of(record(0, 0, T0710, null)));
        assertEquals(offsets(P0, 1), preCommit(task), "a tombstone with no open file commits at once");
        task.put(List.of(record(0, 1, T0710, "a"), record(0, 2, T0710, null), record(0, 3, T0710, "b")));
        assertEquals(List.of(HOUR07 + "orders+0+0000000001.json"), bucket.uploads);
        assertEquals("\"a\"\n\"b\"\n", bucket.text(bucket.uploads.get(0)));
        assertEquals(offsets(P0, 4), preCommit(task));
    }

    @Test
    void jsonWritesStructFieldsAndSchemalessMapsOnePerLine() {
        Schema schema = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).field("qty", Schema.INT32_SCHEMA).build();
        Struct struct = new Struct(schema).put("name", "apple").put("qty", 3);
        S3SinkTask task = start(Map.of("flush.size", "3"));
        task.put(List.of(
                new SinkRecord(TOPIC, 0, null, null, schema, struct, 0, T0710, TimestampType.CREATE_TIME),
                record(0, 1, T0710, Map.of("list", List.of(1, true))),
                record(0, 2, T0710, 4.5)));
        assertEquals("{\"name\":\"apple\",\"qty\":3}\n{\"list\":[1,true]}\n4.5\n", bucket.text(bucket.uploads.get(0)));
    }

    @Test
    void bytesWritesRawValuesEachFollowedByALineSeparator() {
        S3SinkTask task = start(Map.of("flush.size", "2", "format", "BYTES"));
        task.put(List.of(record(0, 0, T0710, new byte[] {1, 2}), record(0, 1, T0710, "hi".getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(HOUR07 + "orders+0+0000000000.bin"), bucket.uploads);
        assertEquals(List.of((byte) 1, (byte) 2, (byte) '\n', (byte) 'h', (byte) 'i', (byte) '\n'), boxed(bucket.objects.get(bucket.uploads.get(0))));
        assertThrows(DataException.class, () -> task.put(List.of(record(0, 2, T0710, "not bytes"))));
    }

    @Test
    void aFailedUploadIsRetriedThroughConnectWithoutDuplicatingRecords() {
        S3SinkTask task = start(Map.of("flush.size", "2", "s3.retry.backoff.ms", "50"));
        bucket.failuresToCome = 2;
        assertThrows(RetriableException.class, () -> task.put(json(0, 3, T0710)));
        assertEquals(50, context.timeoutMs);
        assertEquals(Map.of(), preCommit(task), "the full file failed again in preCommit: still not in S3");
        task.put(json(0, 3, T0710)); // Connect redelivers the same batch
        assertEquals("{\"n\":0}\n{\"n\":1}\n", bucket.text(HOUR07 + "orders+0+0000000000.json"));
        assertEquals(1, task.bufferedRecords(P0));
        assertEquals(offsets(P0, 2), preCommit(task));
    }

    @Test
    void persistentUploadFailuresFailTheTaskWithoutTheSecret() {
        S3SinkTask task = start(Map.of("flush.size", "1", "s3.part.retries", "2",
                "aws.access.key.id", "AKID", "aws.secret.access.key", "very-secret-value"));
        bucket.failuresToCome = 100;
        assertThrows(RetriableException.class, () -> task.put(json(0, 1, T0710)));
        assertThrows(RetriableException.class, () -> task.put(json(0, 1, T0710)));
        ConnectException failed = assertThrows(ConnectException.class, () -> task.put(json(0, 1, T0710)));
        assertFalse(failed instanceof RetriableException);
        assertTrue(failed.getMessage().contains("s3://b/" + HOUR07 + "orders+0+0000000000.json"), failed.getMessage());
        assertFalse(failed.getMessage().contains("very-secret-value"));
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> list = new ArrayList<>();
        for (byte b : bytes) list.add(b);
        return list;
    }
}
