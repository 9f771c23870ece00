package dev.cirrus.connect.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class DatagenConfigTest {
    static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("connector.class", DatagenSourceConnector.class.getName()); // Connect's own keys must be tolerated
        m.put("tasks.max", "1");
        m.put("name", "dg");
        m.put("kafka.topic", "pageviews");
        m.put("quickstart", "PAGEVIEWS");
        return m;
    }

    /** Errors for one key, as Connect's validate REST endpoint would report them. */
    static List<String> errors(Map<String, String> props, String key) {
        for (ConfigValue v : new DatagenSourceConnector().validate(props).configValues()) {
            if (v.name().equals(key)) return v.errorMessages();
        }
        throw new AssertionError("no ConfigValue for " + key);
    }

    static Map<String, String> with(String key, String value) {
        Map<String, String> m = valid();
        if (value == null) m.remove(key); else m.put(key, value);
        return m;
    }

    @Test
    void defaultsApply() {
        DatagenConfig c = new DatagenConfig(valid());
        assertEquals("pageviews", c.topic());
        assertEquals(Quickstart.PAGEVIEWS, c.quickstart());
        assertEquals(1000L, c.maxIntervalMs());
        assertEquals(-1L, c.iterations());
        assertEquals(DatagenConfig.OutputFormat.JSON, c.outputFormat());
        for (String key : DatagenConfig.CONFIG_DEF.names()) assertEquals(List.of(), errors(valid(), key), key);
    }

    @Test
    void topicIsRequiredAndNonEmpty() {
        assertTrue(errors(with("kafka.topic", null), "kafka.topic").get(0).contains("Missing required"));
        assertEquals(1, errors(with("kafka.topic", ""), "kafka.topic").size());
        assertThrows(ConfigException.class, () -> new DatagenConfig(with("kafka.topic", null)));
    }

    @Test
    void quickstartIsCaseInsensitiveAndClosed() {
        assertEquals(List.of(), errors(with("quickstart", "stock_trades"), "quickstart"));
        assertEquals(Quickstart.STOCK_TRADES, new DatagenConfig(with("quickstart", "Stock_Trades")).quickstart());

        List<String> errs = errors(with("quickstart", "CLICKSTREAM"), "quickstart");
        assertEquals(1, errs.size());
        assertTrue(errs.get(0).contains("PAGEVIEWS, USERS, ORDERS, STOCK_TRADES"), errs.get(0));
        assertTrue(errors(with("quickstart", null), "quickstart").get(0).contains("Missing required"));
    }

    @Test
    void quickstartRecommendsAllowedValues() {
        for (ConfigValue v : new DatagenSourceConnector().validate(valid()).configValues()) {
            if (v.name().equals("quickstart")) {
                assertEquals(List.of("PAGEVIEWS", "USERS", "ORDERS", "STOCK_TRADES"), v.recommendedValues());
            }
        }
    }

    @Test
    void maxIntervalMustBeNonNegative() {
        assertEquals(1, errors(with("max.interval", "-1"), "max.interval").size());
        assertEquals(List.of(), errors(with("max.interval", "0"), "max.interval"));
        // ConfigDef reports the parse failure, then Range also rejects the resulting null.
        assertTrue(errors(with("max.interval", "soon"), "max.interval").get(0).contains("Not a number"));
    }

    @Test
    void iterationsIsMinusOneOrPositive() {
        assertEquals(List.of(), errors(with("iterations", "-1"), "iterations"));
        assertEquals(List.of(), errors(with("iterations", "1"), "iterations"));
        assertTrue(errors(with("iterations", "0"), "iterations").get(0).contains("-1 (unbounded) or at least 1"));
        assertEquals(1, errors(with("iterations", "-2"), "iterations").size());
    }

    @Test
    void outputFormatIsJsonOrString() {
        assertEquals(DatagenConfig.OutputFormat.STRING,
                new DatagenConfig(with("output.data.format", "string")).outputFormat());
        assertEquals(List.of(), errors(with("output.data.format", "json"), "output.data.format"));
        List<String> errs = errors(with("output.data.format", "AVRO"), "output.data.format");
        assertTrue(errs.get(0).contains("JSON, STRING"), errs.get(0));
    }

    @Test
    void connectorStartRejectsBadConfig() {
        assertThrows(ConfigException.class, () -> new DatagenSourceConnector().start(with("quickstart", "nope")));
    }
}
