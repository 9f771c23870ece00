package dev.cirrus.connect.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validator for a closed set of names that ignores case. ConfigDef.ValidString is case-sensitive,
 * but Confluent's Datagen accepts "pageviews" as readily as "PAGEVIEWS", so we do too.
 * Also a Recommender, so Connect's validate response lists the allowed values for UIs.
 */
final class CaseInsensitiveChoice implements ConfigDef.Validator, ConfigDef.Recommender {
    private final List<String> allowed;

    CaseInsensitiveChoice(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The canonical (upper-case) spelling, or null when the value is not allowed. */
    static String canonical(List<String> allowed, Object value) {
        if (value == null) return null;
        String upper = value.toString().trim().toUpperCase(Locale.ROOT);
        return allowed.contains(upper) ? upper : null;
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (canonical(allowed, value) == null) {
            // ConfigDef.validate turns this into a ConfigValue error message for the REST response.
            throw new ConfigException(name, value,
                    "must be one of " + String.join(", ", allowed) + " (case-insensitive)");
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return new ArrayList<>(allowed);
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return "[" + String.join(", ", allowed) + "] (case-insensitive)";
    }
}
