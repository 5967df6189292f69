package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Smoke;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The Werkplek login as it was before the app (seed 001's starting point: username + password, then an SMS code),
 * in the test realm {@code werkplek-sms-lab} (the werkplek theme with the SMS flow bound), in headless Chromium
 * against the real Keycloak distribution, with codes read from the dev outbox.
 */
@ExtendWith(KeycloakExtension.class)
class SmsCodeLoginIT {

    private static final String REALM = "werkplek-sms-lab";
    private static final String FLOW = "werkplek browser forms";
    private static final String CONFIG = "werkplek sms code";
    private static final String PASSWORD = "Test-wachtwoord-1";
    private static final By CODE = By.id("code");
    private static final By SUBMIT = By.id("kc-login");
    private static final By RESEND = By.id("tweestap-sms-resend");
    private static final By CODE_ERROR = By.id("input-error-code");
    private static final By ALERT = By.cssSelector(".kc-feedback-text");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private ObjectNode originalConfig;

    SmsCodeLoginIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    @AfterEach
    void restoreConfig() {
        if (originalConfig != null) {
            admin.updateAuthenticatorConfig(REALM, originalConfig);
            originalConfig = null;
        }
    }

    @Test
    @Smoke
    void demoUserLogsInWithTheCodeFromTheDevOutbox() {
        String phone = "+31612345678";
        JsonNode demo = admin.get("/admin/realms/" + REALM + "/users?exact=true&username=jan.jansen").get(0);
        int before = outbox.codesTo(REALM, phone).size();
        try (Browser browser = new Browser()) {
            passwordStep(browser, "jan.jansen", "Werkplek-demo-1");
            assertThat(browser.text(By.cssSelector("h1"))).contains("Vul je SMS-code in");
            assertThat(browser.text(By.id("tweestap-sms-instruction")))
                    .contains("6-cijferige code").contains("+31*******78").doesNotContain("612345678");
            assertThat(browser.await(CODE).getAttribute("autocomplete")).isEqualTo("one-time-code");
            browser.screenshot("werkplek-sms-code");

            String code = outbox.awaitCode(REALM, phone, before + 1);
            JsonNode sms = outbox.smsTo(REALM, phone).get(0);
            assertThat(sms.path("text").asText()).startsWith("Je Werkplek-code is " + code)
                    .endsWith("\n\n@localhost #" + code);

            // The outbox page, as a person sees it: newest first, code visible.
            browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            browser.open(server.realmUrl(REALM) + "/tweestap-outbox");
            assertThat(browser.text(By.cssSelector("article.outbox-entry"))).contains(code).contains(phone);
            browser.screenshot("werkplek-dev-outbox");
            browser.driver().close();
            browser.driver().switchTo().window(browser.driver().getWindowHandles().iterator().next());

            submitCode(browser, code);
            assertLoggedIn(browser, demo.get("id").asText());
        }
        JsonNode events = admin.get("/admin/realms/" + REALM + "/events?type=CUSTOM_REQUIRED_ACTION&user="
                + demo.get("id").asText());
        assertThat(events.findValuesAsText("tweestap_step")).contains("code_sent", "code_verified");
    }

    @Test
    void aWrongCodeGivesTheDutchErrorAndTheCodeIsStillAsked() {
        TestUser user = newUser("+31611111111");
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            String code = outbox.awaitCode(REALM, user.phone, 1);
            submitWrongCode(browser, code);
            assertThat(browser.text(CODE_ERROR)).isEqualTo("De code is onjuist. Je kunt het nog 4 keer proberen.");
            assertThat(browser.await(CODE).isDisplayed()).isTrue();
            assertThat(browser.source()).doesNotContain("Exception");
            browser.screenshot("werkplek-sms-wrong-code");

            submitCode(browser, code);
            assertLoggedIn(browser, user.id);
        }
        assertThat(outbox.codesTo(REALM, user.phone)).hasSize(1);
    }

    @Test
    void theSixthTryNeedsANewCode() {
        useConfig(Map.of("tweestap.sms.resendCooldownSeconds", "0"));
        TestUser user = newUser("+31622222222");
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            String code = outbox.awaitCode(REALM, user.phone, 1);
            for (int i = 1; i <= 4; i++) {
                submitWrongCode(browser, code);
                assertThat(browser.text(CODE_ERROR)).contains("nog " + (5 - i) + " keer");
            }
            submitWrongCode(browser, code);
            assertThat(browser.text(CODE_ERROR)).startsWith("Je hebt te vaak een onjuiste code ingevuld.");

            // The 6th try, even with the right code, is refused: that code is void.
            submitCode(browser, code);
            assertThat(browser.text(CODE_ERROR)).isEqualTo("Er is geen geldige code. Vraag een nieuwe code aan.");
            assertThat(browser.present(By.id("kc-tweestap-sms-form"))).isTrue();

            browser.click(RESEND);
            String second = outbox.awaitCode(REALM, user.phone, 2);
            submitCode(browser, second);
            assertLoggedIn(browser, user.id);
        }
    }

    @Test
    void anExpiredCodeIsRefused() {
        useConfig(Map.of("tweestap.sms.ttlSeconds", "5", "tweestap.sms.resendCooldownSeconds", "0"));
        TestUser user = newUser("+31633333333");
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            String code = outbox.awaitCode(REALM, user.phone, 1);
            sleep(Duration.ofSeconds(6));
            submitCode(browser, code);
            assertThat(browser.text(CODE_ERROR)).isEqualTo("De code is verlopen. Vraag een nieuwe code aan.");

            browser.click(RESEND);
            String fresh = outbox.awaitCode(REALM, user.phone, 2);
            submitCode(browser, fresh);
            assertLoggedIn(browser, user.id);
        }
    }

    @Test
    void sendAgainInsideTheCooldownSendsNothing() {
        TestUser user = newUser("+31644444444");
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            String code = outbox.awaitCode(REALM, user.phone, 1);
            browser.click(RESEND);
            assertThat(browser.text(ALERT)).matches("Wacht nog \\d+ seconden voordat je een nieuwe code aanvraagt\\.");
            browser.screenshot("werkplek-sms-cooldown");
            sleep(Duration.ofSeconds(1));
            assertThat(outbox.codesTo(REALM, user.phone)).hasSize(1);

            // A reload of the page sends nothing either; the first code stays valid.
            browser.driver().navigate().refresh();
            browser.await(CODE);
            assertThat(outbox.codesTo(REALM, user.phone)).hasSize(1);
            submitCode(browser, code);
            assertLoggedIn(browser, user.id);
        }
    }

    @Test
    void wrongSmsCodesLockTheUserAsWrongPasswordsDo() {
        JsonNode realm = admin.get("/admin/realms/" + REALM);
        int originalFactor = realm.get("failureFactor").asInt();
        admin.put("/admin/realms/" + REALM, Map.of("failureFactor", 3));
        TestUser user = newUser("+31655555555");
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            String code = outbox.awaitCode(REALM, user.phone, 1);
            for (int i = 0; i < 3; i++) {
                submitWrongCode(browser, code);
                browser.await(CODE_ERROR);
            }
            admin.await("the user to be locked", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, user.id),
                    status -> status.path("disabled").asBoolean());

            // Locked: even the right code does not log in, and the page does not reveal the lock.
            submitCode(browser, code);
            assertThat(browser.text(CODE_ERROR)).isEqualTo("De code is onjuist.");
            assertThat(admin.get("/admin/realms/" + REALM + "/users/" + user.id + "/sessions")).isEmpty();
        } finally {
            admin.put("/admin/realms/" + REALM, Map.of("failureFactor", originalFactor));
            admin.delete("/admin/realms/" + REALM + "/attack-detection/brute-force/users/" + user.id);
        }
    }

    @Test
    void aCorrectCodeResetsTheFailureCount() {
        TestUser user = newUser("+31616161616");
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            String code = outbox.awaitCode(REALM, user.phone, 1);
            submitWrongCode(browser, code);
            browser.await(CODE_ERROR);
            submitWrongCode(browser, code);
            browser.await(CODE_ERROR);
            admin.await("two failures", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, user.id),
                    status -> status.path("numFailures").asInt() == 2);

            submitCode(browser, code);
            assertLoggedIn(browser, user.id);
            admin.await("the failures to be reset", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, user.id),
                    status -> status.path("numFailures").asInt() == 0);
        }
    }

    @Test
    void badInputGetsAClearMessageAndChangesNothing() {
        TestUser user = newUser("+31617171717");
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            String code = outbox.awaitCode(REALM, user.phone, 1);

            submitCode(browser, "");
            assertThat(browser.text(CODE_ERROR)).isEqualTo("Typ de code uit het SMS-bericht over.");
            submitCode(browser, "abcdef");
            assertThat(browser.text(CODE_ERROR)).isEqualTo("De code bestaat uit 6 cijfers.");
            submitCode(browser, "1".repeat(500));
            assertThat(browser.text(CODE_ERROR)).isEqualTo("De code bestaat uit 6 cijfers.");
            // A tampered form: the code field removed altogether.
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('code').removeAttribute('name');");
            browser.await(CODE_ERROR);
            // The previous page shows an error too: read the new one, not the old page's.
            browser.clickAndAwait(SUBMIT, CODE_ERROR);
            assertThat(browser.text(CODE_ERROR)).isEqualTo("Typ de code uit het SMS-bericht over.");
            assertThat(browser.source()).doesNotContain("Exception").doesNotContain("at org.keycloak");

            // None of that counted as an attempt or as a failure.
            assertThat(admin.bruteForce(REALM, user.id).path("numFailures").asInt()).isZero();
            submitCode(browser, code.substring(0, 3) + " " + code.substring(3));
            assertLoggedIn(browser, user.id);
        }
    }

    @Test
    void aUserWithoutAMobileNumberIsToldWhatToDo() {
        TestUser user = newUser(null);
        int smsBefore = outbox.all(REALM).size();
        try (Browser browser = new Browser()) {
            passwordStep(browser, user.name, PASSWORD);
            assertThat(browser.text(ALERT)).isEqualTo("Er is geen (geldig) mobiel nummer bekend voor je account.");
            assertThat(browser.text(By.id("tweestap-sms-no-phone"))).contains("Servicedesk");
            assertThat(browser.present(CODE)).isFalse();
            browser.screenshot("werkplek-sms-no-phone");
        }
        assertThat(outbox.all(REALM)).hasSize(smsBefore);
    }

    @Test
    void theFlowIsInEnglishForAnEnglishBrowser() {
        TestUser user = newUser("+31618181818");
        try (Browser browser = new Browser("en")) {
            passwordStep(browser, user.name, PASSWORD);
            assertThat(browser.text(By.cssSelector("h1"))).contains("Enter your SMS code");
            String code = outbox.awaitCode(REALM, user.phone, 1);
            assertThat(outbox.smsTo(REALM, user.phone).get(0).path("text").asText())
                    .startsWith("Your Werkplek code is " + code);
            submitWrongCode(browser, code);
            assertThat(browser.text(CODE_ERROR)).isEqualTo("The code is incorrect. You have 4 attempts left.");
            submitCode(browser, code);
            assertLoggedIn(browser, user.id);
        }
    }

    // ---- steps ----

    private void passwordStep(Browser browser, String username, String password) {
        LoginPages.passwordStep(browser, server, REALM, username, password);
    }

    private void submitCode(Browser browser, String code) {
        LoginPages.submitCode(browser, CODE, SUBMIT, code);
    }

    /**
     * A wrong code, typed at a human pace: Keycloak's brute-force detection also locks a user briefly when two
     * failures come within quickLoginCheckMilliSeconds (1 s), which is not what these tests are about.
     */
    private void submitWrongCode(Browser browser, String code) {
        sleep(Duration.ofMillis(1100));
        submitCode(browser, otherCode(code));
    }

    private void assertLoggedIn(Browser browser, String userId) {
        LoginPages.awaitAccount(browser, server, REALM);
        assertThat(browser.present(By.id("kc-tweestap-sms-form"))).isFalse();
        JsonNode sessions = admin.await("a user session", Duration.ofSeconds(10),
                () -> admin.get("/admin/realms/" + REALM + "/users/" + userId + "/sessions"), s -> s.size() > 0);
        assertThat(sessions.get(0).path("userId").asText()).isEqualTo(userId);
    }

    private void useConfig(Map<String, String> overrides) {
        ObjectNode config = admin.authenticatorConfig(REALM, FLOW, CONFIG);
        originalConfig = config.deepCopy();
        ObjectNode values = (ObjectNode) config.get("config");
        overrides.forEach(values::put);
        admin.updateAuthenticatorConfig(REALM, config);
    }

    private TestUser newUser(String phone) {
        String name = AdminApi.uniqueName("sms");
        String id = admin.createUser(REALM, name, PASSWORD, phone);
        return new TestUser(id, name, phone);
    }

    /** A six-digit code that is certainly not {@code code}. */
    private static String otherCode(String code) {
        int value = (Integer.parseInt(code) + 1) % 1_000_000;
        return String.format("%06d", value);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record TestUser(String id, String name, String phone) {
    }

}
