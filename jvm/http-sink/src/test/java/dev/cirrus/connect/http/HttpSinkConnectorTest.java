package dev.cirrus.connect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class HttpSinkConnectorTest {
    private static Map<String, List<String>> errors(Map<String, String> props) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : new HttpSinkConnector().validate(props).configValues()) {
            if (!v.errorMessages().isEmpty()) out.put(v.name(), v.errorMessages());
        }
        return out;
    }

    @Test
    void validateNamesMissingCredentialsAndBadHeaders() {
        Map<String, String> props = new HashMap<>(Map.of("http.api.url", "https://example.com/in", "auth.type", "BEARER",
                "headers", "Good:1|token-without-name"));
        Map<String, List<String>> errors = errors(props);
        assertTrue(errors.containsKey("bearer.token"), errors.toString());
        assertTrue(errors.containsKey("headers"), errors.toString());
        assertFalse(errors.get("headers").toString().contains("token-without-name"), "a header's text is never echoed");
        props.put("auth.type", "basic");
        props.put("headers", "");
        assertEquals(List.of("connection.user", "connection.password").stream().sorted().toList(),
                errors(props).keySet().stream().sorted().toList());
    }

    @Test
    void aCompleteConfigValidatesAndFansOutToTasks() {
        Map<String, String> props = Map.of("http.api.url", "http://127.0.0.1:1/x", "auth.type", "BASIC",
                "connection.user", "u", "connection.password", "p");
        assertTrue(errors(props).isEmpty());
        HttpSinkConnector connector = new HttpSinkConnector();
        connector.start(props);
        assertEquals(3, connector.taskConfigs(3).size());
        assertEquals(props, connector.taskConfigs(1).get(0));
    }
}
