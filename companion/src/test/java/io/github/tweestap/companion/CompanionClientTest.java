package io.github.tweestap.companion;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CompanionClientTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StubDeviceServer server;

    @BeforeEach
    void start() throws Exception {
        server = new StubDeviceServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CompanionClient activeClient() {
        CompanionClient client = new CompanionClient();
        client.enroll(server.newEnrollmentLink(), "Test phone");
        client.confirm(StubDeviceServer.SMS_CODE);
        return client;
    }

    @Test
    void enrollSendsJoseWithJwkHeaderAndTokenAndName() {
        DeviceKeys keys = DeviceKeys.generate();
        CompanionClient client = new CompanionClient(keys);
        URI link = server.newEnrollmentLink();

        Enrollment enrollment = client.enroll(link, "Pixel van Alice");

        assertThat(enrollment.deviceId()).startsWith("dev-");
        assertThat(enrollment.status()).isEqualTo("pending");
        assertThat(enrollment.phoneHint()).isEqualTo(StubDeviceServer.PHONE_HINT);
        assertThat(enrollment.codeLength()).isEqualTo(6);
        assertThat(enrollment.codeExpiresIn()).isEqualTo(Duration.ofMinutes(10));

        StubDeviceServer.Received request = server.received("enroll").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/jose");
        assertThat(request.header().has("kid")).isFalse();
        assertThat(Jwk.fromMap(MAPPER.convertValue(request.header().get("jwk"), Map.class))).isEqualTo(keys.jwk());
        assertThat(request.payload().get("token").asText()).isEqualTo(
                java.net.URLDecoder.decode(link.getRawQuery().substring("token=".length()),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(request.payload().get("name").asText()).isEqualTo("Pixel van Alice");
        assertThat(request.payload().get("htu").asText()).isEqualTo(server.baseUrl() + "/enroll");
        assertThat(Jws.verify(request.body(), keys.publicKey())).isTrue();

        assertThat(client.state().deviceId()).isEqualTo(enrollment.deviceId());
        assertThat(client.state().status()).isEqualTo(DeviceState.PENDING);
        assertThat(client.baseUrl()).isEqualTo(server.baseUrl());
    }

    @Test
    void enrollWithPushSubscriptionSendsIt() {
        CompanionClient client = new CompanionClient();
        client.enroll(server.newEnrollmentLink(), "p", new PushSubscription("https://push.example/x", "pk", "au"));
        assertThat(server.received("enroll").get(0).payload().get("push").get("endpoint").asText())
                .isEqualTo("https://push.example/x");
    }

    @Test
    void confirmUsesKidAndActivatesWithTotp() {
        CompanionClient client = new CompanionClient();
        Enrollment enrollment = client.enroll(server.newEnrollmentLink(), "Test phone");

        CompanionException wrong = catchThrowableOfType(() -> client.confirm("000000"), CompanionException.class);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error()).isEqualTo("invalid_code");
        assertThat(wrong.attemptsLeft()).isEqualTo(2);

        DeviceStatus status = client.confirm(StubDeviceServer.SMS_CODE);

        StubDeviceServer.Received request = server.received("confirm").get(1);
        assertThat(request.contentType()).isEqualTo("application/jose");
        assertThat(request.header().get("kid").asText()).isEqualTo(enrollment.deviceId());
        assertThat(request.header().has("jwk")).isFalse();
        assertThat(request.payload().get("code").asText()).isEqualTo(StubDeviceServer.SMS_CODE);

        assertThat(status.isActive()).isTrue();
        assertThat(status.username()).isEqualTo("alice");
        assertThat(status.totp().secret()).isEqualTo(StubDeviceServer.TOTP_SECRET);
        assertThat(status.totp().digits()).isEqualTo(6);
        assertThat(status.totp().period()).isEqualTo(30);
        assertThat(status.totp().algorithm()).isEqualTo("SHA1");
        assertThat(client.state().isActive()).isTrue();
        assertThat(client.state().username()).isEqualTo("alice");
        assertThat(client.state().totp()).isEqualTo(status.totp());
        assertThat(Totp.code(client.state().totp(), Instant.ofEpochSecond(59))).isEqualTo("287082");
    }

    @Test
    void statusLearnsOfSmsLinkActivationAndKeepsTheTotpSentOnce() {
        CompanionClient client = new CompanionClient();
        Enrollment enrollment = client.enroll(server.newEnrollmentLink(), "Test phone");
        assertThat(client.status().isPending()).isTrue();

        server.activateBySmsLink(enrollment.deviceId());
        DeviceStatus first = client.status();
        assertThat(first.isActive()).isTrue();
        assertThat(first.totp()).isNotNull();
        DeviceStatus second = client.status();
        assertThat(second.totp()).isNull();
        assertThat(client.state().totp()).isEqualTo(first.totp());
    }

    @Test
    void pollParsesChallengesAndUsesTheWait() {
        CompanionClient client = activeClient();
        assertThat(client.poll(Duration.ofSeconds(1))).isEmpty();

        server.addChallenge("ch-1", "42");
        List<Challenge> challenges = client.poll(Duration.ofSeconds(20));

        assertThat(challenges).hasSize(1);
        Challenge c = challenges.get(0);
        assertThat(c.id()).isEqualTo("ch-1");
        assertThat(c.type()).isEqualTo("login");
        assertThat(c.client()).isEqualTo("Account Console");
        assertThat(c.ip()).isEqualTo("127.0.0.1");
        assertThat(c.browser()).isEqualTo("Chrome 156");
        assertThat(c.os()).isEqualTo("Linux");
        assertThat(c.time()).isEqualTo(Instant.parse("2026-11-23T01:02:03Z"));
        assertThat(c.expiresAt()).isAfter(Instant.now());
        assertThat(c.isExpired(Instant.now())).isFalse();
        assertThat(c.isUnlock()).isFalse();
        assertThat(c.numberRequired()).isTrue();
        assertThat(c.failures()).isNull();
        assertThat(c.lastFailure()).isNull();
        assertThat(c.lastIp()).isNull();
        assertThat(c.permanent()).isFalse();

        List<StubDeviceServer.Received> polls = server.received("poll");
        assertThat(polls.get(1).payload().get("wait").asInt()).isEqualTo(20);
        assertThat(client.lastRequest().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pollParsesAnUnlockChallengeWithItsFields() {
        CompanionClient client = activeClient();
        server.addUnlockChallenge("un-1", null, 5, Instant.parse("2026-11-23T00:59:00Z"), "203.0.113.7", false);
        server.addUnlockChallenge("un-2", "17", 30, null, null, true);

        List<Challenge> challenges = client.poll(Duration.ofSeconds(1));

        assertThat(challenges).hasSize(2);
        Challenge atLockout = challenges.get(0);
        assertThat(atLockout.id()).isEqualTo("un-1");
        assertThat(atLockout.type()).isEqualTo(Challenge.UNLOCK);
        assertThat(atLockout.isUnlock()).isTrue();
        assertThat(atLockout.numberRequired()).isFalse();
        assertThat(atLockout.failures()).isEqualTo(5);
        assertThat(atLockout.lastFailure()).isEqualTo(Instant.parse("2026-11-23T00:59:00Z"));
        assertThat(atLockout.lastIp()).isEqualTo("203.0.113.7");
        assertThat(atLockout.permanent()).isFalse();
        assertThat(atLockout.client()).isEmpty();
        assertThat(atLockout.ip()).isNull();
        assertThat(atLockout.browser()).isNull();
        assertThat(atLockout.os()).isNull();
        assertThat(atLockout.expiresAt()).isAfter(Instant.now());

        Challenge fromPage = challenges.get(1);
        assertThat(fromPage.numberRequired()).isTrue();
        assertThat(fromPage.failures()).isEqualTo(30);
        assertThat(fromPage.lastFailure()).isNull();
        assertThat(fromPage.lastIp()).isNull();
        assertThat(fromPage.permanent()).isTrue();
    }

    @Test
    void numberRequiredDefaultsToTrueWhenTheServerDoesNotSayIt() {
        CompanionClient client = activeClient();
        server.sendNumberRequired(false);
        server.addChallenge("ch-1", "42");
        server.addUnlockChallenge("un-1", null, 5, null, null, false);

        List<Challenge> challenges = client.poll(Duration.ofSeconds(1));

        assertThat(challenges).extracting(Challenge::numberRequired).containsExactly(true, true);
        assertThat(server.received("poll").get(0).body()).doesNotContain("numberRequired");
        // An older server's challenge, built the old way, needs a number too.
        assertThat(new Challenge("x", "login", "c", "ip", "b", "os", null, null).numberRequired()).isTrue();
    }

    @Test
    void approveWithoutNumberSendsNoNumberField() {
        CompanionClient client = activeClient();
        server.addUnlockChallenge("un-1", null, 5, null, "203.0.113.7", false);

        assertThat(client.approve("un-1", null)).isEqualTo("approved");

        assertThat(server.challengeResult("un-1")).isEqualTo("approved");
        var payload = server.received("answer").get(0).payload();
        assertThat(payload.get("challenge").asText()).isEqualTo("un-1");
        assertThat(payload.get("approve").asBoolean()).isTrue();
        assertThat(payload.has("number")).isFalse();
        assertThat(payload.has("report")).isFalse();
    }

    @Test
    void answerApprovesWithTheNumberAndWrongNumberBecomesTypedException() {
        CompanionClient client = activeClient();
        server.addChallenge("ch-1", "42");

        CompanionException e = catchThrowableOfType(() -> client.answer("ch-1", true, "17", false),
                CompanionException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("wrong_number");
        assertThat(e.is("wrong_number")).isTrue();
        assertThat(e.attemptsLeft()).isEqualTo(2);
        assertThat(e.retryAfterSeconds()).isNull();
        assertThat(e.endpoint()).isEqualTo("answer");

        assertThat(client.answer("ch-1", true, "42", false)).isEqualTo("approved");
        assertThat(server.challengeResult("ch-1")).isEqualTo("approved");
        var payload = server.received("answer").get(1).payload();
        assertThat(payload.get("challenge").asText()).isEqualTo("ch-1");
        assertThat(payload.get("approve").asBoolean()).isTrue();
        assertThat(payload.get("number").asText()).isEqualTo("42");
        assertThat(payload.has("report")).isFalse();

        CompanionException closed = catchThrowableOfType(() -> client.answer("ch-1", true, "42", false),
                CompanionException.class);
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.error()).isEqualTo("challenge_closed");
    }

    @Test
    void denyAndReport() {
        CompanionClient client = activeClient();
        server.addChallenge("ch-1", "42");
        server.addChallenge("ch-2", "43");
        assertThat(client.deny("ch-1", false)).isEqualTo("denied");
        assertThat(client.answer("ch-2", false, null, true)).isEqualTo("reported");
        var payload = server.received("answer").get(1).payload();
        assertThat(payload.get("approve").asBoolean()).isFalse();
        assertThat(payload.get("report").asBoolean()).isTrue();
        assertThat(payload.has("number")).isFalse();
    }

    @Test
    void cannedWrongNumberBodyIsParsed() {
        CompanionClient client = activeClient();
        server.failNext("answer", 400, "{\"error\":\"wrong_number\",\"attemptsLeft\":2}", Map.of());
        CompanionException e = catchThrowableOfType(() -> client.answer("x", true, "1", false),
                CompanionException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("wrong_number");
        assertThat(e.description()).isNull();
        assertThat(e.attemptsLeft()).isEqualTo(2);
    }

    @Test
    void tooManyRequestsExposesRetryAfter() {
        CompanionClient client = activeClient();
        server.failNext("poll", 429, "{\"error\":\"too_many_waiters\",\"error_description\":\"slow down\"}",
                Map.of("Retry-After", "7"));
        CompanionException e = catchThrowableOfType(() -> client.poll(Duration.ZERO), CompanionException.class);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.error()).isEqualTo("too_many_waiters");
        assertThat(e.description()).isEqualTo("slow down");
        assertThat(e.retryAfterSeconds()).isEqualTo(7);
        assertThat(e.attemptsLeft()).isNull();
    }

    @Test
    void answerThatIsNotProtocolJsonIsAnUnexpectedResponse() {
        CompanionClient client = activeClient();
        server.failNext("status", 502, "<html>Bad gateway</html>", Map.of());
        CompanionException e = catchThrowableOfType(client::status, CompanionException.class);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.error()).isEqualTo(CompanionException.UNEXPECTED_RESPONSE);
        assertThat(e.body()).contains("Bad gateway");
    }

    @Test
    void replayedRequestIsRefused() {
        CompanionClient client = activeClient();
        client.status();
        SignedRequest sent = client.lastRequest();

        CompanionException e = catchThrowableOfType(() -> client.send(sent), CompanionException.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).isEqualTo("replayed_request");
        List<StubDeviceServer.Received> statuses = server.received("status");
        assertThat(statuses.get(statuses.size() - 1).body()).isEqualTo(statuses.get(statuses.size() - 2).body());

        // The same with a fixed jti on two fresh signatures.
        CompanionClient fixed = client.withRequestOptions(RequestOptions.defaults().withJti("fixed-jti-0123456789"));
        fixed.status();
        assertThatThrownBy(fixed::status).isInstanceOf(CompanionException.class)
                .extracting("error").isEqualTo("replayed_request");
    }

    @Test
    void staleRequestIsRefused() {
        CompanionClient client = activeClient();
        CompanionClient stale = client.withRequestOptions(
                RequestOptions.defaults().withIat(Instant.now().minusSeconds(120)));
        CompanionException e = catchThrowableOfType(stale::status, CompanionException.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).isEqualTo("stale_request");
    }

    @Test
    void requestSignedByAnotherKeyIsRefused() {
        CompanionClient client = activeClient();
        CompanionClient forged = client.withRequestOptions(
                RequestOptions.defaults().withSigningKey(DeviceKeys.generate().privateKey()));
        CompanionException e = catchThrowableOfType(forged::profile, CompanionException.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.error()).isEqualTo("invalid_signature");

        // Enroll with a jwk header of one key signed by another.
        CompanionClient other = new CompanionClient().withRequestOptions(
                RequestOptions.defaults().withSigningKey(DeviceKeys.generate().privateKey()));
        assertThatThrownBy(() -> other.enroll(server.newEnrollmentLink(), "x"))
                .isInstanceOf(CompanionException.class).extracting("error").isEqualTo("invalid_signature");
    }

    @Test
    void wrongHtuAndUnknownKidAreRefused() {
        CompanionClient client = activeClient();
        assertThatThrownBy(() -> client.withRequestOptions(
                RequestOptions.defaults().withHtu(client.endpoint("profile"))).status())
                .isInstanceOf(CompanionException.class).extracting("status").isEqualTo(401);
        assertThatThrownBy(() -> client.withRequestOptions(RequestOptions.defaults().withKid("dev-nope")).status())
                .isInstanceOf(CompanionException.class).extracting("error").isEqualTo("unknown_device");
    }

    @Test
    void enrollmentTokenIsSingleUse() {
        URI link = server.newEnrollmentLink();
        new CompanionClient().enroll(link, "first");
        CompanionException e = catchThrowableOfType(() -> new CompanionClient().enroll(link, "second"),
                CompanionException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("invalid_token");
    }

    @Test
    void pollBeforeActivationIsForbidden() {
        CompanionClient client = new CompanionClient();
        client.enroll(server.newEnrollmentLink(), "Test phone");
        CompanionException e = catchThrowableOfType(() -> client.poll(Duration.ZERO), CompanionException.class);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.error()).isEqualTo("device_not_active");
    }

    @Test
    void profileWithAndWithoutPasswordExpiry() {
        CompanionClient client = activeClient();
        Profile profile = client.profile();
        assertThat(profile.username()).isEqualTo("alice");
        assertThat(profile.firstName()).isEqualTo("Alice");
        assertThat(profile.lastName()).isEqualTo("de Vries");
        assertThat(profile.email()).isEqualTo("alice@example.org");
        assertThat(profile.realm()).isEqualTo("Werkplek");
        assertThat(profile.passwordExpiresInDays()).isEqualTo(12);
        assertThat(profile.passwordExpiresAt()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));

        server.passwordExpiresInDays(null);
        Profile noExpiry = client.profile();
        assertThat(noExpiry.passwordExpiresInDays()).isNull();
        assertThat(noExpiry.passwordExpiresAt()).isNull();
    }

    @Test
    void unlinkForgetsTheDevice() {
        CompanionClient client = activeClient();
        String id = client.deviceId();
        assertThat(client.unlink()).isEqualTo("unlinked");
        assertThat(server.deviceStatus(id)).isNull();
        assertThat(client.state().status()).isEqualTo(DeviceState.UNLINKED);
        CompanionException e = catchThrowableOfType(client::status, CompanionException.class);
        assertThat(e.error()).isEqualTo("unknown_device");
    }

    @Test
    void notEnrolledAndBadLinksFailBeforeAnyRequest() {
        CompanionClient client = new CompanionClient();
        assertThatThrownBy(client::status).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.enroll(URI.create("https://example.org/nothing"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void networkFailureIsUncheckedIo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CompanionClient client = new CompanionClient();
        assertThatThrownBy(() -> client.enroll(
                URI.create("http://127.0.0.1:" + port + "/realms/r/tweestap-device/enroll?token=x"), "x"))
                .isInstanceOf(UncheckedIOException.class);
    }
}
