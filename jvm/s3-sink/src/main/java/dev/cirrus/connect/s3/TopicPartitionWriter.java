package dev.cirrus.connect.s3;

import java.time.Clock;
import dev.cirrus.connect.egress.EgressRefusedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The one open file of a topic-partition. File boundaries depend only on the records (their
 * offsets, timestamps and count), so records re-read after a crash or restart are written again
 * under the same keys with the same contents: S3 holds each file once, whatever was retried.
 * Scheduled (wall-clock) rotation is the one exception, as in Confluent's connector.
 */
final class TopicPartitionWriter {
    private final TopicPartition tp;
    private final S3SinkConfig config;
    private final ObjectLayout layout;
    private final RecordFormat format;
    private final ObjectUploader uploader;
    private final Clock clock;

    private RecordFormat.ObjectBuffer buffer;
    /** The finished bytes of the buffer, kept so that a failed upload is retried with the same object. */
    private byte[] content;
    private int count;
    private long startOffset;
    private String timePartition;
    private long openedAtMs;
    private long firstRecordTimestamp;
    /** Offset after the last record taken in (written or skipped); -1 before the first. */
    private long nextOffset = -1;
    /** Offset after the last record that is safely in S3; null until something is. */
    private Long committedOffset;

    TopicPartitionWriter(TopicPartition tp, S3SinkConfig config, ObjectLayout layout, RecordFormat format,
                         ObjectUploader uploader, Clock clock) {
        this.tp = tp;
        this.config = config;
        this.layout = layout;
        this.format = format;
        this.uploader = uploader;
        this.clock = clock;
    }

    void write(SinkRecord record) {
        long offset = record.kafkaOffset();
        // Connect redelivers a whole batch after a RetriableException: keep what was taken in.
        if (nextOffset >= 0 && offset < nextOffset) return;
        // An object finished by a failed upload takes nothing more: it goes first, as it was.
        if (content != null) upload();
        uploadIfFull();
        if (record.value() == null) {
            // A tombstone has nothing to write, but its offset must still be committed.
            skip(record);
            return;
        }
        long timestamp = timestamp(record);
        String partition = layout.timePartition(timestamp);
        RecordFormat.Encoded encoded = format.encode(record);
        if (buffer != null && (!partition.equals(timePartition) || rotatesByRecordTime(timestamp) || !buffer.accepts(encoded))) {
            upload();
        }
        if (buffer == null) open(offset, partition, timestamp, encoded);
        buffer.append(encoded);
        count++;
        nextOffset = offset + 1;
        uploadIfFull();
    }

    /** Takes a record in without writing it (a tombstone, or a record sent to the dead letter queue). */
    void skip(SinkRecord record) {
        if (nextOffset >= 0 && record.kafkaOffset() < nextOffset) return;
        nextOffset = record.kafkaOffset() + 1;
        if (buffer == null) committedOffset = nextOffset;
    }

    /** Uploads a full file left by a failed upload, or a file open longer than the schedule allows. */
    void rotateIfDue() {
        uploadIfFull();
        long schedule = config.rotateScheduleIntervalMs();
        if (buffer != null && schedule > 0 && clock.millis() - openedAtMs >= schedule) upload();
    }

    Long committedOffset() {
        return committedOffset;
    }

    int bufferedRecords() {
        return count;
    }

    private long timestamp(SinkRecord record) {
        if (config.timestampExtractor() == S3SinkConfig.TimestampExtractor.WALLCLOCK) return clock.millis();
        Long timestamp = record.timestamp();
        if (timestamp == null || timestamp < 0) {
            throw new DataException("record " + tp + "@" + record.kafkaOffset()
                    + " has no timestamp; use timestamp.extractor=Wallclock for such topics");
        }
        return timestamp;
    }

    private boolean rotatesByRecordTime(long timestamp) {
        long interval = config.rotateIntervalMs();
        return interval > 0 && timestamp - firstRecordTimestamp >= interval;
    }

    private void open(long offset, String partition, long timestamp, RecordFormat.Encoded first) {
        buffer = format.open(first);
        count = 0;
        startOffset = offset;
        timePartition = partition;
        firstRecordTimestamp = timestamp;
        openedAtMs = clock.millis();
    }

    private void uploadIfFull() {
        if (buffer != null && count >= config.flushSize()) upload();
    }

    private void upload() {
        String key = layout.key(tp.topic(), tp.partition(), timePartition, startOffset);
        if (content == null) content = buffer.finish();
        try {
            uploader.upload(key, content);
        } catch (Exception e) {
            // A refused address is no network failure to retry: the task fails, nothing is written,
            // and the records wait in Kafka for a config that may run.
            EgressRefusedException refused = EgressRefusedException.in(e);
            if (refused != null) throw refused;
            throw new UploadFailedException("s3://" + config.bucket() + "/" + key, e);
        }
        committedOffset = nextOffset;
        buffer = null;
        content = null;
        count = 0;
    }
}
