package dev.cirrus.connect.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/** An in-JVM HTTP endpoint: records every request and answers from a script of statuses (then 200). */
final class Receiver implements AutoCloseable {
    record Request(String method, String path, Headers headers, String body) { }

    record Answer(int status, String body, String location) { }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final HttpServer server;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body));
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? new Answer(200, "ok", null) : script.poll();
            }
            if (answer.location() != null) exchange.getResponseHeaders().set("Location", answer.location());
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    void answer(int status, String body, int times) {
        synchronized (script) {
            for (int i = 0; i < times; i++) script.add(new Answer(status, body, null));
        }
    }

    void redirect(String location) {
        synchronized (script) {
            script.add(new Answer(302, "", location));
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
