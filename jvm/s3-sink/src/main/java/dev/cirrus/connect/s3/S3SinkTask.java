package dev.cirrus.connect.s3;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import dev.cirrus.connect.egress.EgressRefusedException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each owned topic-partition into time-partitioned S3 objects and commits to Kafka only
 * offsets whose records are in S3, so a restart re-reads (and re-writes identically) the rest.
 */
public class S3SinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(S3SinkTask.class);

    private final Clock clock;
    private final Function<S3SinkConfig, ObjectUploader> uploaders;
    private final Map<TopicPartition, TopicPartitionWriter> writers = new HashMap<>();
    private S3SinkConfig config;
    private ObjectLayout layout;
    private RecordFormat format;
    private ErrantRecordReporter reporter;
    private ObjectUploader uploader;
    private int failedUploads;

    public S3SinkTask() {
        this(Clock.systemUTC(), S3ObjectUploader::new);
    }

    S3SinkTask(Clock clock, Function<S3SinkConfig, ObjectUploader> uploaders) {
        this.clock = clock;
        this.uploaders = uploaders;
    }

    @Override
    public String version() {
        return S3SinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new S3SinkConfig(props);
        format = RecordFormat.of(config);
        layout = new ObjectLayout(config.topicsDir(), config.timeInterval(), config.timezone(), format.extension());
        uploader = uploaders.apply(config);
        reporter = errantRecordReporter();
        failedUploads = 0;
        log.info("S3 sink task writing to bucket {} ({} {}, flush.size {})", config.bucket(), config.timeInterval(),
                config.format(), config.flushSize());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        // A newly assigned partition starts from its committed offset: nothing buffered applies.
        for (TopicPartition tp : partitions) writers.put(tp, newWriter(tp));
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // Buffered records of a revoked partition are re-read by its next owner.
        for (TopicPartition tp : partitions) writers.remove(tp);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            for (SinkRecord record : records) {
                TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
                TopicPartitionWriter writer = writers.computeIfAbsent(tp, this::newWriter);
                try {
                    writer.write(record);
                } catch (DataException e) {
                    // A record the format cannot write goes where errors.tolerance / the DLQ say, as in
                    // Confluent's sink; without a reporter (or with tolerance none) the task fails.
                    if (reporter == null) throw e;
                    reporter.report(record, e);
                    writer.skip(record);
                }
            }
            for (TopicPartitionWriter writer : writers.values()) writer.rotateIfDue();
        } catch (UploadFailedException e) {
            throw retryOrFail(e);
        }
        failedUploads = 0;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        for (TopicPartitionWriter writer : writers.values()) {
            try {
                writer.rotateIfDue();
            } catch (UploadFailedException | EgressRefusedException e) {
                // put() retries it and counts the failure, or fails the task on a refused address
                // (a throwing preCommit would only rewind the consumer); a commit only reports what is in S3.
                log.warn("Scheduled rotation deferred: {}", e.getMessage());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        writers.forEach((tp, writer) -> {
            Long offset = writer.committedOffset();
            if (offset != null) committable.put(tp, new OffsetAndMetadata(offset));
        });
        return committable;
    }

    @Override
    public void stop() {
        // Partial files are never uploaded: their records are re-read on the next start.
        writers.clear();
        if (uploader != null) uploader.close();
    }

    int bufferedRecords(TopicPartition tp) {
        TopicPartitionWriter writer = writers.get(tp);
        return writer == null ? 0 : writer.bufferedRecords();
    }

    private TopicPartitionWriter newWriter(TopicPartition tp) {
        return new TopicPartitionWriter(tp, config, layout, format, uploader, clock);
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6 has no reporter
        }
    }

    private RuntimeException retryOrFail(UploadFailedException e) {
        failedUploads++;
        if (failedUploads <= config.partRetries()) {
            log.warn("Attempt {} of {}: {}; Connect redelivers the batch", failedUploads, config.partRetries() + 1, e.getMessage());
            if (context != null) context.timeout(config.retryBackoffMs());
            return new RetriableException(e.getMessage(), e.getCause());
        }
        return new ConnectException("S3 sink gave up after " + failedUploads + " attempts: " + e.getMessage(), e.getCause());
    }
}
