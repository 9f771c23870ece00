package dev.cirrus.connect.s3;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import dev.cirrus.connect.egress.EgressGuard;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The engine keys of the S3 sink. The control plane's catalog translates Confluent Cloud's S3_SINK
 * keys into exactly these names, so renaming one breaks that translation.
 */
public final class S3SinkConfig extends AbstractConfig {
    public static final String BUCKET = "s3.bucket.name";
    public static final String REGION = "s3.region";
    public static final String ACCESS_KEY_ID = "aws.access.key.id";
    public static final String SECRET_ACCESS_KEY = "aws.secret.access.key";
    public static final String STORE_URL = "store.url";
    public static final String PATH_STYLE = "s3.path.style.access.enabled";
    public static final String TOPICS_DIR = "topics.dir";
    public static final String TIME_INTERVAL = "time.interval";
    public static final String TIMEZONE = "timezone";
    public static final String TIMESTAMP_EXTRACTOR = "timestamp.extractor";
    public static final String FLUSH_SIZE = "flush.size";
    public static final String ROTATE_SCHEDULE_INTERVAL_MS = "rotate.schedule.interval.ms";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String FORMAT = "format";
    public static final String PART_RETRIES = "s3.part.retries";
    public static final String RETRY_BACKOFF_MS = "s3.retry.backoff.ms";
    public static final String PART_SIZE = "s3.part.size";
    public static final String AVRO_CODEC = "avro.codec";
    public static final String PARQUET_CODEC = "parquet.codec";
    /** Set by the control plane, not by users: whether store.url may be this host's loopback (EgressGuard). */
    public static final String EGRESS_LOOPBACK = EgressGuard.LOOPBACK_CONFIG;

    public enum TimeInterval { HOURLY, DAILY }

    public enum TimestampExtractor { RECORD, WALLCLOCK }

    public enum Format { JSON, BYTES, AVRO, PARQUET }

    /** Avro's own codec names: deflate is the JDK's, snappy the worker's snappy-java; bzip2, xz and zstandard are left out. */
    public enum AvroCodec { NULL, DEFLATE, SNAPPY }

    /** Confluent's names; lz4, brotli and zstd are left out (their codecs would add native jars). */
    public enum ParquetCodec { NONE, GZIP, SNAPPY }

    private static final String GROUP = "S3";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BUCKET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The S3 bucket the connector writes to.", GROUP, 1, ConfigDef.Width.MEDIUM, "Bucket name")
            .define(REGION, Type.STRING, "us-east-1", Importance.MEDIUM,
                    "The AWS region of the bucket.", GROUP, 2, ConfigDef.Width.SHORT, "Region")
            .define(ACCESS_KEY_ID, Type.STRING, "", Importance.HIGH,
                    "AWS access key id. With the secret access key empty too, the SDK's default credentials chain is used.",
                    GROUP, 3, ConfigDef.Width.MEDIUM, "Access key id")
            .define(SECRET_ACCESS_KEY, Type.PASSWORD, "", Importance.HIGH,
                    "AWS secret access key. With the access key id empty too, the SDK's default credentials chain is used.",
                    GROUP, 4, ConfigDef.Width.MEDIUM, "Secret access key")
            .define(STORE_URL, Type.STRING, "", Importance.LOW,
                    "Endpoint of an S3-compatible store (e.g. http://127.0.0.1:9000); empty means AWS S3.",
                    GROUP, 5, ConfigDef.Width.LONG, "Store URL")
            .define(PATH_STYLE, Type.BOOLEAN, null, Importance.LOW,
                    "Path-style bucket access (http://host/bucket/key). Default: true when store.url is set, else false.",
                    GROUP, 6, ConfigDef.Width.SHORT, "Path-style access")
            .define(TOPICS_DIR, Type.STRING, "topics", Importance.MEDIUM,
                    "Top-level folder of the objects: <topics.dir>/<topic>/...", GROUP, 7, ConfigDef.Width.SHORT, "Topics directory")
            .define(TIME_INTERVAL, Type.STRING, "HOURLY", enumValidator(TimeInterval.values()), Importance.HIGH,
                    "Time partitioning of the object keys: HOURLY (year/month/day/hour) or DAILY (year/month/day).",
                    GROUP, 8, ConfigDef.Width.SHORT, "Time interval")
            .define(TIMEZONE, Type.STRING, "UTC", zoneValidator(), Importance.MEDIUM,
                    "Time zone of the time partitions, e.g. UTC or Europe/Paris.", GROUP, 9, ConfigDef.Width.SHORT, "Time zone")
            .define(TIMESTAMP_EXTRACTOR, Type.STRING, "Record", enumValidator(TimestampExtractor.values()), Importance.MEDIUM,
                    "Which time partitions a record: Record (the Kafka record timestamp) or Wallclock (time of writing).",
                    GROUP, 10, ConfigDef.Width.SHORT, "Timestamp extractor")
            .define(FLUSH_SIZE, Type.INT, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(1), Importance.HIGH,
                    "Records per object: an object is uploaded once it holds this many records.",
                    GROUP, 11, ConfigDef.Width.SHORT, "Flush size")
            .define(ROTATE_SCHEDULE_INTERVAL_MS, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.MEDIUM,
                    "Upload an open object this many wall-clock milliseconds after it was opened; -1 disables.",
                    GROUP, 12, ConfigDef.Width.SHORT, "Scheduled rotation interval (ms)")
            .define(ROTATE_INTERVAL_MS, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.MEDIUM,
                    "Upload an open object when a record's timestamp is this many milliseconds past the object's first record; -1 disables.",
                    GROUP, 13, ConfigDef.Width.SHORT, "Rotation interval (ms)")
            .define(FORMAT, Type.STRING, "JSON", enumValidator(Format.values()), Importance.HIGH,
                    "Object format: JSON (one JSON value per line, .json), BYTES (raw byte[] values, one per line, .bin) or "
                    + "AVRO (an Avro object container file of the values, .avro) or PARQUET (a Parquet file, .parquet); "
                    + "AVRO and PARQUET start a new file when the value schema changes.",
                    GROUP, 14, ConfigDef.Width.SHORT, "Format")
            .define(PART_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Failed uploads retried through Kafka Connect (RetriableException) before the task fails.",
                    GROUP, 15, ConfigDef.Width.SHORT, "Upload retries")
            .define(RETRY_BACKOFF_MS, Type.LONG, 200L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Wait before Kafka Connect redelivers after a failed upload.", GROUP, 16, ConfigDef.Width.SHORT, "Retry backoff (ms)")
            .define(PART_SIZE, Type.INT, 25 * 1024 * 1024, ConfigDef.Range.between(5 * 1024 * 1024, Integer.MAX_VALUE - 8),
                    Importance.LOW, "Objects larger than this many bytes are uploaded in parts of this size (multipart upload).",
                    GROUP, 17, ConfigDef.Width.SHORT, "Part size (bytes)")
            .define(AVRO_CODEC, Type.STRING, "null", enumValidator(AvroCodec.values()), Importance.LOW,
                    "Compression of the blocks of AVRO files: null (none), deflate or snappy.", GROUP, 18, ConfigDef.Width.SHORT,
                    "Avro codec")
            .define(PARQUET_CODEC, Type.STRING, "snappy", enumValidator(ParquetCodec.values()), Importance.LOW,
                    "Compression of the pages of PARQUET files: none, gzip or snappy.", GROUP, 19, ConfigDef.Width.SHORT,
                    "Parquet codec")
            .define(EGRESS_LOOPBACK, Type.BOOLEAN, false, Importance.LOW, EgressGuard.LOOPBACK_DOC, GROUP, 20,
                    ConfigDef.Width.SHORT, "Loopback egress");

    public S3SinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        if (accessKeyId().isEmpty() != secretAccessKey().isEmpty()) {
            throw new ConfigException(ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " must be set together, or both left empty");
        }
    }

    public String bucket() { return getString(BUCKET); }
    public String region() { return getString(REGION); }
    public String accessKeyId() { return getString(ACCESS_KEY_ID).trim(); }

    /** Never log this: it is the secret the PASSWORD type keeps out of Connect's own logs. */
    public String secretAccessKey() {
        Password password = getPassword(SECRET_ACCESS_KEY);
        return password == null ? "" : password.value();
    }

    public String storeUrl() { return getString(STORE_URL).trim(); }

    public boolean pathStyleAccess() {
        Boolean explicit = getBoolean(PATH_STYLE);
        return explicit != null ? explicit : !storeUrl().isEmpty();
    }

    public String topicsDir() {
        String dir = getString(TOPICS_DIR).trim();
        while (dir.endsWith("/")) dir = dir.substring(0, dir.length() - 1);
        return dir;
    }

    public TimeInterval timeInterval() { return TimeInterval.valueOf(upper(TIME_INTERVAL)); }
    public ZoneId timezone() { return ZoneId.of(getString(TIMEZONE)); }
    public TimestampExtractor timestampExtractor() { return TimestampExtractor.valueOf(upper(TIMESTAMP_EXTRACTOR)); }
    public int flushSize() { return getInt(FLUSH_SIZE); }
    public long rotateScheduleIntervalMs() { return getLong(ROTATE_SCHEDULE_INTERVAL_MS); }
    public long rotateIntervalMs() { return getLong(ROTATE_INTERVAL_MS); }
    public Format format() { return Format.valueOf(upper(FORMAT)); }
    public int partRetries() { return getInt(PART_RETRIES); }
    public long retryBackoffMs() { return getLong(RETRY_BACKOFF_MS); }
    public int partSize() { return getInt(PART_SIZE); }
    /** Lower case, as Avro's CodecFactory names codecs. */
    public String avroCodec() { return upper(AVRO_CODEC).toLowerCase(Locale.ROOT); }
    public ParquetCodec parquetCodec() { return ParquetCodec.valueOf(upper(PARQUET_CODEC)); }
    public boolean egressLoopback() { return getBoolean(EGRESS_LOOPBACK); }

    private String upper(String key) { return getString(key).trim().toUpperCase(Locale.ROOT); }

    // Confluent spells these values in mixed case (Record, Wallclock, HOURLY): accept any case.
    private static ConfigDef.Validator enumValidator(Enum<?>[] values) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : value.toString().trim();
                for (Enum<?> v : values) if (v.name().equalsIgnoreCase(text)) return;
                throw new ConfigException(name, value, "must be one of " + toString());
            }

            @Override
            public String toString() {
                StringBuilder sb = new StringBuilder();
                for (Enum<?> v : values) sb.append(sb.length() == 0 ? "" : ", ").append(v.name());
                return "[" + sb + "]";
            }
        };
    }

    private static ConfigDef.Validator zoneValidator() {
        return (name, value) -> {
            try {
                ZoneId.of(String.valueOf(value));
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "not a time zone id (e.g. UTC, Europe/Paris)");
            }
        };
    }
}
