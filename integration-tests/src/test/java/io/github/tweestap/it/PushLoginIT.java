package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.CompanionException;
import io.github.tweestap.companion.DeviceKeys;
import io.github.tweestap.companion.DeviceStatus;
import io.github.tweestap.companion.Enrollment;
import io.github.tweestap.companion.Profile;
import io.github.tweestap.companion.QrLinks;
import io.github.tweestap.companion.RawResponse;
import io.github.tweestap.companion.RequestOptions;
import io.github.tweestap.companion.SignedRequest;
import io.github.tweestap.companion.Totp;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Smoke;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Seed 001 (Werkplek): the companion app bound from the login page (QR code, confirmed by a one-time SMS code or
 * link), then login by push "Logt u in?" with a number to match, or by the 6-digit code from the same app. The
 * companion library plays the phone.
 */
@ExtendWith(KeycloakExtension.class)
class PushLoginIT {

    static final String REALM = "push-lab";
    static final String PASSWORD = "Test-wachtwoord-1";
    private static final By NUMBER = By.id("tweestap-push-number");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;

    PushLoginIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    /** A user with a verified number; returns {name, id, number}. */
    String[] user(String prefix) {
        String name = AdminApi.uniqueName(prefix);
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        return new String[] {name, id, number};
    }

    void password(Browser browser, String name) {
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), PASSWORD);
        browser.clickAndAwait(By.id("kc-login"), By.cssSelector("h1"));
    }

    void awaitAccount(Browser browser) {
        LoginPages.awaitAccount(browser, server, REALM);
    }

    /** Binds a new phone from the login page of {@code browser} (which is left on the enrollment page). */
    CompanionClient bindFromPage(Browser browser, String number, int smsBefore) {
        return Phones.bindFromPage(browser, server, outbox, REALM, number, smsBefore);
    }

    /** A user with a bound phone: {name, id, number} and the phone. */
    record Bound(String name, String id, String number, CompanionClient phone) {
    }

    Bound bound(String prefix) {
        String[] u = user(prefix);
        try (Browser browser = new Browser("nl")) {
            password(browser, u[0]);
            CompanionClient phone = bindFromPage(browser, u[2], 0);
            awaitAccount(browser);
            return new Bound(u[0], u[1], u[2], phone);
        }
    }

    static Challenge awaitChallenge(CompanionClient phone) {
        return Phones.awaitChallenge(phone);
    }

    @Test
    @Smoke
    void bindingFromTheLoginPageThenAPushReleasesTheBrowserWithoutAClick() {
        String[] u = user("push");
        CompanionClient phone;
        try (Browser browser = new Browser("nl")) {
            password(browser, u[0]);
            assertThat(browser.text(By.cssSelector("h1"))).contains("Koppel de app aan uw account");
            assertThat(browser.text(By.id("tweestap-enroll-steps"))).contains("Scan de QR-code hieronder",
                    "6-cijferige code");
            browser.screenshot("push-enroll-page");
            phone = bindFromPage(browser, u[2], 0);
            // The page was waiting for exactly this: it continues by itself.
            awaitAccount(browser);
        }
        assertThat(admin.get("/admin/realms/" + REALM + "/users/" + u[1] + "/credentials").findValuesAsText("type"))
                .contains("otp", "tweestap-device");

        try (Browser browser = new Browser("nl")) {
            password(browser, u[0]);
            assertThat(browser.text(By.cssSelector("h1"))).contains("Bevestig de aanmelding in de app");
            String number = browser.text(NUMBER);
            assertThat(number).matches("[1-9][0-9]");
            browser.screenshot("push-wait-page");
            Challenge challenge = awaitChallenge(phone);
            assertThat(challenge.type()).isEqualTo("login");
            // The application's name in the user's language (Keycloak's own client has a ${...} name), not its client id.
            assertThat(challenge.client()).isEqualTo("Accountconsole");
            assertThat(challenge.ip()).isEqualTo("127.0.0.1");
            assertThat(challenge.browser()).startsWith("Chrome");
            assertThat(challenge.os()).isEqualTo("Linux");
            assertThat(phone.approve(challenge.id(), number)).isEqualTo("approved");
            awaitAccount(browser);
        }
        // The challenge is closed: a second answer is refused.
    }

    @Test
    void theSmsLinkConfirmsTheBindingInsteadOfTheCode() {
        String[] u = user("link");
        try (Browser browser = new Browser("nl"); Browser phoneBrowser = new Browser("nl")) {
            password(browser, u[0]);
            String link = QrLinks.decodeDataUri(browser.await(By.id("tweestap-enroll-qr")).getAttribute("src"));
            CompanionClient phone = new CompanionClient();
            phone.enroll(URI.create(link), "Telefoon met link");
            String smsLink = awaitBindingLink(u[2]);
            assertThat(phone.status().isPending()).isTrue();
            phoneBrowser.open(smsLink);
            // The page says which phone asks, and from where, before anything is linked.
            assertThat(phoneBrowser.text(By.id("tweestap-link-device"))).contains("Telefoon met link", "127.0.0.1");
            phoneBrowser.click(By.id("tweestap-link-confirm"));
            assertThat(phoneBrowser.text(By.id("tweestap-link-done"))).contains("De app is gekoppeld");
            awaitAccount(browser);
            DeviceStatus status = phone.status();
            assertThat(status.isActive()).isTrue();
            assertThat(status.totp()).as("the secret, once").isNotNull();
            assertThat(phone.status().totp()).as("not twice").isNull();
            // The link is single use.
            phoneBrowser.open(smsLink);
            assertThat(phoneBrowser.text(By.id("tweestap-link-invalid"))).contains("niet (meer) geldig");
        }
    }

    String awaitBindingLink(String number) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode sms : outbox.smsTo(REALM, number)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+/tweestap-app/link\\?t=[A-Za-z0-9_-]+")
                        .matcher(sms.path("text").asText());
                if (m.find()) {
                    return m.group();
                }
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no binding link to " + number);
    }

    @Test
    void anEnrollmentTokenWorksOnceAndAWrongCodeIsCounted() {
        String[] u = user("eenmalig");
        try (Browser browser = new Browser("nl")) {
            password(browser, u[0]);
            String link = QrLinks.decodeDataUri(browser.await(By.id("tweestap-enroll-qr")).getAttribute("src"));
            CompanionClient phone = new CompanionClient();
            phone.enroll(URI.create(link), "Eerste");
            CompanionException reused = catchThrowableOfType(CompanionException.class,
                    () -> new CompanionClient().enroll(URI.create(link), "Tweede"));
            assertThat(reused.status()).isEqualTo(400);
            assertThat(reused.error()).isEqualTo("invalid_token");
            CompanionException forged = catchThrowableOfType(CompanionException.class,
                    () -> new CompanionClient().enroll(URI.create(link.substring(0, link.length() - 3) + "AAA"), "Vals"));
            assertThat(forged.error()).isEqualTo("invalid_token");

            String code = outbox.awaitCode(REALM, u[2], 1);
            String wrong = code.equals("000000") ? "111111" : "000000";
            CompanionException wrongCode = catchThrowableOfType(CompanionException.class, () -> phone.confirm(wrong));
            assertThat(wrongCode.error()).isEqualTo("invalid_code");
            assertThat(wrongCode.attemptsLeft()).isEqualTo(4);
            admin.await("the wrong binding code counted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, u[1]),
                    n -> n.path("numFailures").asInt() >= 1);
            // Before confirmation the device may do nothing else.
            CompanionException early = catchThrowableOfType(CompanionException.class, () -> phone.poll(Duration.ZERO));
            assertThat(early.error()).isEqualTo("device_not_active");
            assertThat(phone.confirm(code).isActive()).isTrue();
            awaitAccount(browser);
        }
    }

    @Test
    void denyFailsTheLoginAndCountsAFailure() {
        Bound b = bound("weiger");
        try (Browser browser = new Browser("nl")) {
            password(browser, b.name());
            browser.await(NUMBER);
            Challenge challenge = awaitChallenge(b.phone());
            assertThat(b.phone().deny(challenge.id(), false)).isEqualTo("denied");
            browser.await(By.id("otp"));
            assertThat(browser.text(By.cssSelector("body"))).contains("De aanmelding is geweigerd in de app");
            assertThat(browser.present(By.id("otp"))).isTrue();
            admin.await("the denial counted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, b.id()),
                    n -> n.path("numFailures").asInt() >= 1);
            // The challenge is closed: approving it now is refused.
            CompanionException late = catchThrowableOfType(CompanionException.class,
                    () -> b.phone().approve(challenge.id(), "10"));
            assertThat(late.status()).isEqualTo(409);
        }
        List<JsonNode> events = eventsOf(b.id());
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("LOGIN_ERROR");
            assertThat(e.path("details").path("tweestap_step").asText()).isEqualTo("push_denied");
        });
    }

    @Test
    void aWrongNumberIsRefusedAndCountedAndTheRightOneStillWorks() {
        Bound b = bound("getal");
        try (Browser browser = new Browser("nl")) {
            password(browser, b.name());
            String number = browser.text(NUMBER);
            Challenge challenge = awaitChallenge(b.phone());
            String wrong = number.equals("42") ? "43" : "42";
            CompanionException refused = catchThrowableOfType(CompanionException.class,
                    () -> b.phone().approve(challenge.id(), wrong));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("wrong_number");
            assertThat(refused.attemptsLeft()).isEqualTo(2);
            admin.await("the wrong number counted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, b.id()),
                    n -> n.path("numFailures").asInt() >= 1);
            assertThat(browser.present(NUMBER)).as("still waiting").isTrue();
            KeycloakServer.sleep(1100);
            assertThat(b.phone().approve(challenge.id(), number)).isEqualTo("approved");
            awaitAccount(browser);
        }
    }

    @Test
    void signedRequestsThatAreReplayedStaleOrSignedByAnotherKeyAreRefused() {
        Bound b = bound("replay");
        CompanionClient phone = b.phone();
        SignedRequest request = phone.sign("profile", Map.of());
        assertThat(phone.sendRaw(request).statusCode()).isEqualTo(200);
        RawResponse replay = phone.sendRaw(request);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("replayed_request");

        CompanionClient late = phone.withRequestOptions(RequestOptions.defaults().withIat(Instant.now().minusSeconds(600)));
        RawResponse stale = late.sendRaw(late.sign("profile", Map.of()));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("stale_request");

        CompanionClient otherKey = phone.withRequestOptions(RequestOptions.defaults()
                .withSigningKey(DeviceKeys.generate().privateKey()));
        RawResponse resigned = otherKey.sendRaw(otherKey.sign("profile", Map.of()));
        assertThat(resigned.statusCode()).isEqualTo(401);
        assertThat(resigned.body()).contains("invalid_signature");

        CompanionClient unknown = phone.withRequestOptions(RequestOptions.defaults().withKid(b.id() + ".no-such-device"));
        RawResponse unknownDevice = unknown.sendRaw(unknown.sign("profile", Map.of()));
        assertThat(unknownDevice.statusCode()).isEqualTo(401);
        assertThat(unknownDevice.body()).contains("unknown_device");

        CompanionClient elsewhere = phone.withRequestOptions(RequestOptions.defaults()
                .withHtu(URI.create(server.realmUrl(REALM) + "/tweestap-device/unlink")));
        RawResponse wrongEndpoint = elsewhere.sendRaw(elsewhere.sign("profile", Map.of()));
        assertThat(wrongEndpoint.statusCode()).isEqualTo(401);
        // None of it did anything: the device still works.
        assertThat(phone.profile().username()).isEqualTo(b.name());
    }

    @Test
    void requestsAreBoundToTheRealmsOwnUrlAndToTheProtocolsContentType() throws Exception {
        Bound b = bound("htu");
        CompanionClient phone = b.phone();
        String path = "/realms/" + REALM + "/tweestap-device/profile";
        URI profile = URI.create(server.baseUrl() + path);
        // The right path signed for another server (another host, scheme or port): refused.
        String port = Integer.toString(profile.getPort());
        for (String other : List.of("http://evil.example:" + port + path, "https://localhost:" + port + path,
                "http://127.0.0.1:" + port + path, "http://localhost:" + (profile.getPort() + 1) + path,
                "http://localhost:" + port + "/evil" + path)) {
            CompanionClient elsewhere = phone.withRequestOptions(RequestOptions.defaults().withHtu(URI.create(other)));
            RawResponse refused = elsewhere.sendRaw(elsewhere.sign("profile", Map.of()));
            assertThat(refused.statusCode()).as(other).isEqualTo(401);
            assertThat(refused.body()).contains("invalid_signature");
        }
        // Behind a proxy Keycloak trusts (it runs with --proxy-headers=xforwarded), the realm's URL is the proxy's.
        CompanionClient proxied = phone.withRequestOptions(RequestOptions.defaults()
                .withHtu(URI.create("https://login.example.org" + path)));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> viaProxy = http.send(java.net.http.HttpRequest.newBuilder(profile)
                .header("Content-Type", "application/jose").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "login.example.org")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(proxied.sign("profile", Map.of()).body())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(viaProxy.statusCode()).as(viaProxy.body()).isEqualTo(200);
        RawResponse direct = proxied.sendRaw(proxied.sign("profile", Map.of()));
        assertThat(direct.statusCode()).as("the proxy's URL, asked directly").isEqualTo(401);

        // Content-Type: application/jose as PROTOCOL.md says; none, another type or another charset: 415.
        java.net.http.HttpResponse<String> untyped = http.send(java.net.http.HttpRequest.newBuilder(profile)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(phone.sign("profile", Map.of()).body())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(untyped.body()).contains("unsupported_media_type");
        for (String type : List.of("application/jose; charset=utf-16", "text/plain", "application/jose; v=2")) {
            RawResponse wrong = phone.sendRaw(profile, type, phone.sign("profile", Map.of()).body(), Duration.ofSeconds(10));
            assertThat(wrong.statusCode()).as(type).isEqualTo(415);
        }
        RawResponse utf8 = phone.sendRaw(profile, "application/jose; charset=UTF-8", phone.sign("profile", Map.of()).body(),
                Duration.ofSeconds(10));
        assertThat(utf8.statusCode()).isEqualTo(200);
        assertThat(phone.profile().username()).isEqualTo(b.name());
    }

    @Test
    @Smoke
    void theCodeFromTheSameAppLogsInWithKeycloaksOtpRules() {
        Bound b = bound("code");
        try (Browser browser = new Browser("nl")) {
            password(browser, b.name());
            browser.click(By.id("tweestap-push-use-code"));
            browser.type(By.id("otp"), "000000".equals(code(b)) ? "111111" : "000000");
            browser.click(By.id("tweestap-push-code-submit"));
            assertThat(browser.text(By.cssSelector("body"))).contains("De code is onjuist");
            admin.await("the wrong code counted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, b.id()),
                    n -> n.path("numFailures").asInt() >= 1);
            KeycloakServer.sleep(1100);
            browser.type(By.id("otp"), code(b));
            browser.click(By.id("tweestap-push-code-submit"));
            awaitAccount(browser);
        }
        assertThat(admin.bruteForce(REALM, b.id()).path("numFailures").asInt()).isZero();
    }

    static String code(Bound b) {
        return Totp.code(b.phone().state().totp(), Instant.now());
    }

    @Test
    void twoUsersWaitingAtTheSameTimeAreEachReleasedByTheirOwnPhone() {
        Bound first = bound("eerste");
        Bound second = bound("tweede");
        try (Browser a = new Browser("nl"); Browser c = new Browser("nl")) {
            password(a, first.name());
            password(c, second.name());
            String numberA = a.text(NUMBER);
            String numberC = c.text(NUMBER);
            Challenge challengeC = awaitChallenge(second.phone());
            Challenge challengeA = awaitChallenge(first.phone());
            assertThat(second.phone().approve(challengeC.id(), numberC)).isEqualTo("approved");
            awaitAccount(c);
            KeycloakServer.sleep(1500);
            assertThat(a.driver().getCurrentUrl()).contains("login-actions");
            assertThat(a.present(NUMBER)).isTrue();
            assertThat(first.phone().approve(challengeA.id(), numberA)).isEqualTo("approved");
            awaitAccount(a);
        }
    }

    @Test
    void withoutJavaScriptTheContinueButtonFinishesTheLogin() {
        Bound b = bound("zonderjs");
        try (Browser browser = new Browser("nl", false)) {
            browser.open(server.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=account-console"
                    + "&response_type=code&scope=openid&redirect_uri="
                    + java.net.URLEncoder.encode(server.realmUrl(REALM) + "/account/", java.nio.charset.StandardCharsets.UTF_8)
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
            browser.type(By.id("username"), b.name());
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            String number = browser.text(NUMBER);
            // Pressing "Doorgaan" before the answer keeps waiting.
            browser.click(By.id("tweestap-push-continue"));
            assertThat(browser.text(NUMBER)).isEqualTo(number);
            Challenge challenge = awaitChallenge(b.phone());
            b.phone().approve(challenge.id(), number);
            browser.click(By.id("tweestap-push-continue"));
            awaitAccount(browser);
        }
    }

    @Test
    void notMeMutesPushesEmitsAnEventAndTheCodeStillWorks() {
        Bound b = bound("nietik");
        try (Browser browser = new Browser("nl")) {
            password(browser, b.name());
            browser.await(NUMBER);
            Challenge challenge = awaitChallenge(b.phone());
            assertThat(b.phone().deny(challenge.id(), true)).isEqualTo("reported");
            assertThat(browser.await(By.id("otp")).isDisplayed()).isTrue();
            assertThat(browser.text(By.cssSelector("body"))).contains("dit was ik niet");
        }
        try (Browser browser = new Browser("nl")) {
            password(browser, b.name());
            // Muted: no push, straight to the code, with the reason.
            assertThat(browser.present(NUMBER)).isFalse();
            assertThat(browser.text(By.cssSelector("body"))).contains("Er worden voorlopig geen meldingen");
            assertThat(b.phone().poll(Duration.ZERO)).isEmpty();
            browser.type(By.id("otp"), code(b));
            browser.click(By.id("tweestap-push-code-submit"));
            awaitAccount(browser);
        }
        JsonNode user = admin.get("/admin/realms/" + REALM + "/users/" + b.id());
        assertThat(user.path("enabled").asBoolean()).as("never disables the account").isTrue();
        assertThat(eventsOf(b.id())).anySatisfy(e ->
                assertThat(e.path("details").path("tweestap_answer").asText()).isEqualTo("reported"));
    }

    @Test
    void aPushExpiresWithAClearMessageAndCanBeSentAgain() {
        Bound b = bound("verloop");
        ObjectNode config = admin.authenticatorConfig(REALM, "push browser", "push lab");
        String before = config.path("config").path("tweestap.push.challengeTtlSeconds").asText();
        ((ObjectNode) config.get("config")).put("tweestap.push.challengeTtlSeconds", "15");
        admin.updateAuthenticatorConfig(REALM, config);
        try (Browser browser = new Browser("nl")) {
            password(browser, b.name());
            browser.await(NUMBER);
            Challenge challenge = awaitChallenge(b.phone());
            KeycloakServer.sleep(16_000);
            browser.click(By.id("tweestap-push-continue"));
            assertThat(browser.text(By.cssSelector("body"))).contains("De melding is verlopen");
            CompanionException late = catchThrowableOfType(CompanionException.class,
                    () -> b.phone().approve(challenge.id(), "10"));
            assertThat(late.status()).isEqualTo(409);
            browser.click(By.id("tweestap-push-use-push"));
            String number = browser.text(NUMBER);
            b.phone().approve(awaitChallenge(b.phone()).id(), number);
            awaitAccount(browser);
        } finally {
            ((ObjectNode) config.get("config")).put("tweestap.push.challengeTtlSeconds", before);
            admin.updateAuthenticatorConfig(REALM, config);
        }
    }

    @Test
    void theProfileShowsThePasswordDaysLeftAndUnlinkGoesBackToBinding() {
        Bound b = bound("profiel");
        Profile profile = b.phone().profile();
        assertThat(profile.username()).isEqualTo(b.name());
        assertThat(profile.realm()).isEqualTo("Push lab");
        // The realm's passwords expire after 90 days; the password was set just now.
        assertThat(profile.passwordExpiresInDays()).isEqualTo(90);
        assertThat(b.phone().unlink()).isEqualTo("unlinked");
        assertThat(admin.get("/admin/realms/" + REALM + "/users/" + b.id() + "/credentials").findValuesAsText("type"))
                .doesNotContain("otp", "tweestap-device");
        CompanionException gone = catchThrowableOfType(CompanionException.class, () -> b.phone().profile());
        assertThat(gone.error()).isEqualTo("unknown_device");
        try (Browser browser = new Browser("nl")) {
            password(browser, b.name());
            assertThat(browser.await(By.id("tweestap-enroll-qr")).isDisplayed()).isTrue();
            // Not now: the SMS code as before.
            browser.click(By.id("tweestap-enroll-use-sms"));
            browser.type(By.id("code"), outbox.awaitCode(REALM, b.number(), 2));
            browser.click(By.id("kc-login"));
            awaitAccount(browser);
        }
    }

    @Test
    void anAdminEmailsTheBindingQrAndItBindsThePhone() throws Exception {
        String[] u = user("mailqr");
        String path = "/admin/realms/" + REALM + "/tweestap-device/users/" + u[1] + "/enrollment-email";
        assertThat(admin.status("POST", path, null)).isEqualTo(202);
        MimeMessage mail = mailbox.await(u[0] + "@test.localhost", 1);
        assertThat(mail.getSubject()).isEqualTo("Koppel de app aan uw account voor Push lab");
        byte[] png = inlineImage(mail);
        String link = QrLinks.decode(png);
        CompanionClient phone = new CompanionClient();
        phone.enroll(URI.create(link), "Via e-mail");
        assertThat(phone.confirm(outbox.awaitCode(REALM, u[2], 1)).isActive()).isTrue();
        JsonNode devices = admin.get("/admin/realms/" + REALM + "/tweestap-device/users/" + u[1]);
        assertThat(devices.path("devices").get(0).path("status").asText()).isEqualTo("active");
        assertThat(devices.path("devices").get(0).path("name").asText()).isEqualTo("Via e-mail");

        try (Browser browser = new Browser("nl")) {
            password(browser, u[0]);
            String number = browser.text(NUMBER);
            phone.approve(awaitChallenge(phone).id(), number);
            awaitAccount(browser);
        }
        // A plain user may not send it.
        String viewer = AdminApi.uniqueName("kijker");
        admin.createUser(REALM, viewer, PASSWORD, null);
        assertThat(admin.statusWithToken(admin.userToken(REALM, viewer, PASSWORD), "POST", path)).isEqualTo(403);
    }

    static byte[] inlineImage(Part part) throws Exception {
        if (part.isMimeType("image/png")) {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                byte[] found = inlineImage(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    List<JsonNode> eventsOf(String userId) {
        JsonNode events = admin.await("events", Duration.ofSeconds(10),
                () -> admin.get("/admin/realms/" + REALM + "/events?user=" + userId + "&max=100"), n -> n.size() > 0);
        List<JsonNode> list = new java.util.ArrayList<>();
        events.forEach(list::add);
        return list;
    }
}
