package dev.cirrus.connect.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Sends record values to one HTTP(S) API, with the configuration keys of Confluent's HTTP Sink. */
public class HttpSinkConnector extends SinkConnector {
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
        new HttpSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HttpSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) configs.add(props);
        return configs;
    }

    @Override
    public void stop() {
        // Nothing to release: the connector holds no resources of its own.
    }

    /** Adds the checks that span keys (credentials for auth.type, header syntax) to Connect's /validate. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue v : config.configValues()) byName.put(v.name(), v);
        String auth = connectorConfigs.getOrDefault(HttpSinkConfig.AUTH_TYPE, "NONE").trim();
        if (auth.equalsIgnoreCase("BASIC")) {
            requireSet(byName, connectorConfigs, HttpSinkConfig.CONNECTION_USER, "auth.type=BASIC");
            requireSet(byName, connectorConfigs, HttpSinkConfig.CONNECTION_PASSWORD, "auth.type=BASIC");
        } else if (auth.equalsIgnoreCase("BEARER")) {
            requireSet(byName, connectorConfigs, HttpSinkConfig.BEARER_TOKEN, "auth.type=BEARER");
        }
        ConfigValue headers = byName.get(HttpSinkConfig.HEADERS);
        if (headers != null && headers.errorMessages().isEmpty()) {
            try {
                HttpSinkConfig.parseHeaders(connectorConfigs.get(HttpSinkConfig.HEADERS),
                        connectorConfigs.getOrDefault(HttpSinkConfig.HEADER_SEPARATOR, "|"));
            } catch (ConfigException e) {
                headers.addErrorMessage(e.getMessage());
            }
        }
        return config;
    }

    private static void requireSet(Map<String, ConfigValue> byName, Map<String, String> props, String key, String why) {
        String value = props.get(key);
        ConfigValue v = byName.get(key);
        if ((value == null || value.isEmpty()) && v != null) v.addErrorMessage(key + " is required with " + why);
    }

    @Override
    public ConfigDef config() {
        return HttpSinkConfig.CONFIG_DEF;
    }
}
