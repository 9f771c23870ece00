package dev.cirrus.connect.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny Schema Registry for the tests: the routes the converters call, Confluent's answer and
 * error shapes, Basic auth, served under a path prefix as Cirrus serves its registries. Every
 * request is recorded so tests can count calls and read headers and bodies.
 */
final class TestRegistry implements AutoCloseable {
  static final String PREFIX = "/schema-registry/lsrc-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the registry saw it. */
  record Call(String method, String path, String authorization, String body) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final String expectedAuthorization;
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<Integer, String> typesById = new HashMap<>();
  private final Map<String, List<Integer>> subjects = new HashMap<>();
  /** PROTOBUF text → its base64 FileDescriptorProto, which this registry cannot derive (no .proto parser). */
  private final Map<String, String> descriptors = new HashMap<>();

  /** expectedAuthorization null: no auth; else every request must carry exactly that header. */
  TestRegistry(String expectedAuthorization) throws IOException {
    this.expectedAuthorization = expectedAuthorization;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(PREFIX + "/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;
  }

  long count(String method, String pathPrefix) {
    return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).count();
  }

  private final Map<Integer, JsonNode> referencesById = new HashMap<>();

  /** Registers with references ([{name, subject, version}]), as another producer would have; returns the id. */
  synchronized int register(String subject, String schema, String schemaType, JsonNode references) {
    int id = register(subject, schema, schemaType);
    referencesById.put(id, references);
    return id;
  }

  /** Registers directly, as another producer would have; returns the id. */
  synchronized int register(String subject, String schema, String schemaType) {
    int id = idsBySchema.computeIfAbsent(schemaType + "\0" + schema, k -> idsBySchema.size() + 1);
    schemasById.put(id, schema);
    typesById.put(id, schemaType);
    List<Integer> versions = subjects.computeIfAbsent(subject, k -> new ArrayList<>());
    if (!versions.contains(id)) versions.add(id);
    return id;
  }

  /** What `?format=serialized` answers for this PROTOBUF text. */
  synchronized void describe(String protoText, String base64Descriptor) {
    descriptors.put(protoText, base64Descriptor);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String query = exchange.getRequestURI().getRawQuery();
    calls.add(new Call(exchange.getRequestMethod(), query == null ? path : path + "?" + query, authorization, body));
    try {
      if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
        reply(exchange, 401, error(40101, "Unauthorized"));
      } else {
        route(exchange, path, body);
      }
    } catch (RuntimeException e) {
      reply(exchange, 500, error(50001, "test registry: " + e));
    }
  }

  private synchronized void route(HttpExchange exchange, String path, String body) throws IOException {
    String[] parts = path.split("/");
    String method = exchange.getRequestMethod();
    if (method.equals("GET") && path.startsWith("/schemas/ids/")) {
      String schema = schemasById.get(Integer.parseInt(parts[3]));
      if (schema == null) { reply(exchange, 404, error(40403, "Schema " + parts[3] + " not found")); return; }
      boolean serialized = "format=serialized".equals(exchange.getRequestURI().getRawQuery());
      if (serialized && "PROTOBUF".equals(typesById.get(Integer.parseInt(parts[3])))) schema = descriptors.get(schema);
      ObjectNode answer = JSON.createObjectNode().put("schema", schema);
      if (!"AVRO".equals(typesById.get(Integer.parseInt(parts[3])))) answer.put("schemaType", typesById.get(Integer.parseInt(parts[3])));
      if (referencesById.containsKey(Integer.parseInt(parts[3]))) answer.set("references", referencesById.get(Integer.parseInt(parts[3])));
      reply(exchange, 200, answer);
      return;
    }
    if (parts.length < 3 || !parts[1].equals("subjects")) { reply(exchange, 404, error(404, "HTTP 404 Not Found")); return; }
    String subject = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
    if (method.equals("POST") && parts.length == 4 && parts[3].equals("versions")) {
      JsonNode request = JSON.readTree(body);
      int id = register(subject, request.path("schema").asText(), request.path("schemaType").asText("AVRO"));
      reply(exchange, 200, JSON.createObjectNode().put("id", id));
    } else if (method.equals("POST") && parts.length == 3) {
      JsonNode request = JSON.readTree(body);
      Integer id = idsBySchema.get(request.path("schemaType").asText("AVRO") + "\0" + request.path("schema").asText());
      List<Integer> versions = subjects.get(subject);
      if (versions == null) reply(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
      else if (id == null || !versions.contains(id)) reply(exchange, 404, error(40403, "Schema not found"));
      else reply(exchange, 200, JSON.createObjectNode().put("subject", subject).put("id", id).put("version", versions.indexOf(id) + 1).put("schema", schemasById.get(id)));
    } else if (method.equals("GET") && parts.length == 5 && parts[3].equals("versions") && subjects.containsKey(subject)) {
      List<Integer> versions = subjects.get(subject);
      int id = versions.get(parts[4].equals("latest") ? versions.size() - 1 : Integer.parseInt(parts[4]) - 1);
      String schema = "format=serialized".equals(exchange.getRequestURI().getRawQuery()) && "PROTOBUF".equals(typesById.get(id))
          ? descriptors.get(schemasById.get(id)) : schemasById.get(id);
      reply(exchange, 200, JSON.createObjectNode().put("subject", subject).put("id", id).put("version", versions.indexOf(id) + 1).put("schema", schema));
    } else {
      reply(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
    }
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
