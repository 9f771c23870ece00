package dev.cirrus.connect.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import dev.cirrus.connect.egress.EgressGuard;

/**
 * The connector's settings, named as in Confluent's self-managed HTTP Sink so that the control
 * plane's catalog only has to rename Confluent Cloud keys. A static bearer token follows Confluent's
 * HTTP Sink V2 (auth.type=BEARER, bearer.token). Values are never logged: headers may carry secrets.
 */
public final class HttpSinkConfig extends AbstractConfig {
    public static final String HTTP_API_URL = "http.api.url";
    public static final String REQUEST_METHOD = "request.method";
    public static final String HEADERS = "headers";
    public static final String HEADER_SEPARATOR = "header.separator";
    public static final String AUTH_TYPE = "auth.type";
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String BEARER_TOKEN = "bearer.token";
    public static final String REQUEST_BODY_FORMAT = "request.body.format";
    public static final String BATCH_MAX_SIZE = "batch.max.size";
    public static final String BATCH_PREFIX = "batch.prefix";
    public static final String BATCH_SUFFIX = "batch.suffix";
    public static final String BATCH_SEPARATOR = "batch.separator";
    public static final String BATCH_JSON_AS_ARRAY = "batch.json.as.array";
    public static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";
    public static final String BEHAVIOR_ON_ERROR = "behavior.on.error";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_ON_STATUS_CODES = "retry.on.status.codes";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_REQUEST_TIMEOUT_MS = "http.request.timeout.ms";
    /** Set by the control plane, not by users: whether this host's loopback may be called (EgressGuard). */
    public static final String EGRESS_LOOPBACK = EgressGuard.LOOPBACK_CONFIG;

    public enum Method { POST, PUT, PATCH }
    public enum AuthType { NONE, BASIC, BEARER }
    public enum BodyFormat { JSON, STRING }
    public enum OnNull { IGNORE, LOG, FAIL }
    public enum OnError { FAIL, LOG, IGNORE }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HTTP_API_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new UrlValidator(), Importance.HIGH,
                    "The http:// or https:// URL records are sent to. Redirects are not followed: the URL"
                            + " given is the only one called.")
            .define(REQUEST_METHOD, Type.STRING, "POST", choice(Method.class), Importance.HIGH,
                    "The HTTP method: POST, PUT or PATCH.")
            .define(HEADERS, Type.STRING, "", Importance.HIGH,
                    "HTTP headers as Name:Value pairs separated by header.separator.")
            .define(HEADER_SEPARATOR, Type.STRING, "|", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Separator of the pairs in headers.")
            .define(AUTH_TYPE, Type.STRING, "NONE", choice(AuthType.class), Importance.HIGH,
                    "NONE, BASIC (connection.user/connection.password) or BEARER (bearer.token).")
            .define(CONNECTION_USER, Type.STRING, null, Importance.HIGH, "User name for BASIC auth.")
            .define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH, "Password for BASIC auth.")
            .define(BEARER_TOKEN, Type.PASSWORD, null, Importance.HIGH,
                    "Static token sent as 'Authorization: Bearer <token>' when auth.type is BEARER.")
            .define(REQUEST_BODY_FORMAT, Type.STRING, "json", choice(BodyFormat.class), Importance.HIGH,
                    "json: each value rendered as JSON (a String already holding JSON is sent as is);"
                            + " string: each value's string form.")
            .define(BATCH_MAX_SIZE, Type.INT, 1, ConfigDef.Range.between(1, 1_000_000), Importance.HIGH,
                    "Records per request at most.")
            .define(BATCH_PREFIX, Type.STRING, "", Importance.HIGH, "Text before a batch's records.")
            .define(BATCH_SUFFIX, Type.STRING, "", Importance.HIGH, "Text after a batch's records.")
            .define(BATCH_SEPARATOR, Type.STRING, ",", Importance.HIGH, "Text between a batch's records.")
            .define(BATCH_JSON_AS_ARRAY, Type.BOOLEAN, false, Importance.HIGH,
                    "With json bodies and batch.max.size > 1, send each batch as a JSON array (prefix,"
                            + " suffix and separator are then not used).")
            .define(BEHAVIOR_ON_NULL_VALUES, Type.STRING, "ignore", choice(OnNull.class), Importance.LOW,
                    "Records with a null value: ignore (skip), log (skip with a log line) or fail.")
            .define(BEHAVIOR_ON_ERROR, Type.STRING, "fail", choice(OnError.class), Importance.MEDIUM,
                    "A batch still failing after its retries, when no dead letter queue is configured:"
                            + " fail (the task fails), log (log and go on) or ignore (go on).")
            .define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Retries of a failing request.")
            .define(RETRY_BACKOFF_MS, Type.INT, 3000, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "First wait before a retry; it doubles on every retry, up to 5 minutes.")
            .define(RETRY_ON_STATUS_CODES, Type.STRING, "400-", new StatusCodesValidator(), Importance.MEDIUM,
                    "Response statuses to retry: codes and ranges such as 400- or 500-599,429."
                            + " Connection errors and timeouts are always retried.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 30000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Connect timeout in milliseconds.")
            .define(HTTP_REQUEST_TIMEOUT_MS, Type.INT, 30000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout of a whole request (until the response headers) in milliseconds.")
            .define(EGRESS_LOOPBACK, Type.BOOLEAN, false, Importance.LOW, EgressGuard.LOOPBACK_DOC);

    private final Map<String, String> headers;
    private final StatusCodes retryCodes;

    public HttpSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        this.headers = parseHeaders(getString(HEADERS), getString(HEADER_SEPARATOR));
        this.retryCodes = StatusCodes.parse(getString(RETRY_ON_STATUS_CODES));
        if (authType() == AuthType.BASIC && (getString(CONNECTION_USER) == null || getPassword(CONNECTION_PASSWORD) == null)) {
            throw new ConfigException(AUTH_TYPE + "=BASIC needs " + CONNECTION_USER + " and " + CONNECTION_PASSWORD);
        }
        if (authType() == AuthType.BEARER && getPassword(BEARER_TOKEN) == null) {
            throw new ConfigException(AUTH_TYPE + "=BEARER needs " + BEARER_TOKEN);
        }
    }

    public URI url() {
        return URI.create(getString(HTTP_API_URL).trim());
    }

    public Method method() {
        return enumOf(Method.class, REQUEST_METHOD);
    }

    public AuthType authType() {
        return enumOf(AuthType.class, AUTH_TYPE);
    }

    public BodyFormat bodyFormat() {
        return enumOf(BodyFormat.class, REQUEST_BODY_FORMAT);
    }

    public OnNull onNull() {
        return enumOf(OnNull.class, BEHAVIOR_ON_NULL_VALUES);
    }

    public OnError onError() {
        return enumOf(OnError.class, BEHAVIOR_ON_ERROR);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public StatusCodes retryCodes() {
        return retryCodes;
    }

    /** ConfigDef trims strings; batch text keeps its spaces and newlines as given. */
    public String untrimmed(String key) {
        Object raw = originals().get(key);
        return raw instanceof String text ? text : getString(key);
    }

    public String user() {
        return getString(CONNECTION_USER);
    }

    public String secret(String key) {
        Password p = getPassword(key);
        return p == null ? null : p.value();
    }

    private <E extends Enum<E>> E enumOf(Class<E> type, String key) {
        return Enum.valueOf(type, getString(key).trim().toUpperCase(Locale.ROOT));
    }

    /** Error messages name the pair's position, never its text: a header may hold a secret. */
    static Map<String, String> parseHeaders(String text, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        String[] pairs = text.split(Pattern.quote(separator), -1);
        for (int i = 0; i < pairs.length; i++) {
            if (pairs[i].isBlank()) continue;
            int colon = pairs[i].indexOf(':');
            String name = colon < 0 ? "" : pairs[i].substring(0, colon).trim();
            if (name.isEmpty() || !name.chars().allMatch(HttpSinkConfig::isTokenChar)) {
                throw new ConfigException(HEADERS, "(hidden)", "header " + (i + 1) + " is not of the form Name:Value");
            }
            out.put(name, pairs[i].substring(colon + 1).trim());
        }
        return out;
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static <E extends Enum<E>> ConfigDef.Validator choice(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name());
        return (name, value) -> {
            if (value == null || !names.contains(value.toString().trim().toUpperCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", names) + " (any case)");
            }
        };
    }

    static final class UrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) throw new ConfigException(name, null, "is required");
            try {
                URI uri = new URI(value.toString().trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new ConfigException(name, value, "must be an http:// or https:// URL with a host");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, value, "is not a valid URL");
            }
        }

        @Override
        public String toString() {
            return "http:// or https:// URL";
        }
    }

    static final class StatusCodesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                StatusCodes.parse(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "codes and ranges, e.g. 400- or 500-599,429";
        }
    }
}
