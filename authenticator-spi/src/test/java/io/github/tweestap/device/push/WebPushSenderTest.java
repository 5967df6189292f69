package io.github.tweestap.device.push;

import io.github.tweestap.support.MapScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/** The web-push sender's exact request to a push service on loopback, read back as the push service and device would. */
class WebPushSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VAPID = Pattern.compile(
            "vapid t=([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)");
    private static final String SUBJECT = "mailto:beheer@werkplek.example.nl";
    private static final PushMessage MESSAGE = new PushMessage("login", "ch-42", "Logt u in?",
            "Bij \"Werkplek\" vanaf Chrome op Linux\nAmsterdam — 12:03", 120);

    private PushServiceStub stub;
    private UserAgent device;
    private String publicKey;
    private String privateKey;

    @BeforeEach
    void start() throws Exception {
        stub = new PushServiceStub();
        device = new UserAgent();
        KeyPair vapid = VapidKeys.generate();
        publicKey = UserAgent.b64(VapidKeys.encodePublic((ECPublicKey) vapid.getPublic()));
        privateKey = UserAgent.b64(VapidKeys.encodePrivate((ECPrivateKey) vapid.getPrivate()));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aPushIsPostedWithVapidAndAPayloadOnlyTheDeviceCanRead() throws Exception {
        Instant before = Instant.now();
        sender(Map.of()).send(device.subscription(stub.origin() + "/wpush/v2/gAAAAABk-sub_123"), MESSAGE);

        assertThat(stub.requests).hasSize(1);
        PushServiceStub.Request request = stub.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/wpush/v2/gAAAAABk-sub_123");
        assertThat(request.headers().get("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(request.headers().get("TTL")).isEqualTo("120");
        assertThat(request.headers().get("Urgency")).isEqualTo("high");
        // One Topic per device and type: a newer "Logt u in?" replaces an undelivered older one at the push service.
        String topic = request.headers().get("Topic");
        assertThat(topic).matches("[A-Za-z0-9_-]{32}");
        PushTarget same = device.subscription(stub.origin() + "/wpush/v2/gAAAAABk-sub_123");
        assertThat(WebPushSender.topic(same, new PushMessage("login", "ch-43", "Logt u in?", "", 60))).isEqualTo(topic);
        assertThat(WebPushSender.topic(same, new PushMessage("unlock", "ch-44", "Ontgrendel", "", 60))).isNotEqualTo(topic);
        assertThat(WebPushSender.topic(new PushTarget("other-device", same.endpoint(), same.p256dh(), same.auth()),
                MESSAGE)).isNotEqualTo(topic);

        // VAPID: an ES256 JWT for this push service's origin, signed with the key in k=
        Matcher vapid = VAPID.matcher(request.headers().get("Authorization"));
        assertThat(vapid.matches()).as("Authorization: vapid t=…, k=…").isTrue();
        assertThat(vapid.group(4)).isEqualTo(publicKey);
        JsonNode header = JSON.readTree(UserAgent.unb64(vapid.group(1)));
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        byte[] signature = UserAgent.unb64(vapid.group(3));
        assertThat(signature).hasSize(64);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(UserAgent.publicKey(UserAgent.unb64(vapid.group(4))));
        verifier.update((vapid.group(1) + "." + vapid.group(2)).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).as("ES256 signature verifies with k").isTrue();
        JsonNode claims = JSON.readTree(UserAgent.unb64(vapid.group(2)));
        assertThat(claims.get("aud").asText()).isEqualTo(stub.origin());
        assertThat(claims.get("sub").asText()).isEqualTo(SUBJECT);
        long exp = claims.get("exp").asLong();
        assertThat(exp).isGreaterThan(before.getEpochSecond())
                .isLessThanOrEqualTo(Instant.now().plus(Duration.ofHours(24)).getEpochSecond());

        // The device decrypts the body with its subscription's keys (RFC 8291).
        byte[] plaintext = device.decrypt(request.body());
        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"login\",\"challenge\":\"ch-42\",\"title\":\"Logt u in?\","
                        + "\"body\":\"Bij \\\"Werkplek\\\" vanaf Chrome op Linux\\nAmsterdam — 12:03\"}");
        JsonNode payload = JSON.readTree(plaintext);
        assertThat(payload.get("type").asText()).isEqualTo(MESSAGE.type());
        assertThat(payload.get("challenge").asText()).isEqualTo(MESSAGE.challengeId());
        assertThat(payload.get("title").asText()).isEqualTo(MESSAGE.title());
        assertThat(payload.get("body").asText()).isEqualTo(MESSAGE.body());
        assertThat(payload.size()).isEqualTo(4);

        UserAgent stranger = new UserAgent();
        assertThatThrownBy(() -> stranger.decrypt(request.body())).isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void theVapidTokenLastsTwelveHours() throws Exception {
        Instant now = Instant.parse("2026-11-23T01:02:03Z");
        WebPushSenderProviderFactory factory = factory(Map.of()).clock(Clock.fixed(now, ZoneOffset.UTC));
        factory.create(null).send(device.subscription(stub.origin() + "/p/1"), MESSAGE);

        Matcher vapid = VAPID.matcher(stub.requests.get(0).headers().get("Authorization"));
        assertThat(vapid.matches()).isTrue();
        JsonNode claims = JSON.readTree(UserAgent.unb64(vapid.group(2)));
        assertThat(claims.get("exp").asLong()).isEqualTo(now.getEpochSecond() + 12 * 3600);
        assertThat(claims.size()).isEqualTo(3);
    }

    @Test
    void createdAcceptedAndOkAllMeanSent() throws Exception {
        PushSenderProvider sender = sender(Map.of());
        for (int status : new int[] {200, 201, 202}) {
            stub.status = status;
            sender.send(device.subscription(stub.origin() + "/p/" + status), MESSAGE);
        }
        assertThat(stub.requests).hasSize(3);
    }

    @Test
    void aGoneSubscriptionIsReportedWithItsStatus() throws Exception {
        PushSenderProvider sender = sender(Map.of());
        for (int status : new int[] {404, 410}) {
            stub.status = status;
            PushException e = catchThrowableOfType(
                    () -> sender.send(device.subscription(stub.origin() + "/p/gone"), MESSAGE), PushException.class);
            assertThat(e).isNotNull().hasMessageContaining("gone").hasMessageContaining("HTTP " + status);
            assertThat(e.status()).isEqualTo(status);
        }
    }

    @Test
    void aRefusalCarriesTheStatusButNotTheAnswerTheEndpointOrTheToken() throws Exception {
        stub.status = 500;
        stub.answer = "internal error; debug: api_key=sk_live_FAKE_SECRET_4711";
        PushSenderProvider sender = sender(Map.of());

        PushException e = catchThrowableOfType(
                () -> sender.send(device.subscription(stub.origin() + "/p/private-sub-id"), MESSAGE), PushException.class);

        assertThat(e).isNotNull().hasMessageContaining("HTTP 500").hasMessageNotContaining("sk_live_FAKE_SECRET_4711")
                .hasMessageNotContaining("private-sub-id").hasMessageNotContaining(publicKey)
                .hasMessageNotContaining(privateKey);
        assertThat(e.status()).isEqualTo(500);
        String jwt = stub.requests.get(0).headers().get("Authorization");
        assertThat(e.getMessage()).doesNotContain(jwt.substring(8, 40));
    }

    @Test
    void aPushServiceThatNeverAnswersTimesOut() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            PushSenderProvider sender = sender(Map.of("read-timeout-ms", "300"));
            long started = System.nanoTime();

            PushException e = catchThrowableOfType(() -> sender.send(
                    device.subscription("http://127.0.0.1:" + silent.getLocalPort() + "/p/1"), MESSAGE),
                    PushException.class);

            assertThat(e).isNotNull().hasMessageContaining("timeout").hasCauseInstanceOf(
                    java.net.http.HttpTimeoutException.class);
            assertThat(e.status()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void anUnreachablePushServiceIsAFailureWithItsCause() throws Exception {
        String origin = stub.origin();
        stub.close();
        PushException e = catchThrowableOfType(() -> sender(Map.of()).send(device.subscription(origin + "/p/1"),
                MESSAGE), PushException.class);
        assertThat(e).isNotNull().hasMessageContaining("could not reach").hasCauseInstanceOf(java.io.IOException.class);
        assertThat(e.status()).isEqualTo(-1);
    }

    @Test
    void aDeviceWithoutASubscriptionIsSkippedSilently() throws Exception {
        sender(Map.of()).send(new PushTarget("device-1", null, null, null), MESSAGE);
        unconfigured().create(null).send(new PushTarget("device-1", " ", "x", "y"), MESSAGE);
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void withoutConfigurationEveryPushFailsClearlyAndKeycloakStillStarts() {
        WebPushSenderProviderFactory factory = unconfigured();

        assertThat(factory.problem()).contains("vapid-public-key", "vapid-private-key", "subject", "not set");
        PushException e = catchThrowableOfType(() -> factory.create(null).send(
                device.subscription(stub.origin() + "/p/1"), MESSAGE), PushException.class);
        assertThat(e).isNotNull().hasMessage("web-push is not configured");
        assertThat(e.status()).isEqualTo(-1);
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void aPrivateKeyThatDoesNotBelongToThePublicKeyIsCaughtAtInit() throws Exception {
        String otherPrivate = UserAgent.b64(VapidKeys.encodePrivate((ECPrivateKey) VapidKeys.generate().getPrivate()));
        WebPushSenderProviderFactory factory = factory(Map.of("vapid-private-key", otherPrivate));

        assertThat(factory.problem()).isEqualTo("vapid-private-key does not belong to vapid-public-key");
        assertThatThrownBy(() -> factory.create(null).send(device.subscription(stub.origin() + "/p/1"), MESSAGE))
                .isInstanceOf(PushException.class).hasMessage("web-push is not configured");
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void malformedOptionsAreNamedButNeverQuoted() {
        assertThat(factory(Map.of("vapid-private-key", "abc")).problem())
                .isEqualTo("vapid-private-key is not the base64url of a 32-byte P-256 private key");
        assertThat(factory(Map.of("vapid-public-key", privateKey)).problem())
                .isEqualTo("vapid-public-key is not the base64url of a 65-byte uncompressed P-256 point")
                .doesNotContain(privateKey);
        assertThat(factory(Map.of("subject", "beheer@werkplek.example.nl")).problem()).startsWith("subject must be");
        assertThat(factory(Map.of("subject", "https://werkplek.example.nl/contact")).problem()).isNull();
        // Apple's push service refuses a localhost contact: said at startup, not at the first push.
        for (String local : new String[] {"mailto:admin@localhost", "https://localhost/contact", "mailto:a@kc.local",
                "https://127.0.0.1/", "mailto:beheer@werkplek.localhost", "https://[::1]/"}) {
            assertThat(factory(Map.of("subject", local)).problem()).as(local)
                    .startsWith("subject names ").contains("Apple", "not a contact the push services can reach");
        }
        assertThat(factory(Map.of("subject", "mailto:servicedesk@werkplek.nl")).problem()).isNull();
        assertThat(factory(Map.of("connect-timeout-ms", "soon", "read-timeout-ms", "-1")).problem()).isNull();
    }

    @Test
    void thePrivateKeyCanComeFromTheRealmsVault() throws Exception {
        KeycloakSession session = mock(KeycloakSession.class);
        VaultTranscriber vault = mock(VaultTranscriber.class);
        when(session.vault()).thenReturn(vault);
        when(vault.getStringSecret("${vault.web_push_key}")).thenReturn(secret(privateKey));
        String otherPrivate = UserAgent.b64(VapidKeys.encodePrivate((ECPrivateKey) VapidKeys.generate().getPrivate()));
        when(vault.getStringSecret("${vault.wrong_key}")).thenReturn(secret(otherPrivate));
        when(vault.getStringSecret("${vault.missing}")).thenReturn(secret(null));

        WebPushSenderProviderFactory factory = factory(Map.of("vapid-private-key", "${vault.web_push_key}"));
        assertThat(factory.problem()).isNull();
        factory.create(session).send(device.subscription(stub.origin() + "/p/1"), MESSAGE);
        factory.create(session).send(device.subscription(stub.origin() + "/p/2"), MESSAGE);
        assertThat(stub.requests).hasSize(2);
        Matcher vapid = VAPID.matcher(stub.requests.get(1).headers().get("Authorization"));
        assertThat(vapid.matches()).isTrue();
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(UserAgent.publicKey(UserAgent.unb64(publicKey)));
        verifier.update((vapid.group(1) + "." + vapid.group(2)).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(UserAgent.unb64(vapid.group(3)))).isTrue();

        PushSenderProvider wrong = factory(Map.of("vapid-private-key", "${vault.wrong_key}")).create(session);
        assertThatThrownBy(() -> wrong.send(device.subscription(stub.origin() + "/p/3"), MESSAGE))
                .isInstanceOf(PushException.class).hasMessageContaining("does not belong")
                .hasMessageNotContaining(otherPrivate);
        PushSenderProvider missing = factory(Map.of("vapid-private-key", "${vault.missing}")).create(session);
        assertThatThrownBy(() -> missing.send(device.subscription(stub.origin() + "/p/4"), MESSAGE))
                .isInstanceOf(PushException.class).hasMessageContaining("vault");
        assertThat(stub.requests).hasSize(2);
    }

    @Test
    void onlyHttpsEndpointsAreUsedExceptOnLoopback() throws Exception {
        PushSenderProvider sender = sender(Map.of());
        for (String endpoint : List.of("http://push.example.net/p/1", "ftp://push.example.net/p/1", "/p/1",
                "https://user@push.example.net/p/1", "not a url")) {
            assertThatThrownBy(() -> sender.send(device.subscription(endpoint), MESSAGE))
                    .as(endpoint).isInstanceOf(PushException.class).hasMessageContaining("endpoint");
        }
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void aMessageTooLongForOnePushIsRefused() throws Exception {
        PushMessage huge = new PushMessage("login", "ch-1", "t", "x".repeat(4000), 60);
        assertThatThrownBy(() -> sender(Map.of()).send(device.subscription(stub.origin() + "/p/1"), huge))
                .isInstanceOf(PushException.class).hasMessageContaining("too long");
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void badSubscriptionKeysAreAFailureNotACrash() throws Exception {
        PushTarget broken = new PushTarget("device-1", stub.origin() + "/p/1", "bm90LWEta2V5", "!!");
        assertThatThrownBy(() -> sender(Map.of()).send(broken, MESSAGE)).isInstanceOf(PushException.class)
                .hasMessageContaining("not valid");
        assertThat(stub.requests).isEmpty();
    }

    private PushSenderProvider sender(Map<String, String> extra) {
        WebPushSenderProviderFactory factory = factory(extra);
        assertThat(factory.problem()).isNull();
        return factory.create(null);
    }

    private WebPushSenderProviderFactory factory(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("vapid-public-key", publicKey, "vapid-private-key",
                privateKey, "subject", SUBJECT, "read-timeout-ms", "2000"));
        options.putAll(extra);
        WebPushSenderProviderFactory factory = new WebPushSenderProviderFactory();
        factory.init(new MapScope(options));
        return factory;
    }

    private static WebPushSenderProviderFactory unconfigured() {
        WebPushSenderProviderFactory factory = new WebPushSenderProviderFactory();
        factory.init(new MapScope(Map.of()));
        return factory;
    }

    private static VaultStringSecret secret(String value) {
        return new VaultStringSecret() {
            @Override
            public Optional<String> get() {
                return Optional.ofNullable(value);
            }

            @Override
            public void close() {
            }
        };
    }
}
