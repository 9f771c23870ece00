package dev.cirrus.connect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class HttpSinkConfigTest {
    private static Map<String, String> props(String... kv) {
        Map<String, String> p = new HashMap<>();
        p.put("http.api.url", "https://example.com/in");
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return p;
    }

    @Test
    void hasConfluentDefaults() {
        HttpSinkConfig c = new HttpSinkConfig(props());
        assertEquals(HttpSinkConfig.Method.POST, c.method());
        assertEquals(HttpSinkConfig.AuthType.NONE, c.authType());
        assertEquals(HttpSinkConfig.BodyFormat.JSON, c.bodyFormat());
        assertEquals(HttpSinkConfig.OnNull.IGNORE, c.onNull());
        assertEquals(HttpSinkConfig.OnError.FAIL, c.onError());
        assertEquals(1, c.getInt("batch.max.size"));
        assertEquals(",", c.getString("batch.separator"));
        assertEquals(10, c.getInt("max.retries"));
        assertEquals(3000, c.getInt("retry.backoff.ms"));
        assertTrue(c.retryCodes().contains(400) && c.retryCodes().contains(503) && !c.retryCodes().contains(302));
    }

    @Test
    void rejectsNonHttpUrlsAndMissingUrl() {
        assertThrows(ConfigException.class, () -> new HttpSinkConfig(props("http.api.url", "ftp://example.com/")));
        assertThrows(ConfigException.class, () -> new HttpSinkConfig(props("http.api.url", "file:///etc/passwd")));
        assertThrows(ConfigException.class, () -> new HttpSinkConfig(Map.of()));
    }

    @Test
    void needsCredentialsForTheChosenAuth() {
        assertThrows(ConfigException.class, () -> new HttpSinkConfig(props("auth.type", "BASIC", "connection.user", "u")));
        assertThrows(ConfigException.class, () -> new HttpSinkConfig(props("auth.type", "BEARER")));
        assertThrows(ConfigException.class, () -> new HttpSinkConfig(props("auth.type", "OAUTH2")));
    }

    @Test
    void aBadHeaderIsNamedByPositionNotByValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new HttpSinkConfig(props("headers", "A:1|secret-without-colon")));
        assertTrue(e.getMessage().contains("header 2"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-without-colon"), e.getMessage());
    }

    @Test
    void secretsArePasswords() {
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue v : HttpSinkConfig.CONFIG_DEF.validate(props("connection.password", "p", "bearer.token", "t"))) {
            values.put(v.name(), v);
        }
        assertEquals("[hidden]", String.valueOf(values.get("connection.password").value()));
        assertEquals("[hidden]", String.valueOf(values.get("bearer.token").value()));
    }

    @Test
    void parsesStatusCodeLists() {
        StatusCodes codes = StatusCodes.parse("500-599, 429");
        assertTrue(codes.contains(429) && codes.contains(500) && codes.contains(599));
        assertFalse(codes.contains(400) || codes.contains(428));
        StatusCodes below = StatusCodes.parse("-299");
        assertTrue(below.contains(200) && !below.contains(300));
        assertFalse(StatusCodes.parse("").contains(500));
        assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse("5xx"));
        assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse("600"));
        assertThrows(ConfigException.class, () -> new HttpSinkConfig(props("retry.on.status.codes", "abc")));
    }
}
