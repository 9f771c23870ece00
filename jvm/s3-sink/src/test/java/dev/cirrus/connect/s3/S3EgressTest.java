package dev.cirrus.connect.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cirrus.connect.egress.EgressRefusedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The S3 client's requests to store.url pass the egress guard first (EgressInterceptor). */
class S3EgressTest {
    private static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /** A store on this host's loopback that answers every request 200 and records it. */
    private HttpServer store;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStore() throws IOException {
        store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        store.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        store.start();
    }

    @AfterEach
    void stopStore() {
        store.stop(0);
    }

    /** Reached by a name, as a name that passed validation and rebinds to loopback would be. */
    private Map<String, String> props(String storeUrl, boolean allowLoopback) {
        Map<String, String> props = new HashMap<>(Map.of("topics", "orders", "s3.bucket.name", "b", "flush.size", "1",
                "store.url", storeUrl, "aws.access.key.id", "AKID", "aws.secret.access.key", "very-secret-value"));
        if (allowLoopback) props.put(S3SinkConfig.EGRESS_LOOPBACK, "true");
        return props;
    }

    private String localStore() {
        return "http://localhost:" + store.getAddress().getPort();
    }

    private static EgressRefusedException refusal(Exception e) {
        EgressRefusedException refused = EgressRefusedException.in(e);
        assertNotNull(refused, "not refused by the guard: " + e);
        return refused;
    }

    @Test
    void aLoopbackStoreIsRefusedBeforeAnyRequestUnlessAllowed() {
        try (S3ObjectUploader uploader = new S3ObjectUploader(new S3SinkConfig(props(localStore(), false)))) {
            Exception e = assertThrows(Exception.class, () -> uploader.upload("k", new byte[] {1}));
            String message = refusal(e).getMessage();
            assertTrue(message.startsWith("Refusing to send to localhost: it resolves to ") && message.contains("loopback, which is not allowed"),
                    message);
            assertTrue(requests.isEmpty(), requests.toString());
        }
        try (S3ObjectUploader uploader = new S3ObjectUploader(new S3SinkConfig(props(localStore(), true)))) {
            uploader.upload("k", new byte[] {1});
            assertEquals(List.of("PUT /b/k"), requests);
        }
    }

    @Test
    void everyOperationIsCheckedNotOnlyPutObject() {
        // A file over s3.part.size starts with CreateMultipartUpload: refused too, so no part is sent.
        Map<String, String> props = props(localStore(), false);
        props.put(S3SinkConfig.PART_SIZE, String.valueOf(MIN_PART_SIZE));
        try (S3ObjectUploader uploader = new S3ObjectUploader(new S3SinkConfig(props))) {
            Exception e = assertThrows(Exception.class, () -> uploader.upload("k", new byte[MIN_PART_SIZE + 1]));
            assertTrue(refusal(e).getMessage().contains("loopback"));
            assertTrue(requests.isEmpty(), requests.toString());
        }
    }

    @Test
    void metadataIsRefusedEvenWhenLoopbackIsAllowed() {
        try (S3ObjectUploader uploader = new S3ObjectUploader(new S3SinkConfig(props("http://169.254.169.254", true)))) {
            Exception e = assertThrows(Exception.class, () -> uploader.upload("k", new byte[] {1}));
            assertTrue(refusal(e).getMessage().contains("link-local or metadata address"), e.getMessage());
        }
    }

    @Test
    void aRefusedStoreFailsTheTaskAtOnceWithoutRetriesAndCommitsNothing() {
        // s3.part.retries would turn a network failure into RetriableExceptions; a refusal is none.
        Map<String, String> props = props(localStore(), false);
        props.put(S3SinkConfig.PART_RETRIES, "3");
        S3SinkTask task = new S3SinkTask();
        task.initialize(new FakeSinkTaskContext());
        task.start(props);
        TopicPartition tp = new TopicPartition("orders", 0);
        task.open(List.of(tp));
        try {
            SinkRecord record = new SinkRecord("orders", 0, null, null, null, Map.of("n", 1), 0, 0L, TimestampType.CREATE_TIME);
            EgressRefusedException e = assertThrows(EgressRefusedException.class, () -> task.put(List.of(record)));
            assertTrue(e.getMessage().contains("loopback") && !e.getMessage().contains("very-secret-value"), e.getMessage());
            assertEquals(Map.of(), task.preCommit(new HashMap<>()));
            assertTrue(requests.isEmpty(), requests.toString());
        } finally {
            task.stop();
        }
    }
}
