package io.github.tweestap.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local SMS gateway for the server's {@code http} provider: records each message it accepts, and can be told to
 * fail, the way a real gateway does during an outage.
 */
public final class SmsGatewayStub implements AutoCloseable {

    public static final String API_KEY = "stub-api-key";

    public record Received(String to, String text, String apiKey) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    private SmsGatewayStub(HttpServer server) {
        this.server = server;
    }

    public static SmsGatewayStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SmsGatewayStub stub = new SmsGatewayStub(server);
            server.createContext("/send", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int answer = stub.status;
                if (answer / 100 == 2) {
                    JsonNode json = AdminApi.JSON.readTree(body);
                    stub.received.add(new Received(json.path("to").asText(), json.path("text").asText(),
                            exchange.getRequestHeaders().getFirst("X-Api-Key")));
                }
                byte[] out = (answer / 100 == 2 ? "{\"status\":\"ok\"}" : "{\"status\":\"down\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes the gateway answer with this HTTP status (e.g. 503 for an outage, 200 when it is back). */
    public void answerWith(int status) {
        this.status = status;
    }

    public List<Received> receivedFor(String to) {
        List<Received> result = new ArrayList<>();
        for (Received r : received) {
            if (r.to().equals(to)) {
                result.add(r);
            }
        }
        return result;
    }

    /** Waits (up to 15 s) until at least {@code count} messages to {@code to} arrived. */
    public List<Received> awaitReceived(String to, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            List<Received> found = receivedFor(to);
            if (found.size() >= count) {
                return found;
            }
            KeycloakServer.sleep(100);
        }
        return receivedFor(to);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
