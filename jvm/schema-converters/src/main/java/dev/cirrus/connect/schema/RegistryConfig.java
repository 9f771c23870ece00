package dev.cirrus.connect.schema;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The converter settings, under the names Confluent's converters take, so a connector config written
 * for Confluent Cloud (value.converter.schema.registry.url, ...basic.auth.user.info) works unchanged.
 */
public final class RegistryConfig extends AbstractConfig {
  public static final String URL = "schema.registry.url";
  public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String USER_INFO = "basic.auth.user.info";
  /** The prefixed spelling Confluent's clients also accept. */
  public static final String PREFIXED_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String AUTO_REGISTER = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String CACHE_CAPACITY = "max.schemas.per.subject";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Schema Registry URL(s), comma-separated; tried in order when one cannot be reached.")
      .define(CREDENTIALS_SOURCE, Type.STRING, "URL", ConfigDef.ValidString.in("URL", "USER_INFO"), Importance.MEDIUM,
          "Where the Basic auth credentials come from: USER_INFO (basic.auth.user.info) or URL (user:secret@host).")
      .define(USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, "Registry API key and secret as <key>:<secret>.")
      .define(PREFIXED_USER_INFO, Type.PASSWORD, null, Importance.LOW, "Same as " + USER_INFO + ".")
      .define(AUTO_REGISTER, Type.BOOLEAN, true, Importance.MEDIUM,
          "Register the record's schema under its subject; when false, look its id up instead.")
      .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.LOW,
          "Serialize with the subject's latest registered schema instead of the record's own.")
      .define(CACHE_CAPACITY, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "How many schemas and ids the process keeps per registry.")
      .define(CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Timeout to connect to the registry.")
      .define(READ_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Timeout of one registry request.");

  public RegistryConfig(Map<?, ?> originals) {
    super(CONFIG_DEF, originals, false);
  }

  /** The base URLs without trailing slash or user info (that goes to the Authorization header). */
  public List<String> baseUrls() {
    List<String> urls = new ArrayList<>();
    for (String raw : getList(URL)) {
      URI uri = parse(raw);
      String withoutUserInfo = uri.getRawUserInfo() == null ? raw.trim() : raw.trim().replace(uri.getRawUserInfo() + "@", "");
      urls.add(withoutUserInfo.replaceAll("/+$", ""));
    }
    if (urls.isEmpty()) throw new ConfigException(URL, "", "at least one Schema Registry URL is required");
    return urls;
  }

  /** "key:secret" or null when no credentials are configured. */
  public String userInfo() {
    if ("USER_INFO".equals(getString(CREDENTIALS_SOURCE))) {
      Password info = getPassword(USER_INFO) != null ? getPassword(USER_INFO) : getPassword(PREFIXED_USER_INFO);
      if (info == null || !info.value().contains(":")) {
        // The message names the setting, never its value.
        throw new ConfigException(USER_INFO + " must be <key>:<secret> when " + CREDENTIALS_SOURCE + "=USER_INFO");
      }
      return info.value();
    }
    String fromUrl = parse(getList(URL).get(0)).getUserInfo();
    return fromUrl == null || fromUrl.isEmpty() ? null : fromUrl;
  }

  private static URI parse(String raw) {
    try {
      URI uri = URI.create(raw.trim());
      if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("no scheme or host");
      return uri;
    } catch (IllegalArgumentException e) {
      // Not the value itself: a URL may carry user:secret.
      throw new ConfigException(URL + " holds an entry that is not an http(s) URL");
    }
  }
}
