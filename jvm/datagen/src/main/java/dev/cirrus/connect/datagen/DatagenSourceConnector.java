package dev.cirrus.connect.datagen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Generates mock data for the quickstart data sets, like Confluent's Datagen connector.
 * Each task is an independent generator; the connector only validates and fans out config.
 */
public class DatagenSourceConnector extends SourceConnector {
    /** Kept in step with the Maven version by hand: Connect shows it in plugin listings. */
    public static final String VERSION = "0.1.0";

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        // Parse now so a bad config fails the connector up front rather than every task.
        new DatagenConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DatagenSourceTask.class;
    }

    /** Every task gets the full config plus its index, which keys its source partition. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(DatagenConfig.TASK_ID, Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: the connector holds no resources of its own.
    }

    @Override
    public ConfigDef config() {
        return DatagenConfig.CONFIG_DEF;
    }

    /** A task's output is fully determined by its committed offset, so EOS mode is safe. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Lets the REST API reset or set a task's count (e.g. to replay a bounded run). We only
     * check the shape, so a typo fails the request instead of being silently ignored at start.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig,
                                Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
            if (!isNonNegativeInteger(e.getKey() == null ? null : e.getKey().get(DatagenSourceTask.PARTITION_TASK))) {
                throw new ConnectException("Source partition must be {\"" + DatagenSourceTask.PARTITION_TASK
                        + "\": <task index>}, got " + e.getKey());
            }
            if (e.getValue() != null && !isNonNegativeInteger(e.getValue().get(DatagenSourceTask.OFFSET_COUNT))) {
                throw new ConnectException("Source offset must be {\"" + DatagenSourceTask.OFFSET_COUNT
                        + "\": <records produced>} or null, got " + e.getValue());
            }
        }
        return true;
    }

    private static boolean isNonNegativeInteger(Object v) {
        return (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
                && ((Number) v).longValue() >= 0;
    }
}
