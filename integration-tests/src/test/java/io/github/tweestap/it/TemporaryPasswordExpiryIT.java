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
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Tokens;
import io.github.tweestap.it.support.Totp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A temporary password sent by SMS (the service desk's admin API) has a lifetime, the SMS policy's
 * {@code tweestap.sms.temporaryPasswordTtlSeconds} (set short here; Keycloak's clock is moved past it rather than
 * waited for). In Storingen Stations (seed 000, where accounts start with a temporary password by SMS): within the
 * lifetime the login goes on to the app enrollment, the new password and the account console; after it the browser
 * login refuses with the portal's own message (nl and en, "je"), the direct grant refuses too, and a wrong password
 * still gets the ordinary answer, so only someone who knows the password learns it expired. A new temporary password
 * starts a new lifetime; a password the person chose is not temporary.
 */
@ExtendWith(KeycloakExtension.class)
class TemporaryPasswordExpiryIT {

    private static final String REALM = "storingen-stations";
    private static final String VERIFY = "tweestap-verify-phone";
    private static final String TTL_KEY = "tweestap.sms.temporaryPasswordTtlSeconds";
    private static final int TTL = 300;
    private static final Pattern TEMPORARY = Pattern.compile("is: (\\S+)\\n");
    private static final String EXPIRED_NL = "Je tijdelijke wachtwoord is verlopen. Vraag de servicedesk om een nieuw"
            + " tijdelijk wachtwoord.";
    private static final String EXPIRED_EN = "Your temporary password has expired. Ask the service desk for a new"
            + " temporary password.";
    private static final By PASSWORD_ERROR = By.id("input-error-username");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Tokens tokens;
    private ObjectNode original;
    private int moves;

    TemporaryPasswordExpiryIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.tokens = new Tokens(server);
    }

    @BeforeEach
    void shortLifetime() {
        original = admin.requiredActionConfig(REALM, VERIFY).deepCopy();
        ObjectNode config = original.deepCopy();
        if (!config.has("config") || !config.get("config").isObject()) {
            config.putObject("config");
        }
        ((ObjectNode) config.get("config")).put(TTL_KEY, Integer.toString(TTL));
        admin.updateRequiredActionConfig(REALM, VERIFY, config);
    }

    @AfterEach
    void restore() {
        admin.clockOffset(0);
        admin.updateRequiredActionConfig(REALM, VERIFY, original);
    }

    @Test
    void withinItsLifetimeTheTemporaryPasswordLeadsToANewPasswordAndTheAccountConsole() {
        Person person = newPerson("Binnen");
        String temporary = sendTemporaryPassword(person, null);
        String chosen = "Storingen-eigen-2026";

        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, person.username(), temporary);
            finishFirstLogin(browser, chosen);
            LoginPages.awaitAccount(browser, server, REALM, "Test " + person.lastName());
        }

        // The password the person chose is not temporary: past the temporary password's lifetime it still works.
        admin.clockOffset(TTL + 60);
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, person.username(), chosen);
            browser.await(By.id("otp"));
            assertThat(browser.bodyText()).doesNotContain("verlopen");
        }
    }

    @Test
    void afterItsLifetimeTheTemporaryPasswordGivesNoSessionAndNoTokenAndANewOneStartsAgain() {
        Person person = newPerson("Verlopen");
        String temporary = sendTemporaryPassword(person, null);
        // What a wrong password shows, for comparison (before the clock moves: the ordinary answer).
        String ordinary;
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, person.username(), "Fout-wachtwoord-99");
            ordinary = browser.text(PASSWORD_ERROR);
        }
        assertThat(ordinary).isNotBlank().doesNotContain("verlopen");
        String client = clientWithDirectGrants();

        afterFailures(person, 1);
        try (Browser browser = new Browser("nl")) {
            // The right password, expired: back on the login page with the portal's message, no session.
            LoginPages.passwordStep(browser, server, REALM, person.username(), temporary);
            assertThat(browser.text(PASSWORD_ERROR)).isEqualTo(EXPIRED_NL);
            assertThat(browser.present(By.id("password"))).isTrue();
            assertThat(browser.present(By.id("tweestap-totp-qr"))).isFalse();
            browser.screenshot("storingen-temporary-password-expired");
            // A wrong password now: the ordinary answer, the same as before the expiry.
            afterFailures(person, 2);
            browser.type(By.id("username"), person.username());
            browser.type(By.id("password"), "Fout-wachtwoord-99");
            browser.clickAndAwait(By.id("kc-login"), By.cssSelector("h1"));
            assertThat(browser.text(PASSWORD_ERROR)).isEqualTo(ordinary);
            // Still nothing: the account console sends the browser to the login page.
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.await(By.id("username"));
        }
        afterFailures(person, 3);
        try (Browser browser = new Browser("en")) {
            LoginPages.passwordStep(browser, server, REALM, person.username(), temporary);
            assertThat(browser.text(PASSWORD_ERROR)).isEqualTo(EXPIRED_EN);
        }

        // The direct grant: no token with the expired password; a wrong one gets Keycloak's usual answer.
        afterFailures(person, 4);
        Tokens.Answer expired = tokens.password(REALM, client, person.username(), temporary, null);
        assertThat(expired.status()).as(expired.body().toString()).isEqualTo(400);
        assertThat(expired.error()).isEqualTo("invalid_grant");
        assertThat(expired.description()).isEqualTo(EXPIRED_NL);
        assertThat(expired.body().has("access_token")).isFalse();
        // (Only the password step counts failures: the direct grant's refusal of a correct, expired password is not
        // a guess, so it adds none.)
        afterFailures(person, 4);
        Tokens.Answer wrong = tokens.password(REALM, client, person.username(), "Fout-wachtwoord-99", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error()).isEqualTo("invalid_grant");
        assertThat(wrong.description()).isEqualTo("Invalid user credentials");
        assertExpiryEvent(person.id());

        // The refusals counted as failed logins (brute-force detection, as a wrong password does): the service desk
        // lifts the lockout they add up to and sends a new temporary password, whose own lifetime starts now.
        // (counting is asynchronous: wait for all five, two of them the expired password's in the browser).
        admin.await("the refusals counted", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, person.id()),
                n -> n.path("numFailures").asInt() >= 5);
        admin.delete("/admin/realms/" + REALM + "/attack-detection/brute-force/users/" + person.id());
        String renewed = sendTemporaryPassword(person, temporary);
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, person.username(), renewed);
            browser.await(By.id("tweestap-totp-qr"));
            assertThat(browser.bodyText()).doesNotContain("verlopen");
        }
    }

    // ---- helpers ----

    /**
     * Before the next failing attempt: waits until Keycloak counted the {@code failures} before it (counting is
     * asynchronous), then moves Keycloak's clock two seconds on, past the temporary password's lifetime. The realm's
     * brute-force detection locks a person out for a minute after two failures less than a second apart ("quick
     * login check"), and a locked-out person gets "Invalid username or password" whatever the password; a fast
     * machine types faster than that, so the test moves the clock instead of sleeping.
     */
    private void afterFailures(Person person, int failures) {
        admin.await(failures + " failed logins counted", Duration.ofSeconds(15),
                () -> admin.bruteForce(REALM, person.id()), n -> n.path("numFailures").asInt() >= failures);
        moves++;
        admin.clockOffset(TTL + 1 + 2 * moves);
    }

    private record Person(String id, String username, String number, String lastName) {
    }

    private Person newPerson(String lastName) {
        String username = AdminApi.uniqueName("tijdelijk") + "@nslogin.nl";
        String number = Phones.randomNumber();
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", username).put("enabled", true).put("email", username.replace("@nslogin.nl", "")
                + "@test.localhost").put("emailVerified", true).put("firstName", "Test").put("lastName", lastName);
        user.putObject("attributes").putArray("phoneNumber").add(number);
        String location = admin.post("/admin/realms/" + REALM + "/users", user);
        String id = location.substring(location.lastIndexOf('/') + 1);
        admin.attestPhone(REALM, id, number);
        return new Person(id, username, number, lastName);
    }

    /** Sends a temporary password through the admin API and reads it from the SMS (the newest, not {@code before}). */
    private String sendTemporaryPassword(Person person, String before) {
        AdminApi.Answer sent = admin.postForAnswer("/admin/realms/" + REALM + "/tweestap-sms/users/" + person.id()
                + "/temporary-password-sms", null);
        assertThat(sent.status()).as(String.valueOf(sent.body())).isEqualTo(204);
        List<JsonNode> messages = outbox.smsTo(REALM, person.number());
        for (JsonNode message : messages) {
            Matcher m = TEMPORARY.matcher(message.path("text").asText());
            if (m.find() && !m.group(1).equals(before)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no new temporary password in " + messages);
    }

    /** Seed 000's first login after the password: enroll the app, choose a password, choose a secret question. */
    private void finishFirstLogin(Browser browser, String chosen) {
        String qr = browser.await(By.id("tweestap-totp-qr")).getAttribute("src");
        String key = Totp.parameters(Totp.decodeQr(qr)).get("secret");
        browser.type(By.id("totp"), Totp.code(Totp.base32Decode(key), Instant.now().getEpochSecond() / 30, 6));
        browser.click(By.id("tweestap-totp-apply"));
        browser.await(By.id("password-new"));
        browser.type(By.id("password-new"), chosen);
        browser.type(By.id("password-confirm"), chosen);
        browser.click(By.cssSelector("[type=submit]"));
        browser.await(By.id("tweestap-question-intro"));
        new Select(browser.await(By.id("question"))).selectByValue("tweestapQuestionFirstPet");
        browser.type(By.id("answer"), "Bello de Hond");
        browser.type(By.id("answer-confirm"), "Bello de Hond");
        browser.click(By.id("tweestap-question-save"));
    }

    /** What an admin might do: a client with direct grants on (the realm's direct grant flow, with the guard). */
    private String clientWithDirectGrants() {
        String clientId = AdminApi.uniqueName("direct-grant-test");
        admin.post("/admin/realms/" + REALM + "/clients", Map.of("clientId", clientId, "enabled", true,
                "publicClient", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", true));
        return clientId;
    }

    /** The refusal is in the realm's events with its own error, for the realm admin. */
    private void assertExpiryEvent(String userId) {
        admin.await("an expiry event for " + userId, Duration.ofSeconds(15),
                () -> admin.get("/admin/realms/" + REALM + "/events?type=LOGIN_ERROR&user=" + userId),
                events -> {
                    for (JsonNode event : events) {
                        if ("tweestap_temporary_password_expired".equals(event.path("error").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
    }
}
