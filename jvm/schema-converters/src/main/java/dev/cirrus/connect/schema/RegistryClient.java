package dev.cirrus.connect.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Schema Registry REST calls a converter needs, with the answers cached for the process:
 * a registry never changes what an id means, so one call per schema serves every record after it.
 * One client per registry URL and credentials, shared by every converter in the worker.
 */
public final class RegistryClient {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
  private static final Map<String, RegistryClient> SHARED = new ConcurrentHashMap<>();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A schema as the registry answers it, with the schemas it imports (PROTOBUF) or names (AVRO). */
  public record Registered(int id, String schema, List<Reference> references) {}

  /** A registry reference: the import path (or type name), and the subject version holding it. */
  public record Reference(String name, String subject, int version) {}

  /** A cache key that costs no string building per record: Strings cache their own hash. */
  private record SubjectSchema(boolean register, String subject, String schema) {}

  private record IdFormat(int id, String format) {}

  private record SubjectFormat(String subject, String format) {}

  private record VersionFormat(String subject, int version, String format) {}

  private final List<String> baseUrls;
  private final String authorization;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final BoundedCache<SubjectSchema, Integer> ids;
  private final BoundedCache<IdFormat, Registered> schemas;
  private final BoundedCache<VersionFormat, Registered> versions;
  private final BoundedCache<SubjectFormat, Registered> latest;

  RegistryClient(RegistryConfig config) {
    this.baseUrls = config.baseUrls();
    String userInfo = config.userInfo();
    this.authorization = userInfo == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = Duration.ofMillis(config.getInt(RegistryConfig.READ_TIMEOUT_MS));
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofMillis(config.getInt(RegistryConfig.CONNECT_TIMEOUT_MS))).build();
    int capacity = config.getInt(RegistryConfig.CACHE_CAPACITY);
    this.ids = new BoundedCache<>(capacity);
    this.schemas = new BoundedCache<>(capacity);
    this.latest = new BoundedCache<>(capacity);
    this.versions = new BoundedCache<>(capacity);
  }

  /** The process-wide client for these settings (the key hashes the credentials, never keeps them). */
  public static RegistryClient shared(RegistryConfig config) {
    String userInfo = config.userInfo();
    String key = String.join(",", config.baseUrls()) + "|" + fingerprint(userInfo)
        + "|" + config.getInt(RegistryConfig.CACHE_CAPACITY) + "|" + config.getInt(RegistryConfig.READ_TIMEOUT_MS)
        + "|" + config.getInt(RegistryConfig.CONNECT_TIMEOUT_MS);
    return SHARED.computeIfAbsent(key, k -> new RegistryClient(config));
  }

  private static String fingerprint(String userInfo) {
    if (userInfo == null) return "";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(userInfo.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Registers (or finds, if already there) the schema under the subject; its global id. */
  public int register(String subject, String schema, String schemaType) {
    return ids.get(new SubjectSchema(true, subject, schema), k -> {
      int id = post("/subjects/" + encode(subject) + "/versions", schema, schemaType).path("id").asInt();
      // Once per schema and process: the URL holds no credentials (RegistryConfig strips them).
      LOG.info("Schema Registry {}: {} schema registered under subject {} as id {}", baseUrls.get(0), schemaType, subject, id);
      return id;
    });
  }

  /** The id of a schema already registered under the subject (auto.register.schemas=false). */
  public int lookup(String subject, String schema, String schemaType) {
    return ids.get(new SubjectSchema(false, subject, schema),
        k -> post("/subjects/" + encode(subject), schema, schemaType).path("id").asInt());
  }

  /**
   * The subject's latest version (use.latest.version), cached like Confluent's client by default;
   * `format` as for schemaById.
   */
  public Registered latest(String subject, String format) {
    String query = format == null ? "" : "?format=" + format;
    return latest.get(new SubjectFormat(subject, format), k -> {
      return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest" + query, null));
    });
  }

  /** A referenced subject version (never changes once registered), `format` as for schemaById. */
  public Registered version(Reference reference, String format) {
    String query = format == null ? "" : "?format=" + format;
    return versions.get(new VersionFormat(reference.subject(), reference.version(), format),
        k -> registered(send("GET", "/subjects/" + encode(reference.subject()) + "/versions/" + reference.version() + query, null)));
  }

  /**
   * The schema behind a global id (what a record's header names): as registered (format null), or
   * in another of the registry's formats (`serialized`: PROTOBUF as a base64 FileDescriptorProto).
   */
  public Registered schemaById(int id, String format) {
    String query = format == null ? "" : "?format=" + format;
    return schemas.get(new IdFormat(id, format), k -> {
      JsonNode answer = send("GET", "/schemas/ids/" + id + query, null);
      return new Registered(id, answer.path("schema").asText(), references(answer));
    });
  }

  private static Registered registered(JsonNode answer) {
    return new Registered(answer.path("id").asInt(), answer.path("schema").asText(), references(answer));
  }

  private static List<Reference> references(JsonNode answer) {
    List<Reference> out = new ArrayList<>();
    for (JsonNode r : answer.path("references")) out.add(new Reference(r.path("name").asText(), r.path("subject").asText(), r.path("version").asInt()));
    return out;
  }

  private JsonNode post(String path, String schema, String schemaType) {
    ObjectNode body = JSON.createObjectNode().put("schema", schema);
    // Confluent's serializers omit schemaType for AVRO, the registry's default.
    if (schemaType != null && !"AVRO".equals(schemaType)) body.put("schemaType", schemaType);
    return send("POST", path, body.toString());
  }

  private JsonNode send(String method, String path, String body) {
    IOException unreachable = null;
    for (String base : baseUrls) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
          .header("Accept", CONTENT_TYPE + ", application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) request.header("Content-Type", CONTENT_TYPE);
      if (authorization != null) request.header("Authorization", authorization);
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return answer(method, path, response);
      } catch (IOException e) {
        unreachable = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DataException("interrupted while calling Schema Registry: " + method + " " + path, e);
      }
    }
    throw new DataException("cannot reach Schema Registry at " + String.join(", ", baseUrls) + " for " + method + " " + path
        + ": " + unreachable, unreachable);
  }

  private static JsonNode answer(String method, String path, HttpResponse<String> response) {
    JsonNode json;
    try {
      json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.statusCode() / 100 == 2 && json != null) return json;
    String detail = json != null && json.has("error_code")
        ? "error " + json.path("error_code").asText() + ": " + json.path("message").asText()
        : "body: " + abbreviate(response.body());
    throw new DataException("Schema Registry answered " + response.statusCode() + " to " + method + " " + path + " (" + detail + ")");
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
