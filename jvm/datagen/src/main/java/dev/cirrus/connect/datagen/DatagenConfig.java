package dev.cirrus.connect.datagen;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connector's settings. Key names mirror Confluent Cloud's managed Datagen connector so
 * configs written for it work here unchanged. Unknown keys are ignored (AbstractConfig keeps
 * them as "originals"), because Connect hands connectors many keys of its own.
 */
public final class DatagenConfig extends AbstractConfig {
    public static final String KAFKA_TOPIC = "kafka.topic";
    public static final String QUICKSTART = "quickstart";
    public static final String MAX_INTERVAL = "max.interval";
    public static final String ITERATIONS = "iterations";
    public static final String OUTPUT_DATA_FORMAT = "output.data.format";
    /** Set by the connector on each task config; not a user setting, so not in the ConfigDef. */
    public static final String TASK_ID = "task.id";

    public static final long UNBOUNDED = -1L;

    /** JSON: value is a Struct. STRING: value is that Struct rendered as JSON text. */
    public enum OutputFormat { JSON, STRING }

    private static final List<String> QUICKSTARTS =
            Arrays.stream(Quickstart.values()).map(Enum::name).toList();
    private static final List<String> FORMATS =
            Arrays.stream(OutputFormat.values()).map(Enum::name).toList();

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(KAFKA_TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Topic the generated records are written to.")
            .define(QUICKSTART, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new CaseInsensitiveChoice(QUICKSTARTS),
                    Importance.HIGH, "Which data set to generate: " + String.join(", ", QUICKSTARTS) + ".",
                    null, -1, ConfigDef.Width.NONE, QUICKSTART, new CaseInsensitiveChoice(QUICKSTARTS))
            .define(MAX_INTERVAL, Type.LONG, 1000L, ConfigDef.Range.atLeast(0),
                    Importance.MEDIUM, "Maximum milliseconds between records, per task. Each task waits a"
                            + " random time in [0, max.interval] before each record; 0 means no wait"
                            + " (records are produced in batches).")
            .define(ITERATIONS, Type.LONG, UNBOUNDED, new IterationsValidator(),
                    Importance.MEDIUM, "Records to produce per task; -1 means unbounded. The count is"
                            + " kept in source offsets, so it survives restarts.")
            .define(OUTPUT_DATA_FORMAT, Type.STRING, OutputFormat.JSON.name(), new CaseInsensitiveChoice(FORMATS),
                    Importance.MEDIUM, "JSON: the value is a Struct with a schema (use JsonConverter)."
                            + " STRING: the value is the same record as compact JSON text (use StringConverter).",
                    null, -1, ConfigDef.Width.NONE, OUTPUT_DATA_FORMAT, new CaseInsensitiveChoice(FORMATS));

    public DatagenConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public String topic() {
        return getString(KAFKA_TOPIC);
    }

    public Quickstart quickstart() {
        return Quickstart.valueOf(CaseInsensitiveChoice.canonical(QUICKSTARTS, getString(QUICKSTART)));
    }

    public long maxIntervalMs() {
        return getLong(MAX_INTERVAL);
    }

    /** Records per task, or {@link #UNBOUNDED}. */
    public long iterations() {
        return getLong(ITERATIONS);
    }

    public OutputFormat outputFormat() {
        return OutputFormat.valueOf(CaseInsensitiveChoice.canonical(FORMATS, getString(OUTPUT_DATA_FORMAT)));
    }

    /** -1 or a positive count; 0 would be a connector that silently never produces anything. */
    private static final class IterationsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            // Null only arrives after a parse failure ConfigDef already reported; word it like Range does.
            if (value == null) throw new ConfigException(name, null, "Value must be non-null");
            long n = (Long) value;
            if (n != UNBOUNDED && n < 1) {
                throw new ConfigException(name, value, "must be -1 (unbounded) or at least 1");
            }
        }

        @Override
        public String toString() {
            return "-1 or [1,...]";
        }
    }
}
