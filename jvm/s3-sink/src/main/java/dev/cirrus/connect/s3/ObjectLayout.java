package dev.cirrus.connect.s3;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Object keys as Confluent's TimeBasedPartitioner writes them:
 * {@code <topics.dir>/<topic>/year=YYYY/month=MM/day=dd[/hour=HH]/<topic>+<partition>+<startOffset>.<ext>}.
 */
public final class ObjectLayout {
    private final String topicsDir;
    private final DateTimeFormatter pathFormat;
    private final String extension;

    public ObjectLayout(String topicsDir, S3SinkConfig.TimeInterval interval, ZoneId zone, String extension) {
        this.topicsDir = topicsDir;
        String pattern = interval == S3SinkConfig.TimeInterval.DAILY
                ? "'year='yyyy'/month='MM'/day='dd"
                : "'year='yyyy'/month='MM'/day='dd'/hour='HH";
        this.pathFormat = DateTimeFormatter.ofPattern(pattern).withZone(zone);
        this.extension = extension;
    }

    /** The time partition of a timestamp, e.g. year=2024/month=03/day=05/hour=07. */
    public String timePartition(long timestampMs) {
        return pathFormat.format(Instant.ofEpochMilli(timestampMs));
    }

    public String key(String topic, int partition, String timePartition, long startOffset) {
        String prefix = topicsDir.isEmpty() ? "" : topicsDir + "/";
        return prefix + topic + "/" + timePartition + "/" + topic + "+" + partition + "+" + String.format("%010d", startOffset)
                + "." + extension;
    }
}
