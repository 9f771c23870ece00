package dev.cirrus.testplugins;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A test plugin: its one task reports which commons-lang3 the plugin's class loader found. Two
 * copies of this plugin, each bundling a different commons-lang3, prove that pools isolate them.
 */
public class VersionSourceConnector extends SourceConnector {
    static final String TOPIC = "topic";
    static final String INTERVAL_MS = "interval.ms";
    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Topic the task writes its reports to.")
            .define(INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Pause between two reports, in milliseconds.");

    private Map<String, String> props;

    /** The bundled library's version, so plugin listings already tell the two copies apart. */
    @Override
    public String version() {
        return BundledLibrary.version();
    }

    @Override
    public void start(Map<String, String> props) {
        CONFIG_DEF.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return VersionSourceTask.class;
    }

    /** One task whatever tasks.max says: one report stream per connector is all a test reads. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // Holds nothing.
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
