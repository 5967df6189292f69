package io.github.tweestap.companion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the server side of PROTOCOL.md: checks every request as the spec says (content type, ES256
 * signature with the enrolled key or the {@code jwk} header, {@code htm}, {@code htu}, {@code iat} within 60 s,
 * unseen {@code jti}) and answers per endpoint. Records what it received. Test code only.
 */
public final class StubDeviceServer implements AutoCloseable {

    public static final String SMS_CODE = "123456";
    public static final String USERNAME = "alice";
    /** base32 of the ASCII bytes "12345678901234567890", the RFC 6238 SHA1 seed. */
    public static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    public static final String PHONE_HINT = "+31 6 •••• ••78";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request as received, after its JWS was decoded. */
    public record Received(String endpoint, String method, String contentType, String body, JsonNode header,
                           JsonNode payload) {
    }

    /** A canned answer that replaces the next answer of an endpoint. */
    private record Canned(int status, String body, Map<String, String> headers) {
    }

    private static final class Device {
        final PublicKey key;
        final String name;
        volatile String status = "pending";
        volatile boolean totpDelivered;
        volatile int codeAttempts = 3;

        Device(PublicKey key, String name) {
            this.key = key;
            this.name = name;
        }
    }

    private static final class OpenChallenge {
        final String id;
        final String type;
        /** The number the page shows; null when approving needs none. */
        final String number;
        final Instant expiresAt;
        final Integer failures;
        final Instant lastFailure;
        final String lastIp;
        final boolean permanent;
        volatile int attempts = 3;
        volatile String result;

        OpenChallenge(String id, String type, String number, Instant expiresAt, Integer failures, Instant lastFailure,
                      String lastIp, boolean permanent) {
            this.id = id;
            this.type = type;
            this.number = number;
            this.expiresAt = expiresAt;
            this.failures = failures;
            this.lastFailure = lastFailure;
            this.lastIp = lastIp;
            this.permanent = permanent;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String contextPath = "/realms/test/tweestap-device";
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Set<String> seenJtis = Collections.synchronizedSet(new HashSet<>());
    private final Map<String, OpenChallenge> challenges = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Deque<Canned>> canned = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Integer passwordExpiresInDays = 12;
    private volatile boolean sendNumberRequired = true;

    public StubDeviceServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(contextPath + "/", this::handle);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-device-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code http://127.0.0.1:port/realms/test/tweestap-device} */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + contextPath);
    }

    /** A fresh single-use enrollment link. */
    public URI newEnrollmentLink() {
        String token = "tok-" + ids.incrementAndGet() + ".a+b/c";
        tokens.add(token);
        return URI.create(baseUrl() + "/enroll?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** Opens a login challenge that the given number approves. */
    public void addChallenge(String id, String number) {
        challenges.put(id, new OpenChallenge(id, "login", number, Instant.now().plusSeconds(120), null, null, null,
                false));
    }

    /**
     * Opens an unlock challenge, as the server sends one at a lockout ({@code number} null: approving needs no
     * number) or from the login page (the number the page shows).
     */
    public void addUnlockChallenge(String id, String number, int failures, Instant lastFailure, String lastIp,
                                   boolean permanent) {
        challenges.put(id, new OpenChallenge(id, "unlock", number, Instant.now().plusSeconds(120), failures,
                lastFailure, lastIp, permanent));
    }

    /** Whether {@code /poll} lists {@code numberRequired} (older servers do not). */
    public void sendNumberRequired(boolean value) {
        this.sendNumberRequired = value;
    }

    /** The result of a challenge ({@code approved}, {@code denied}, {@code reported}) or null while open. */
    public String challengeResult(String id) {
        OpenChallenge c = challenges.get(id);
        return c == null ? null : c.result;
    }

    /** The next answer of {@code endpoint} is this, whatever the request (after the request checks). */
    public void failNext(String endpoint, int status, String body, Map<String, String> headers) {
        canned.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(new Canned(status, body, headers));
    }

    public void passwordExpiresInDays(Integer days) {
        this.passwordExpiresInDays = days;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String endpoint) {
        return received.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    public String deviceStatus(String deviceId) {
        Device device = devices.get(deviceId);
        return device == null ? null : device.status;
    }

    /** Activates a pending device as the SMS link would. */
    public void activateBySmsLink(String deviceId) {
        devices.get(deviceId).status = "active";
    }

    // -------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String endpoint = exchange.getRequestURI().getPath().substring(contextPath.length() + 1);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            JsonNode header = null;
            JsonNode payload = null;
            Jws.Decoded jws = null;
            try {
                jws = Jws.decode(body);
                header = jws.header();
                payload = jws.payload();
            } catch (RuntimeException e) {
                // recorded without header and payload
            }
            received.add(new Received(endpoint, exchange.getRequestMethod(), contentType, body, header, payload));

            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request", "POST only", null);
                return;
            }
            if (contentType == null || !contentType.startsWith("application/jose")) {
                error(exchange, 400, "invalid_request", "application/jose expected", null);
                return;
            }
            if (jws == null) {
                error(exchange, 400, "invalid_request", "not a compact JWS", null);
                return;
            }
            if (!"ES256".equals(text(header, "alg")) || !Jws.TYP.equals(text(header, "typ"))) {
                error(exchange, 401, "invalid_signature", "alg/typ", null);
                return;
            }
            Device device = null;
            PublicKey key;
            if (endpoint.equals("enroll")) {
                if (header.has("kid") || !header.has("jwk")) {
                    error(exchange, 400, "invalid_request", "enroll needs jwk, not kid", null);
                    return;
                }
                key = Jwk.fromMap(MAPPER.convertValue(header.get("jwk"), Map.class)).toPublicKey();
            } else {
                device = devices.get(text(header, "kid"));
                if (device == null) {
                    error(exchange, 401, "unknown_device", null, null);
                    return;
                }
                key = device.key;
            }
            if (!jws.verify(key)) {
                error(exchange, 401, "invalid_signature", null, null);
                return;
            }
            if (!"POST".equals(text(payload, "htm")) || !(baseUrl() + "/" + endpoint).equals(text(payload, "htu"))) {
                error(exchange, 401, "invalid_signature", "htm/htu", null);
                return;
            }
            long iat = payload.path("iat").asLong(0);
            if (Math.abs(Instant.now().getEpochSecond() - iat) > 60) {
                error(exchange, 401, "stale_request", null, null);
                return;
            }
            String jti = text(payload, "jti");
            if (jti == null || !seenJtis.add(jti)) {
                error(exchange, 401, "replayed_request", null, null);
                return;
            }
            Deque<Canned> queue = canned.get(endpoint);
            Canned next = queue == null ? null : queue.poll();
            if (next != null) {
                next.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, next.status(), next.body());
                return;
            }
            switch (endpoint) {
                case "enroll" -> enroll(exchange, payload, key);
                case "confirm" -> confirm(exchange, payload, device);
                case "status" -> status(exchange, device);
                case "poll" -> poll(exchange, payload, device);
                case "answer" -> answer(exchange, payload, device);
                case "unlink" -> unlink(exchange, header);
                case "profile" -> profile(exchange, device);
                default -> error(exchange, 404, "invalid_request", "no such endpoint", null);
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":\"server_error\",\"error_description\":\"" + e + "\"}");
        } finally {
            exchange.close();
        }
    }

    private void enroll(HttpExchange exchange, JsonNode payload, PublicKey key) throws IOException {
        String token = text(payload, "token");
        if (token == null || !tokens.remove(token)) {
            error(exchange, 400, "invalid_token", "enrollment token expired, used or forged", null);
            return;
        }
        String name = text(payload, "name");
        if (name == null || name.isEmpty() || name.length() > 64) {
            error(exchange, 400, "invalid_request", "name", null);
            return;
        }
        String id = "dev-" + ids.incrementAndGet();
        devices.put(id, new Device(key, name));
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("deviceId", id);
        answer.put("status", "pending");
        answer.put("phoneHint", PHONE_HINT);
        answer.put("codeLength", 6);
        answer.put("codeExpiresIn", 600);
        send(exchange, 201, answer.toString());
    }

    private void confirm(HttpExchange exchange, JsonNode payload, Device device) throws IOException {
        if (!"pending".equals(device.status)) {
            error(exchange, 400, "invalid_request", "not pending", null);
            return;
        }
        if (!SMS_CODE.equals(text(payload, "code"))) {
            device.codeAttempts--;
            error(exchange, 400, "invalid_code", "wrong code", device.codeAttempts);
            return;
        }
        device.status = "active";
        status(exchange, device);
    }

    private void status(HttpExchange exchange, Device device) throws IOException {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("status", device.status);
        answer.put("username", USERNAME);
        if ("active".equals(device.status) && !device.totpDelivered) {
            device.totpDelivered = true;
            ObjectNode totp = answer.putObject("totp");
            totp.put("secret", TOTP_SECRET);
            totp.put("digits", 6);
            totp.put("period", 30);
            totp.put("algorithm", "SHA1");
            totp.put("issuer", "Werkplek");
            totp.put("account", USERNAME);
        }
        send(exchange, 200, answer.toString());
    }

    private void poll(HttpExchange exchange, JsonNode payload, Device device) throws IOException {
        if (!"active".equals(device.status)) {
            error(exchange, 403, "device_not_active", null, null);
            return;
        }
        int wait = payload.path("wait").asInt(-1);
        if (wait < 0 || wait > 20) {
            error(exchange, 400, "invalid_request", "wait", null);
            return;
        }
        ArrayNode list = MAPPER.createArrayNode();
        long deadline = System.nanoTime() + Math.min(wait * 1_000_000_000L, 200_000_000L);
        while (true) {
            synchronized (challenges) {
                for (OpenChallenge c : challenges.values()) {
                    if (c.result == null) {
                        ObjectNode n = list.addObject();
                        n.put("id", c.id);
                        n.put("type", c.type);
                        if (c.type.equals("unlock")) {
                            // As the server lists them: no browser details.
                            n.put("client", "");
                            n.putNull("ip");
                            n.putNull("browser");
                            n.putNull("os");
                        } else {
                            n.put("client", "Account Console");
                            n.put("ip", "127.0.0.1");
                            n.put("browser", "Chrome 156");
                            n.put("os", "Linux");
                        }
                        n.put("time", "2026-11-23T01:02:03Z");
                        n.put("expiresAt", c.expiresAt.getEpochSecond());
                        if (sendNumberRequired) {
                            n.put("numberRequired", c.number != null);
                        }
                        if (c.type.equals("unlock")) {
                            n.put("failures", c.failures);
                            if (c.lastFailure == null) {
                                n.putNull("lastFailure");
                            } else {
                                n.put("lastFailure", c.lastFailure.toString());
                            }
                            n.put("lastIp", c.lastIp);
                            n.put("permanent", c.permanent);
                        }
                    }
                }
            }
            if (!list.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.set("challenges", list);
        send(exchange, 200, answer.toString());
    }

    private void answer(HttpExchange exchange, JsonNode payload, Device device) throws IOException {
        OpenChallenge c = challenges.get(text(payload, "challenge"));
        if (c == null) {
            error(exchange, 404, "unknown_challenge", null, null);
            return;
        }
        if (c.result != null) {
            error(exchange, 409, "challenge_closed", null, null);
            return;
        }
        boolean approve = payload.path("approve").asBoolean(false);
        if (approve && c.number != null) {
            String number = text(payload, "number");
            if (number == null) {
                error(exchange, 400, "invalid_request", "number required", null);
                return;
            }
            if (!number.equals(c.number)) {
                c.attempts--;
                if (c.attempts == 0) {
                    c.result = "denied";
                }
                error(exchange, 400, "wrong_number", null, c.attempts);
                return;
            }
            c.result = "approved";
        } else if (approve) {
            c.result = "approved"; // no number to match: the server ignores one sent anyway
        } else {
            c.result = payload.path("report").asBoolean(false) ? "reported" : "denied";
        }
        send(exchange, 200, "{\"result\":\"" + c.result + "\"}");
    }

    private void unlink(HttpExchange exchange, JsonNode header) throws IOException {
        devices.remove(text(header, "kid"));
        send(exchange, 200, "{\"result\":\"unlinked\"}");
    }

    private void profile(HttpExchange exchange, Device device) throws IOException {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("username", USERNAME);
        answer.put("firstName", "Alice");
        answer.put("lastName", "de Vries");
        answer.put("email", "alice@example.org");
        answer.put("realm", "Werkplek");
        if (passwordExpiresInDays == null) {
            answer.putNull("passwordExpiresInDays");
            answer.putNull("passwordExpiresAt");
        } else {
            answer.put("passwordExpiresInDays", passwordExpiresInDays);
            answer.put("passwordExpiresAt", "2026-12-05T10:00:00Z");
        }
        send(exchange, 200, answer.toString());
    }

    private static void error(HttpExchange exchange, int status, String code, String description, Integer attempts)
            throws IOException {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("error", code);
        answer.put("error_description", description == null ? code : description);
        if (attempts != null) {
            answer.put("attemptsLeft", attempts);
        }
        send(exchange, status, answer.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
