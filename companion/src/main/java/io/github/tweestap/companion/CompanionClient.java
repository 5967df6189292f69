package io.github.tweestap.companion;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The device side of the Tweestap device protocol (PROTOCOL.md, version 1).
 *
 * <p>Every request is a {@code POST} of one compact ES256 JWS ({@code application/jose}); {@code /enroll} carries the
 * public key as {@code jwk} header, every other endpoint the device id as {@code kid}. Answers are JSON; a refusal
 * becomes a {@link CompanionException}, a network failure an {@link UncheckedIOException}.
 *
 * <pre>{@code
 * CompanionClient phone = new CompanionClient();            // fresh P-256 keys
 * Enrollment e = phone.enroll(URI.create(link), "Pixel");    // pending; SMS code sent
 * phone.confirm("123456");                                   // active; phone.state().totp() is set
 * for (Challenge c : phone.poll(Duration.ofSeconds(20))) {
 *     phone.approve(c.id(), c.numberRequired() ? "42" : null);  // the number the page shows, if any
 * }
 * }</pre>
 *
 * <p>For tests of the server's defences: {@link #withRequestOptions(RequestOptions)} gives a view of the same device
 * that signs with overridden {@code iat}, {@code jti}, key, {@code kid} or {@code htu}; {@link #lastRequest()} and
 * {@link #send(SignedRequest)} send a request again byte for byte; {@link #sign}/{@link #sendRaw} build and send
 * without interpreting the answer.
 *
 * <p>Instances share their device state with the views made from them and may be used from one thread at a time.
 */
public final class CompanionClient {

    /** Connecting gives up after this. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Waiting for an answer gives up after this (for {@code /poll}: the wait plus {@link #POLL_GRACE}). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** Added to a long-poll's wait for its read timeout. */
    public static final Duration POLL_GRACE = Duration.ofSeconds(10);
    /** The longest wait the protocol allows for {@code /poll}. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(20);

    public static final String CONTENT_TYPE = "application/jose";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int JTI_BYTES = 16;

    /** What a client and its views share. */
    private static final class Session {
        final HttpClient http;
        final Clock clock;
        volatile DeviceState state;
        volatile SignedRequest lastRequest;

        Session(DeviceState state, HttpClient http, Clock clock) {
            this.state = state;
            this.http = http;
            this.clock = clock;
        }
    }

    private final Session session;
    private final RequestOptions options;

    /** A new device with fresh keys, not enrolled yet. */
    public CompanionClient() {
        this(DeviceKeys.generate());
    }

    /** A new device with the given keys, not enrolled yet. */
    public CompanionClient(DeviceKeys keys) {
        this(DeviceState.unenrolled(keys));
    }

    /** A device as saved earlier (see {@link DeviceStore}). */
    public CompanionClient(DeviceState state) {
        this(state, defaultHttpClient(), Clock.systemUTC());
    }

    /** A device using the given HTTP client (its connect timeout applies) and clock (for {@code iat}). */
    public CompanionClient(DeviceState state, HttpClient http, Clock clock) {
        this(new Session(Objects.requireNonNull(state, "state"), Objects.requireNonNull(http, "http"),
                Objects.requireNonNull(clock, "clock")), RequestOptions.defaults());
    }

    private CompanionClient(Session session, RequestOptions options) {
        this.session = session;
        this.options = options;
    }

    /** HTTP/1.1, no redirects, {@link #CONNECT_TIMEOUT}. */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * A view of the same device (same state, same HTTP client) whose requests are signed with these overrides.
     * The view's successful answers update the shared state as usual.
     */
    public CompanionClient withRequestOptions(RequestOptions newOptions) {
        return new CompanionClient(session, Objects.requireNonNull(newOptions, "options"));
    }

    public RequestOptions requestOptions() {
        return options;
    }

    /** The device's current state (updated by every successful call). */
    public DeviceState state() {
        return session.state;
    }

    public String deviceId() {
        return session.state.deviceId();
    }

    public DeviceKeys keys() {
        return session.state.keys();
    }

    /** {@code {realmUrl}/tweestap-device}; null before {@link #enroll}. */
    public URI baseUrl() {
        return session.state.baseUrl();
    }

    /** The full URL of an endpoint, e.g. {@code endpoint("poll")}. */
    public URI endpoint(String name) {
        URI base = baseUrl();
        if (base == null) {
            throw new IllegalStateException("The device has no server yet: enroll first");
        }
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + name);
    }

    /** The last request sent (by this client or a view of it), to send again with {@link #send(SignedRequest)}. */
    public SignedRequest lastRequest() {
        return session.lastRequest;
    }

    // ---------------------------------------------------------------------------------------------- endpoints

    /** {@link #enroll(URI, String, PushSubscription)} without push subscription. */
    public Enrollment enroll(URI link, String name) {
        return enroll(link, name, null);
    }

    /**
     * {@code POST /enroll}: sends the public key with the link's token. The server answers with the device id and
     * sends a code by SMS; the device is {@code pending} until {@link #confirm} (or the SMS link).
     *
     * @param link the QR code's content, {@code {realmUrl}/tweestap-device/enroll?token=…}
     * @param name the device name (the server accepts 1–64 characters)
     * @param push a Web Push subscription, or null
     * @throws IllegalArgumentException if {@code link} is not an enrollment link
     */
    public Enrollment enroll(URI link, String name, PushSubscription push) {
        EnrollmentLink parsed = EnrollmentLink.parse(link);
        session.state = session.state.withBaseUrl(parsed.baseUrl());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("token", parsed.token());
        fields.put("name", name);
        if (push != null) {
            fields.put("push", push.toMap());
        }
        JsonNode answer = call("enroll", fields);
        String deviceId = Json.text(answer, "deviceId");
        if (deviceId == null || deviceId.isEmpty()) {
            throw unexpected("enroll", "no deviceId in the answer", answer);
        }
        String status = Json.text(answer, "status");
        Enrollment enrollment = new Enrollment(deviceId, status == null ? DeviceState.PENDING : status,
                Json.text(answer, "phoneHint"), Json.integer(answer, "codeLength", 6),
                Json.integer(answer, "codeExpiresIn") == null ? null
                        : Duration.ofSeconds(Json.integer(answer, "codeExpiresIn")));
        session.state = session.state.withEnrollment(deviceId, name, enrollment.status()).withTotp(null)
                .withUsername(null);
        return enrollment;
    }

    /**
     * {@code POST /confirm}: the SMS code. Activates the device; the answer (and {@link #state()}) then carries the
     * TOTP credential.
     */
    public DeviceStatus confirm(String code) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", code);
        return applyStatus("confirm", call("confirm", fields));
    }

    /** {@code POST /status}: {@code pending} or {@code active}; the first active answer carries the TOTP credential. */
    public DeviceStatus status() {
        return applyStatus("status", call("status", Map.of()));
    }

    /**
     * {@code POST /poll}: long-polls for logins and unlock requests waiting for this device.
     *
     * @param wait 0–20 seconds: the server answers as soon as a challenge is there, or after {@code wait}
     * @return the open challenges, possibly none
     */
    public List<Challenge> poll(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative");
        }
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("wait", seconds);
        JsonNode answer = send(sign("poll", fields, Duration.ofSeconds(seconds).plus(POLL_GRACE)));
        JsonNode list = answer.get("challenges");
        if (list == null || !list.isArray()) {
            throw unexpected("poll", "no challenges list in the answer", answer);
        }
        List<Challenge> challenges = new ArrayList<>();
        for (JsonNode c : list) {
            challenges.add(new Challenge(Json.text(c, "id"), Json.text(c, "type"), Json.text(c, "client"),
                    Json.text(c, "ip"), Json.text(c, "browser"), Json.text(c, "os"), Json.instant(c, "time"),
                    Json.epochSeconds(c, "expiresAt"), Json.bool(c, "numberRequired", true),
                    Json.integer(c, "failures"), Json.instant(c, "lastFailure"), nullIfBlank(Json.text(c, "lastIp")),
                    Json.bool(c, "permanent", false)));
        }
        return Collections.unmodifiableList(challenges);
    }

    /**
     * {@code POST /answer}.
     *
     * @param challengeId the challenge's id
     * @param approve     true: it is me; false: deny
     * @param number      the number the login page shows: required to approve a challenge whose
     *                    {@link Challenge#numberRequired()} is true; null sends no {@code number} field
     * @param report      with {@code approve=false}: "dit was ik niet" (sent only when true)
     * @return {@code approved}, {@code denied} or {@code reported}
     * @throws CompanionException {@code wrong_number} (400), {@code challenge_closed} (409), or
     *                            {@code unlock_not_allowed} (409: an unlock request was approved, but the account is
     *                            now locked permanently and the realm lets only an administrator lift that)
     */
    public String answer(String challengeId, boolean approve, String number, boolean report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("challenge", challengeId);
        fields.put("approve", approve);
        if (number != null) {
            fields.put("number", number);
        }
        if (report) {
            fields.put("report", true);
        }
        return result("answer", call("answer", fields));
    }

    /**
     * {@code answer(challengeId, true, number, false)}; {@code number} may be null for a challenge that needs none
     * ({@link Challenge#numberRequired()} false), and then no {@code number} field is sent.
     */
    public String approve(String challengeId, String number) {
        return answer(challengeId, true, number, false);
    }

    /** {@code answer(challengeId, false, null, report)}. */
    public String deny(String challengeId, boolean report) {
        return answer(challengeId, false, null, report);
    }

    /** {@code POST /unlink}: the server forgets the device and its TOTP credential. Returns {@code unlinked}. */
    public String unlink() {
        String result = result("unlink", call("unlink", Map.of()));
        session.state = session.state.withStatus(DeviceState.UNLINKED);
        return result;
    }

    /** {@code POST /profile}: the user's name, e-mail, realm and password expiry. */
    public Profile profile() {
        JsonNode a = call("profile", Map.of());
        return new Profile(Json.text(a, "username"), Json.text(a, "firstName"), Json.text(a, "lastName"),
                Json.text(a, "email"), Json.text(a, "realm"), Json.integer(a, "passwordExpiresInDays"),
                Json.instant(a, "passwordExpiresAt"));
    }

    // -------------------------------------------------------------------------------------------- raw access

    /** Signs and sends a request to any endpoint with the given fields; returns the JSON answer. */
    public JsonNode call(String endpoint, Map<String, ?> fields) {
        return send(sign(endpoint, fields));
    }

    /** Signs a request (with this client's {@link RequestOptions}) without sending it. */
    public SignedRequest sign(String endpoint, Map<String, ?> fields) {
        return sign(endpoint, fields, READ_TIMEOUT);
    }

    /**
     * Signs a request: header {@code alg}, {@code typ} and {@code jwk} (for {@code enroll}) or {@code kid}; payload
     * {@code htm}, {@code htu}, {@code iat}, {@code jti}, then {@code fields} in their order.
     */
    public SignedRequest sign(String endpoint, Map<String, ?> fields, Duration timeout) {
        DeviceState state = session.state;
        URI url = endpoint(endpoint);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", Jws.ALG);
        header.put("typ", Jws.TYP);
        if ("enroll".equals(endpoint)) {
            header.put("jwk", state.keys().jwk().toMap());
        } else {
            String kid = options.kid() != null ? options.kid() : state.deviceId();
            if (kid == null) {
                throw new IllegalStateException("The device has no id yet: enroll first");
            }
            header.put("kid", kid);
        }
        Instant iat = options.iat() != null ? options.iat() : session.clock.instant();
        String jti = options.jti() != null ? options.jti() : newJti();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("htm", "POST");
        payload.put("htu", (options.htu() != null ? options.htu() : url).toString());
        payload.put("iat", iat.getEpochSecond());
        payload.put("jti", jti);
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            payload.put(field.getKey(), field.getValue());
        }
        PrivateKey key = options.signingKey() != null ? options.signingKey() : state.keys().privateKey();
        String body = Jws.sign(header, payload, key);
        return new SignedRequest(endpoint, url, body, jti, Instant.ofEpochSecond(iat.getEpochSecond()), timeout);
    }

    /**
     * Sends a signed request (again, if it was sent before: the body is the same bytes) and returns the JSON answer.
     *
     * @throws CompanionException   if the server answers with an error status
     * @throws UncheckedIOException on a network failure or timeout
     */
    public JsonNode send(SignedRequest request) {
        RawResponse response = sendRaw(request);
        return interpret(request.endpoint(), response);
    }

    /** Sends a signed request and returns the answer as it came, whatever its status. */
    public RawResponse sendRaw(SignedRequest request) {
        session.lastRequest = request;
        return sendRaw(request.url(), CONTENT_TYPE, request.body(), request.timeout());
    }

    /** Posts any body with any content type, for requests no well-behaved device sends. */
    public RawResponse sendRaw(URI url, String contentType, String body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = session.http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("Interrupted while waiting for " + url);
            interrupted.initCause(e);
            throw new UncheckedIOException(interrupted);
        }
    }

    // -------------------------------------------------------------------------------------------- helpers

    private static String newJti() {
        byte[] bytes = new byte[JTI_BYTES];
        RANDOM.nextBytes(bytes);
        return B64.encode(bytes);
    }

    private JsonNode interpret(String endpoint, RawResponse response) {
        String body = response.body() == null ? "" : response.body();
        JsonNode json = null;
        if (!body.isBlank()) {
            try {
                json = Json.read(body);
            } catch (IllegalArgumentException e) {
                json = null;
            }
        }
        Integer retryAfter = response.headers().firstValue("Retry-After").map(CompanionClient::seconds).orElse(null);
        if (response.isSuccess()) {
            if (body.isBlank()) {
                return Json.MAPPER.createObjectNode();
            }
            if (json == null || !json.isObject()) {
                throw new CompanionException(endpoint, response.statusCode(), CompanionException.UNEXPECTED_RESPONSE,
                        "the answer is not a JSON object", null, retryAfter, body);
            }
            return json;
        }
        String error = json != null && json.isObject() ? Json.text(json, "error") : null;
        String description = json != null && json.isObject() ? Json.text(json, "error_description") : null;
        Integer attemptsLeft = json != null && json.isObject() ? Json.integer(json, "attemptsLeft") : null;
        throw new CompanionException(endpoint, response.statusCode(),
                error == null ? CompanionException.UNEXPECTED_RESPONSE : error, description, attemptsLeft,
                retryAfter, body);
    }

    private static Integer seconds(String header) {
        try {
            int value = Integer.parseInt(header.trim());
            return value < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null; // an HTTP-date: the protocol sends seconds
        }
    }

    private DeviceStatus applyStatus(String endpoint, JsonNode answer) {
        String status = Json.text(answer, "status");
        if (status == null) {
            throw unexpected(endpoint, "no status in the answer", answer);
        }
        String username = Json.text(answer, "username");
        TotpParams totp = null;
        JsonNode t = answer.get("totp");
        if (t != null && t.isObject() && Json.text(t, "secret") != null) {
            String algorithm = Json.text(t, "algorithm");
            totp = new TotpParams(Json.text(t, "secret"), Json.integer(t, "digits", 6), Json.integer(t, "period", 30),
                    algorithm == null ? "SHA1" : algorithm, Json.text(t, "issuer"), Json.text(t, "account"));
        }
        DeviceState state = session.state.withStatus(status);
        if (username != null) {
            state = state.withUsername(username);
        }
        if (totp != null) {
            state = state.withTotp(totp);
        }
        session.state = state;
        return new DeviceStatus(status, username, totp);
    }

    private static String result(String endpoint, JsonNode answer) {
        String result = Json.text(answer, "result");
        if (result == null) {
            throw unexpected(endpoint, "no result in the answer", answer);
        }
        return result;
    }

    private static String nullIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static CompanionException unexpected(String endpoint, String what, JsonNode answer) {
        return new CompanionException(endpoint, 200, CompanionException.UNEXPECTED_RESPONSE, what, null, null,
                answer.toString());
    }
}
