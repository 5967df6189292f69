package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.MailParts;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Tokens;
import io.github.tweestap.it.support.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 14, "a password alone gets a token": every way to a token asks the browser flow's second factor or is closed.
 * For each kind of user (bound app, SMS code, app enrolled by e-mail, authenticator app): the portal realms as shipped
 * answer a password grant with {@code unauthorized_client}; a client on which an admin switches direct grants on
 * meets the realm's direct grant flow with the Tweestap guard, which refuses with its own error unless the user has
 * an authenticator app and gives its code; the browser login of the same user still works to the page they land on.
 * The reset-credentials flow asks the second factor before the new password.
 */
@ExtendWith(KeycloakExtension.class)
class DirectGrantIT {

    private static final List<String> PORTALS = List.of("storingen-stations", "werkplek", "nse-portal", "verzuimcoach",
            "werknemerloket");
    private static final String PASSWORD = "Grant-Wachtwoord-1";
    /** The guard's answer in the realm's default language (the users have no locale of their own). */
    private static final String REFUSED = "Inloggen met alleen een wachtwoord (direct grant) kan niet voor dit account:"
            + " het heeft een tweede factor nodig die hier niet gevraagd kan worden. Log in via de inlogpagina.";
    private static final String LAB = "grant-lab";
    private static final Pattern RESET_LINK = Pattern.compile("(https?://\\S+/login-actions/action-token\\S+)");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;
    private final Tokens tokens;

    DirectGrantIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
        this.tokens = new Tokens(server);
    }

    @Test
    void thePortalRealmsAsShippedCloseEveryGrantAroundTheSecondFactor() {
        for (String realm : PORTALS) {
            for (JsonNode client : admin.get("/admin/realms/" + realm + "/clients")) {
                String label = realm + " " + client.path("clientId").asText();
                if (client.path("clientId").asText().startsWith("direct-grant-test-")) {
                    continue; // switched on by another test of this class, as an admin might
                }
                if (client.path("clientId").asText().equals("admin-permissions")
                        && admin.get("/admin/realms/" + realm).path("adminPermissionsEnabled").asBoolean()) {
                    continue; // Keycloak's own store of fine-grained admin permissions (HelpdeskPageIT turns them on)
                }
                assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(label + " direct grants").isFalse();
                assertThat(client.path("implicitFlowEnabled").asBoolean()).as(label + " implicit").isFalse();
                assertThat(client.path("serviceAccountsEnabled").asBoolean()).as(label + " service account").isFalse();
                JsonNode attributes = client.path("attributes");
                for (String grant : List.of("oauth2.device.authorization.grant.enabled", "oidc.ciba.grant.enabled",
                        "standard.token.exchange.enabled", "oauth2.jwt.authorization.grant.enabled")) {
                    assertThat(attributes.path(grant).asText("false")).as(label + " " + grant).isEqualTo("false");
                }
            }
            assertThat(admin.get("/admin/realms/" + realm + "/identity-provider/instances")).as(realm + " IdPs").isEmpty();

            Tokens.Answer password = tokens.password(realm, "admin-cli", "iemand", PASSWORD, null);
            assertThat(password.status()).as(realm).isEqualTo(400);
            assertThat(password.error()).as(realm).isEqualTo("unauthorized_client");
            Tokens.Answer device = tokens.postForm(server.realmUrl(realm) + "/protocol/openid-connect/auth/device",
                    Map.of("client_id", "admin-cli"));
            assertThat(device.status()).as(realm + " device grant").isEqualTo(400);
            assertThat(device.description()).as(realm).contains("not allowed");

            // Reset is on only in nse-portal (seed 002); elsewhere Keycloak refuses the page outright.
            int reset = tokens.get(null, "/realms/" + realm + "/login-actions/reset-credentials?client_id=account-console");
            assertThat(reset).as(realm + " reset page").isEqualTo(realm.equals("nse-portal") ? 200 : 400);
        }
    }

    @Test
    void werkplekUsersWithABoundAppOrSmsCodesGetNoTokenForAPassword() {
        String realm = "werkplek";
        String client = clientWithDirectGrants(realm);

        // Bound app: bound at the first login, as seed 001 does; the companion library is the phone.
        String name = AdminApi.uniqueName("app");
        String number = Phones.randomNumber();
        String id = admin.createUser(realm, name, PASSWORD, number);
        CompanionClient phone;
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, name, PASSWORD);
            phone = Phones.bindFromPage(browser, server, outbox, realm, number, 0);
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertThat(admin.credentialTypes(realm, id)).contains("tweestap-device", "otp");
        assertClosedAsShipped(realm, name);
        int failures = failures(realm, id);
        assertRefused(tokens.password(realm, client, name, PASSWORD, null));
        // Not even with the app's code: in this realm only the push step checks it, against the binding.
        assertRefused(tokens.password(realm, client, name, PASSWORD,
                io.github.tweestap.companion.Totp.code(phone.state().totp(), Instant.now())));
        assertRefusalEvent(realm, id, "push");
        // A wrong password gets Keycloak's own answer and counts; the two refusals did not.
        Tokens.Answer wrong = tokens.password(realm, client, name, "Fout-Wachtwoord-1", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.description()).isEqualTo("Invalid user credentials");
        assertFailures(realm, id, failures + 1);

        // The browser login still works: "Logt u in?" on the phone, and the page goes on to the account console.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, name, PASSWORD);
            String shown = browser.text(By.id("tweestap-push-number"));
            Challenge challenge = Phones.awaitChallenge(phone);
            assertThat(phone.approve(challenge.id(), shown)).isEqualTo("approved");
            LoginPages.awaitAccount(browser, server, realm);
        }

        // SMS codes: a user without the app logs in with "Nu niet, log in met een SMS-code".
        String smsName = AdminApi.uniqueName("sms");
        String smsNumber = Phones.randomNumber();
        String smsId = admin.createUser(realm, smsName, PASSWORD, smsNumber);
        assertClosedAsShipped(realm, smsName);
        assertRefused(tokens.password(realm, client, smsName, PASSWORD, null));
        assertRefusalEvent(realm, smsId, "sms");
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, smsName, PASSWORD);
            browser.click(By.id("tweestap-enroll-use-sms"));
            browser.type(By.id("code"), outbox.awaitCode(realm, smsNumber, 1));
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertRefused(tokens.password(realm, client, smsName, PASSWORD, null));
    }

    @Test
    void verzuimcoachUsersEnrollingByEmailOrUsingSmsAreRefusedAndAppUsersNeedTheirCode() throws Exception {
        String realm = "verzuimcoach";
        String client = clientWithDirectGrants(realm);

        // Enrollment by e-mail (seed 003): before it the user has no second factor yet.
        String name = AdminApi.uniqueName("coach");
        String id = admin.createUser(realm, name, PASSWORD, null);
        assertClosedAsShipped(realm, name);
        assertRefused(tokens.password(realm, client, name, PASSWORD, null));
        assertRefusalEvent(realm, id, "none");
        String key;
        long activated = Instant.now().getEpochSecond();
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, name, PASSWORD);
            browser.click(By.id("tweestap-method-app"));
            browser.await(By.id("tweestap-otp-email-instruction"));
            MailParts mail = MailParts.of(mailbox.await(name + "@test.localhost", 1));
            key = Totp.parameters(Totp.decodeQr(Base64.getEncoder().encodeToString(mail.image))).get("secret");
            activated = Instant.now().getEpochSecond();
            LoginPages.submitCode(browser, By.id("totp"), By.id("kc-login"), Totp.code(key, activated, 6, 30));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertThat(admin.otpActive(realm, id)).isTrue();

        // Now an authenticator-app user, in a flow that takes the app's code: the password with the next code gets a
        // token, which reads the account API; the password alone is refused (by Keycloak's OTP step, counted).
        Tokens.Answer withCode = tokens.password(realm, client, name, PASSWORD, Totp.code(key, activated + 30, 6, 30));
        assertThat(withCode.status()).as(withCode.body().toString()).isEqualTo(200);
        assertThat(tokens.get(withCode.accessToken(), "/realms/" + realm + "/account/")).isEqualTo(200);
        // As shipped the portal has no client for it, code or not.
        Tokens.Answer shipped = tokens.password(realm, "admin-cli", name, PASSWORD, Totp.code(key, activated + 60, 6, 30));
        assertThat(shipped.error()).isEqualTo("unauthorized_client");
        int failures = failures(realm, id);
        Tokens.Answer alone = tokens.password(realm, client, name, PASSWORD, null);
        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.error()).isEqualTo("invalid_grant");
        assertThat(alone.description()).isEqualTo("Invalid user credentials");
        assertFailures(realm, id, failures + 1);

        // SMS-CODE: a user with a verified number who has no app.
        String smsName = AdminApi.uniqueName("coach-sms");
        String smsNumber = Phones.randomNumber();
        String smsId = admin.createUser(realm, smsName, PASSWORD, smsNumber);
        assertClosedAsShipped(realm, smsName);
        assertRefused(tokens.password(realm, client, smsName, PASSWORD, null));
        assertRefusalEvent(realm, smsId, "sms");
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, smsName, PASSWORD);
            browser.click(By.id("tweestap-method-sms"));
            browser.type(By.id("code"), outbox.awaitCode(realm, smsNumber, 1));
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, realm);
        }
    }

    /** The step's own settings, in the test realm grant-lab: fail closed without an OTP step; "second factor optional". */
    @Test
    void theGuardFailsClosedAndLetsUsersWithoutASecondFactorPassOnlyWhereTheRealmSaysSo() {
        String app = AdminApi.uniqueName("totp");
        String secret = "GrantLab" + app.substring(app.length() - 8) + "Key1";
        String appId = totpUser(LAB, app, app + "@test.localhost", secret);
        long now = Instant.now().getEpochSecond();
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);

        // The realm's direct grant flow: password, guard, Keycloak's OTP step.
        Tokens.Answer ok = tokens.password(LAB, "grant-lab-cli", app, PASSWORD, Totp.code(key, now / 30, 6));
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
        assertThat(tokens.get(ok.accessToken(), "/realms/" + LAB + "/account/")).isEqualTo(200);
        // A flow that forgot the OTP step: the guard refuses app users rather than let the password through alone.
        assertRefused(tokens.password(LAB, "grant-lab-no-otp", app, PASSWORD, Totp.code(key, now / 30 + 1, 6)));
        assertRefusalEvent(LAB, appId, "totp");
        int failures = failures(LAB, appId);
        Tokens.Answer alone = tokens.password(LAB, "grant-lab-cli", app, PASSWORD, null);
        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.description()).isEqualTo("Invalid user credentials");
        assertFailures(LAB, appId, failures + 1);

        // Nothing set up: this realm's guard lets such users pass ("second factor optional"); the strict one does not.
        String plain = AdminApi.uniqueName("plain");
        String plainId = admin.createUser(LAB, plain, PASSWORD, null);
        assertThat(tokens.password(LAB, "grant-lab-cli", plain, PASSWORD, null).status()).isEqualTo(200);
        assertRefused(tokens.password(LAB, "grant-lab-no-otp", plain, PASSWORD, null));
        assertRefusalEvent(LAB, plainId, "none");
        // Unknown users and wrong passwords get Keycloak's answer before the guard says anything.
        assertThat(tokens.password(LAB, "grant-lab-no-otp", plain + "-onbekend", PASSWORD, null).description())
                .isEqualTo("Invalid user credentials");
    }

    /**
     * Seed 002's reset (nse-portal): for a user with an app, the e-mailed link leads to the app's code before the
     * new password; Keycloak's own reset flow would set the password and log in with the mailbox alone.
     */
    @Test
    void nsePortalResetAsksTheAppsCodeBeforeTheNewPassword() {
        String realm = "nse-portal";
        String email = AdminApi.uniqueName("reset") + "@nse-portal.test";
        String secret = "NseReset" + email.substring(6, 14) + "Key1";
        String id = totpUser(realm, email, email, secret);
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        try (Browser browser = new Browser("nl")) {
            openResetLink(browser, realm, email);
            // The code page, not the new-password page.
            browser.await(By.id("otp"));
            assertThat(browser.present(By.id("password-new"))).isFalse();
            long step = Instant.now().getEpochSecond() / 30;
            LoginPages.submitCode(browser, By.id("otp"), By.id("kc-login"), Totp.code(key, step + 5, 6));
            assertThat(browser.text(By.id("input-error-otp"))).isNotBlank();
            assertThat(browser.present(By.id("password-new"))).isFalse();
            KeycloakServer.sleep(1100); // two failures within a second would be a quick-login lockout
            LoginPages.submitCode(browser, By.id("otp"), By.id("kc-login"), Totp.code(key, step, 6));
            setNewPassword(browser, "Nieuw-Wachtwoord-2026");
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertThat(admin.credentialTypes(realm, id)).containsExactlyInAnyOrder("password", "otp");
    }

    /**
     * The pack's push-or-code step works in a reset flow (test realm grant-lab): a bound app approves the push, a user
     * without the app takes the SMS code, and only then comes the new password.
     */
    @Test
    void thePushOrCodeStepGuardsAResetToo() {
        String name = AdminApi.uniqueName("reset-app");
        String number = Phones.randomNumber();
        admin.createUser(LAB, name, PASSWORD, number);
        CompanionClient phone;
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, LAB, name, PASSWORD);
            phone = Phones.bindFromPage(browser, server, outbox, LAB, number, 0);
            LoginPages.awaitAccount(browser, server, LAB);
        }
        try (Browser browser = new Browser("nl")) {
            openResetLink(browser, LAB, name);
            String shown = browser.text(By.id("tweestap-push-number"));
            assertThat(browser.present(By.id("password-new"))).isFalse();
            Challenge challenge = Phones.awaitChallenge(phone);
            assertThat(phone.approve(challenge.id(), shown)).isEqualTo("approved");
            setNewPassword(browser, "Nieuw-Wachtwoord-2026");
            LoginPages.awaitAccount(browser, server, LAB);
        }

        String smsName = AdminApi.uniqueName("reset-sms");
        String smsNumber = Phones.randomNumber();
        admin.createUser(LAB, smsName, PASSWORD, smsNumber);
        try (Browser browser = new Browser("nl")) {
            openResetLink(browser, LAB, smsName);
            browser.click(By.id("tweestap-enroll-use-sms"));
            assertThat(browser.present(By.id("password-new"))).isFalse();
            browser.type(By.id("code"), outbox.awaitCode(LAB, smsNumber, 1));
            browser.click(By.id("kc-login"));
            setNewPassword(browser, "Nieuw-Wachtwoord-2026");
            LoginPages.awaitAccount(browser, server, LAB);
        }
    }

    // ---- helpers ----

    /** What an admin might do: a client of the realm with direct grants on (the realm's direct grant flow applies). */
    private String clientWithDirectGrants(String realm) {
        String clientId = AdminApi.uniqueName("direct-grant-test");
        admin.post("/admin/realms/" + realm + "/clients", Map.of("clientId", clientId, "enabled", true,
                "publicClient", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", true));
        return clientId;
    }

    private void assertClosedAsShipped(String realm, String username) {
        Tokens.Answer answer = tokens.password(realm, "admin-cli", username, PASSWORD, null);
        assertThat(answer.status()).as(realm + " admin-cli").isEqualTo(400);
        assertThat(answer.error()).as(realm + " admin-cli").isEqualTo("unauthorized_client");
    }

    private static void assertRefused(Tokens.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_grant");
        assertThat(answer.description()).isEqualTo(REFUSED);
        assertThat(answer.body().has("access_token")).isFalse();
    }

    /** The refusal is in the realm's events, with the factor the user has (for the realm admin, not the caller). */
    private void assertRefusalEvent(String realm, String userId, String method) {
        admin.await("a refusal event for " + userId, Duration.ofSeconds(15),
                () -> admin.get("/admin/realms/" + realm + "/events?type=LOGIN_ERROR&user=" + userId),
                events -> {
                    for (JsonNode event : events) {
                        if ("tweestap_direct_grant_refused".equals(event.path("error").asText())
                                && method.equals(event.path("details").path("tweestap_method").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    private int failures(String realm, String userId) {
        return admin.bruteForce(realm, userId).path("numFailures").asInt();
    }

    /** Brute-force counting is asynchronous: wait for the count, then make sure nothing else arrives. */
    private void assertFailures(String realm, String userId, int expected) {
        admin.await("numFailures " + expected, Duration.ofSeconds(15), () -> admin.bruteForce(realm, userId),
                status -> status.path("numFailures").asInt() >= expected);
        KeycloakServer.sleep(1500);
        assertThat(failures(realm, userId)).isEqualTo(expected);
    }

    /** A user with a password and an authenticator app whose key is {@code secret} (Keycloak keys TOTP by its bytes). */
    private String totpUser(String realm, String username, String email, String secret) {
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", username).put("email", email).put("emailVerified", true).put("enabled", true)
                .put("firstName", "Test").put("lastName", "Gebruiker");
        user.putArray("credentials").add(AdminApi.JSON.valueToTree(Map.of("type", "password", "value", PASSWORD,
                "temporary", false))).add(AdminApi.JSON.valueToTree(Map.of("type", "otp", "userLabel", "app",
                "secretData", "{\"value\":\"" + secret + "\"}",
                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}")));
        String location = admin.post("/admin/realms/" + realm + "/users", user);
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** "Wachtwoord vergeten?" from the login page of the account console, and the link from the e-mail. */
    private void openResetLink(Browser browser, String realm, String username) {
        String email = username.contains("@") ? username : username + "@test.localhost";
        int before = mailbox.to(email).size();
        browser.open(server.realmUrl(realm) + "/account/");
        browser.await(By.cssSelector("a[href*='reset-credentials']")).click();
        browser.type(By.id("username"), username);
        browser.click(By.id("kc-form-buttons"));
        String body = Mailbox.plainText(mailbox.await(email, before + 1));
        Matcher link = RESET_LINK.matcher(body);
        assertThat(link.find()).as("a link in the e-mail: " + body).isTrue();
        browser.open(link.group(1));
        browser.await(By.tagName("h1"));
    }

    private static void setNewPassword(Browser browser, String password) {
        browser.type(By.id("password-new"), password);
        browser.type(By.id("password-confirm"), password);
        browser.click(By.id("kc-submit"));
    }
}
