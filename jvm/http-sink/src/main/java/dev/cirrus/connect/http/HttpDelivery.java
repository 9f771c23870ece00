package dev.cirrus.connect.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cirrus.connect.egress.EgressGuard;

/** Sends one body to the configured URL, retrying per max.retries / retry.on.status.codes. */
final class HttpDelivery {
    private static final Logger log = LoggerFactory.getLogger(HttpDelivery.class);
    private static final long MAX_BACKOFF_MS = 300_000;
    private static final int EXCERPT_CHARS = 200;
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final String authorization;
    private final StatusCodes retryCodes;
    private final int maxRetries;
    private final long backoffMs;
    private final Duration requestTimeout;
    private final EgressGuard egress;
    private volatile boolean stopping;

    HttpDelivery(HttpSinkConfig config) {
        this.client = HttpClient.newBuilder()
                // A redirect is an error: the URL the user gave is the only one we may call.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(config.getInt(HttpSinkConfig.HTTP_CONNECT_TIMEOUT_MS)))
                .build();
        this.url = config.url();
        this.method = config.method().name();
        this.headers = config.headers();
        this.authorization = authorization(config);
        this.retryCodes = config.retryCodes();
        this.maxRetries = config.getInt(HttpSinkConfig.MAX_RETRIES);
        this.backoffMs = config.getInt(HttpSinkConfig.RETRY_BACKOFF_MS);
        this.requestTimeout = Duration.ofMillis(config.getInt(HttpSinkConfig.HTTP_REQUEST_TIMEOUT_MS));
        this.egress = new EgressGuard(config.getBoolean(HttpSinkConfig.EGRESS_LOOPBACK));
        for (String name : headers.keySet()) {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                log.warn("Header {} is set by the HTTP client itself; the configured one is not sent", name);
            }
        }
    }

    void stop() {
        stopping = true;
    }

    /** Where requests go, without user info or query, which may carry secrets. */
    String target() {
        return method + " " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    void send(String body, String contentType) {
        HttpRequest request = request(body, contentType);
        for (int attempt = 0; ; attempt++) {
            HttpDeliveryException failure;
            boolean retriable;
            // Not an HttpDeliveryException: a refused address fails the task whatever
            // behavior.on.error says, and no record is dropped or sent to the dead letter queue.
            egress.check(url.getHost());
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) return;
                failure = new HttpDeliveryException("HTTP " + status + " from " + target() + after(attempt)
                        + describe(status, response) + ": " + excerpt(response.body()), status);
                retriable = retryCodes.contains(status) && (status < 300 || status >= 400);
            } catch (IOException e) {
                failure = new HttpDeliveryException("HTTP request to " + target() + " failed" + after(attempt) + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
                retriable = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpDeliveryException("interrupted while sending to " + target(), e);
            }
            if (!retriable || attempt >= maxRetries || stopping) throw failure;
            long wait = backoff(attempt);
            log.warn("{}; retry {} of {} in {} ms", failure.getMessage(), attempt + 1, maxRetries, wait);
            sleep(wait);
        }
    }

    private HttpRequest request(String body, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) builder.setHeader(h.getKey(), h.getValue());
        }
        if (authorization != null) builder.setHeader("Authorization", authorization);
        return builder.build();
    }

    private static String authorization(HttpSinkConfig config) {
        switch (config.authType()) {
            case BASIC: {
                String pair = config.user() + ":" + config.secret(HttpSinkConfig.CONNECTION_PASSWORD);
                return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            }
            case BEARER:
                return "Bearer " + config.secret(HttpSinkConfig.BEARER_TOKEN);
            default:
                return null;
        }
    }

    long backoff(int attempt) {
        long cap = Math.max(backoffMs, MAX_BACKOFF_MS);
        return Math.min(cap, backoffMs * (1L << Math.min(attempt, 20)));
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpDeliveryException("interrupted while waiting to retry " + target(), e);
        }
    }

    private static String after(int attempt) {
        return " after " + (attempt + 1) + (attempt == 0 ? " attempt" : " attempts");
    }

    private static String describe(int status, HttpResponse<?> response) {
        if (status < 300 || status >= 400) return "";
        return " (redirect to " + response.headers().firstValue("Location").orElse("?") + " not followed)";
    }

    private static String excerpt(String body) {
        if (body == null || body.isEmpty()) return "(empty body)";
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "…";
    }
}
