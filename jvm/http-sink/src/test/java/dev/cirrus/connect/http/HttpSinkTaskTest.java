package dev.cirrus.connect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSinkTaskTest {
    private Receiver receiver;
    private HttpSinkTask task;
    private long offset;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        if (task != null) task.stop();
        receiver.close();
    }

    private FakeSinkTaskContext start(Map<String, String> overrides, boolean withReporter) {
        Map<String, String> props = new HashMap<>();
        props.put("topics", "orders");
        props.put(HttpSinkConfig.HTTP_API_URL, receiver.url("/api/events?src=kafka"));
        props.put(HttpSinkConfig.RETRY_BACKOFF_MS, "1");
        // The receiver listens on loopback, which the control plane allows only when told to.
        props.put(HttpSinkConfig.EGRESS_LOOPBACK, "true");
        props.putAll(overrides);
        FakeSinkTaskContext context = new FakeSinkTaskContext(withReporter);
        task = new HttpSinkTask();
        task.initialize(context);
        task.start(props);
        return context;
    }

    private FakeSinkTaskContext start(Map<String, String> overrides) {
        return start(overrides, false);
    }

    private SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("orders", 0, Schema.STRING_SCHEMA, "k" + offset, schema, value, offset++);
    }

    private SinkRecord json(String text) {
        return record(null, text);
    }

    @Test
    void postsToTheUrlWithConfiguredHeadersAndJsonContentType() {
        start(Map.of("headers", "X-Tenant: acme|X-Trace:abc", "auth.type", "NONE"));
        task.put(List.of(json("{\"id\":1}")));
        assertEquals(1, receiver.requests.size());
        Receiver.Request r = receiver.requests.get(0);
        assertEquals("POST", r.method());
        assertEquals("/api/events?src=kafka", r.path());
        assertEquals("acme", r.headers().getFirst("X-Tenant"));
        assertEquals("abc", r.headers().getFirst("X-Trace"));
        assertEquals("application/json", r.headers().getFirst("Content-Type"));
        assertNull(r.headers().getFirst("Authorization"));
        assertEquals("{\"id\":1}", r.body());
    }

    @Test
    void usesPutAndPatchAndACustomHeaderSeparator() {
        start(Map.of("request.method", "put", "headers", "A:1;B:2", "header.separator", ";"));
        task.put(List.of(json("1")));
        task.stop();
        start(Map.of("request.method", "PATCH"));
        task.put(List.of(json("2")));
        assertEquals("PUT", receiver.requests.get(0).method());
        assertEquals("2", receiver.requests.get(0).headers().getFirst("B"));
        assertEquals("PATCH", receiver.requests.get(1).method());
    }

    @Test
    void sendsBasicAuth() {
        start(Map.of("auth.type", "BASIC", "connection.user", "alice", "connection.password", "s3cret"));
        task.put(List.of(json("{}")));
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, receiver.requests.get(0).headers().getFirst("Authorization"));
    }

    @Test
    void sendsABearerToken() {
        start(Map.of("auth.type", "BEARER", "bearer.token", "tok-123"));
        task.put(List.of(json("{}")));
        assertEquals("Bearer tok-123", receiver.requests.get(0).headers().getFirst("Authorization"));
    }

    @Test
    void rendersStructMapAndStringValuesAsJson() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of("x", "y"));
        start(Map.of());
        task.put(List.of(
                record(schema, new Struct(schema).put("id", 7).put("name", "seven")),
                record(null, map),
                json("{\"already\": \"json\"}"),
                json("not json")));
        List<String> bodies = receiver.requests.stream().map(Receiver.Request::body).toList();
        assertEquals(List.of("{\"id\":7,\"name\":\"seven\"}", "{\"a\":1,\"b\":[\"x\",\"y\"]}",
                "{\"already\": \"json\"}", "\"not json\""), bodies);
    }

    @Test
    void batchesWithPrefixSuffixAndSeparator() {
        start(Map.of("batch.max.size", "3", "batch.prefix", "<", "batch.suffix", ">", "batch.separator", "\n",
                "request.body.format", "string"));
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) records.add(json("r" + i));
        task.put(records);
        List<String> bodies = receiver.requests.stream().map(Receiver.Request::body).toList();
        assertEquals(List.of("<r0\nr1\nr2>", "<r3\nr4\nr5>", "<r6>"), bodies);
        assertTrue(receiver.requests.get(0).headers().getFirst("Content-Type").startsWith("text/plain"));
    }

    @Test
    void batchesJsonAsAnArray() {
        start(Map.of("batch.max.size", "2", "batch.json.as.array", "true", "batch.prefix", "ignored"));
        task.put(List.of(json("{\"n\":1}"), json("{\"n\":2}"), json("{\"n\":3}")));
        List<String> bodies = receiver.requests.stream().map(Receiver.Request::body).toList();
        assertEquals(List.of("[{\"n\":1},{\"n\":2}]", "[{\"n\":3}]"), bodies);
    }

    @Test
    void retriesA500ThenSucceeds() {
        receiver.answer(500, "busy", 2);
        FakeSinkTaskContext context = start(Map.of("max.retries", "3"), true);
        task.put(List.of(json("{}")));
        assertEquals(3, receiver.requests.size());
        assertTrue(context.reported.isEmpty());
    }

    @Test
    void doesNotRetryAStatusOutsideRetryOnStatusCodes() {
        receiver.answer(400, "bad input", 1);
        start(Map.of("retry.on.status.codes", "500-599,429", "max.retries", "5"));
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(json("{}"))));
        assertEquals(1, receiver.requests.size());
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    }

    @Test
    void reportsEveryRecordOfABatchWhenRetriesAreExhausted() {
        receiver.answer(503, "upstream down for maintenance", 10);
        FakeSinkTaskContext context = start(Map.of("max.retries", "2", "batch.max.size", "2",
                "auth.type", "BEARER", "bearer.token", "tok-secret", "headers", "X-Key:hdr-secret"), true);
        task.put(List.of(json("{\"n\":1}"), json("{\"n\":2}")));
        assertEquals(3, receiver.requests.size(), "one attempt and two retries");
        assertEquals(2, context.reported.size());
        for (FakeSinkTaskContext.Reported r : context.reported) {
            String message = r.error().getMessage();
            assertTrue(message.contains("HTTP 503"), message);
            assertTrue(message.contains("upstream down"), message);
            assertFalse(message.contains("tok-secret") || message.contains("hdr-secret"), message);
            assertFalse(message.contains("src=kafka"), "the query may hold secrets: " + message);
        }
        assertEquals(List.of(0L, 1L), context.reported.stream().map(r -> r.record().kafkaOffset()).toList());
    }

    @Test
    void failModeThrowsAConnectException() {
        receiver.answer(500, "boom", 10);
        start(Map.of("max.retries", "1", "behavior.on.error", "fail"));
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(json("{}"))));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(2, receiver.requests.size());
    }

    @Test
    void logAndIgnoreModesGoOn() {
        receiver.answer(500, "boom", 2);
        start(Map.of("max.retries", "0", "behavior.on.error", "log"));
        task.put(List.of(json("{\"n\":1}")));
        task.stop();
        start(Map.of("max.retries", "0", "behavior.on.error", "ignore"));
        task.put(List.of(json("{\"n\":2}")));
        task.put(List.of(json("{\"n\":3}")));
        assertEquals(3, receiver.requests.size());
    }

    @Test
    void aRedirectIsAnErrorAndIsNotFollowed() throws Exception {
        try (Receiver elsewhere = new Receiver()) {
            receiver.redirect(elsewhere.url("/stolen"));
            start(Map.of("max.retries", "3"));
            ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(json("{}"))));
            assertTrue(e.getMessage().contains("HTTP 302") && e.getMessage().contains("not followed"), e.getMessage());
            assertEquals(1, receiver.requests.size(), "a redirect is not retried");
            assertTrue(elsewhere.requests.isEmpty());
        }
    }

    @Test
    void loopbackIsRefusedUnlessAllowedAndNoRecordIsDropped() {
        // behavior.on.error=ignore and a dead letter queue would drop or divert a failed batch;
        // a refused address fails the task instead, so the records wait for a config that may run.
        FakeSinkTaskContext context = start(Map.of(HttpSinkConfig.EGRESS_LOOPBACK, "false", "behavior.on.error", "ignore"), true);
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(json("{}"))));
        assertTrue(e.getMessage().contains("loopback") && e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertTrue(receiver.requests.isEmpty());
        assertTrue(context.reported.isEmpty());
    }

    @Test
    void retriesConnectionErrors() {
        String url = receiver.url("/gone");
        receiver.close();
        start(Map.of("http.api.url", url, "max.retries", "2"));
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(json("{}"))));
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
    }

    @Test
    void skipsNullValuesByDefault() {
        start(Map.of("batch.max.size", "5", "batch.json.as.array", "true"));
        task.put(List.of(json("{\"n\":1}"), record(null, null), json("{\"n\":2}")));
        assertEquals(List.of("[{\"n\":1},{\"n\":2}]"), receiver.requests.stream().map(Receiver.Request::body).toList());
    }

    @Test
    void nullValuesFailWhenAskedTo() {
        start(Map.of("behavior.on.null.values", "fail"));
        assertThrows(ConnectException.class, () -> task.put(List.of(record(null, null))));
        task.stop();
        FakeSinkTaskContext context = start(Map.of("behavior.on.null.values", "fail"), true);
        task.put(List.of(record(null, null), json("{}")));
        assertEquals(1, context.reported.size());
        assertTrue(context.reported.get(0).error().getMessage().contains("null value"));
        assertEquals(1, receiver.requests.size());
    }
}
