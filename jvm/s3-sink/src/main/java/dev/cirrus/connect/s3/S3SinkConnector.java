package dev.cirrus.connect.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Confluent's S3_SINK semantics on the AWS SDK v2; every task gets the same config. */
public class S3SinkConnector extends SinkConnector {
    /** Kept in step with the Maven version by hand: Connect shows it in plugin listings. */
    public static final String VERSION = "0.1.0";

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new S3SinkConfig(props);
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3SinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) configs.add(new HashMap<>(props));
        return configs;
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return S3SinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        String id = connectorConfigs.getOrDefault(S3SinkConfig.ACCESS_KEY_ID, "").trim();
        String secret = connectorConfigs.getOrDefault(S3SinkConfig.SECRET_ACCESS_KEY, "").trim();
        if (id.isEmpty() != secret.isEmpty()) {
            for (ConfigValue value : config.configValues()) {
                if (value.name().equals(id.isEmpty() ? S3SinkConfig.ACCESS_KEY_ID : S3SinkConfig.SECRET_ACCESS_KEY)) {
                    value.addErrorMessage(S3SinkConfig.ACCESS_KEY_ID + " and " + S3SinkConfig.SECRET_ACCESS_KEY
                            + " must be set together, or both left empty for the default credentials chain");
                }
            }
        }
        return config;
    }
}
