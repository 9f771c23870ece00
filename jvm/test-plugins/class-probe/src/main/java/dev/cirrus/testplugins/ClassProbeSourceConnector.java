package dev.cirrus.testplugins;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A test plugin: its one task reports, for each class it is told to probe, whether the plugin's
 * class loader can load it. By default it probes Datagen, which only the managed pool has: a
 * custom pool that can load it does not isolate its plugin.
 */
public class ClassProbeSourceConnector extends SourceConnector {
    static final String VERSION = "0.1.0";
    static final String TOPIC = "topic";
    static final String PROBE_CLASSES = "probe.classes";
    static final String INTERVAL_MS = "interval.ms";
    static final String DATAGEN = "dev.cirrus.connect.datagen.DatagenSourceConnector";
    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Topic the task writes its reports to.")
            .define(PROBE_CLASSES, Type.LIST, DATAGEN, Importance.HIGH,
                    "Fully qualified names of the classes to try to load, comma separated.")
            .define(INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Pause between two rounds of reports, in milliseconds.");

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        CONFIG_DEF.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ClassProbeSourceTask.class;
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
