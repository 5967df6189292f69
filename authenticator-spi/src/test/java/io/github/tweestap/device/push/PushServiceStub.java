package io.github.tweestap.device.push;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A push service on loopback: records each request and answers with the status and body it is told. */
final class PushServiceStub implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, byte[] body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile int status = 201;
    volatile String answer = "";
    private final HttpServer server;

    PushServiceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.stream().collect(Collectors.joining(","))));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}, the origin a VAPID token for this service must name. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
