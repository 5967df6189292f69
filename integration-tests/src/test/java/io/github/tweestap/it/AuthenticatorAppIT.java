package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Smoke;
import io.github.tweestap.it.support.Totp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Authenticator-app activation started by the user (seeds 002, 004), login with the app, deactivation with a code,
 * and the admin switch, in headless Chromium against the real server. The test reads the QR code from the page and
 * computes the codes itself, as the phone would.
 */
@ExtendWith(KeycloakExtension.class)
class AuthenticatorAppIT {

    private static final String REALM = "otp-lab";
    private static final String PASSWORD = "App-wachtwoord-1";
    private static final By CODE = By.id("totp");
    private static final By ERROR = By.id("input-error-totp");
    private static final String CALLBACK = "http://localhost:1/callback";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;

    AuthenticatorAppIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @Test
    @Smoke
    void activateLogInWithTheAppAndDeactivateWithACode() throws Exception {
        String name = AdminApi.uniqueName("app");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        String email = name + "@test.localhost";
        String key;
        long step;
        int mailsBefore;
        try (Browser browser = new Browser()) {
            logIn(browser, name);
            browser.open(action("tweestap-configure-totp"));
            assertThat(browser.text(By.cssSelector("h1"))).contains("Tweestapsverificatie instellen");
            assertThat(browser.text(By.id("tweestap-totp-apps")))
                    .contains("Google Authenticator", "Microsoft Authenticator", "Duo Mobile", "Authy");
            assertThat(browser.text(By.id("tweestap-totp-other-device"))).contains("ander apparaat");
            assertThat(browser.text(By.id("tweestap-totp-account"))).isEqualTo("Nse-Portal: " + email);
            browser.screenshot("otp-activation");

            String uri = Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src"));
            assertThat(uri).startsWith("otpauth://totp/Nse-Portal:" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "?");
            Map<String, String> parameters = Totp.parameters(uri);
            assertThat(parameters).containsEntry("digits", "6").containsEntry("algorithm", "SHA1")
                    .containsEntry("period", "30").containsEntry("issuer", "Nse-Portal");
            key = parameters.get("secret");
            assertThat(browser.text(By.id("tweestap-totp-key")).replace(" ", "")).isEqualTo(key);

            step = Instant.now().getEpochSecond() / 30;
            submit(browser, Totp.code(Totp.base32Decode(key), step + 5, 6));
            assertThat(browser.text(ERROR)).startsWith("De verificatiecode is onjuist");
            assertThat(status(id).path("active").asBoolean()).isFalse();

            submit(browser, Totp.code(Totp.base32Decode(key), step, 6));
            awaitCallback(browser, "success");
        }
        assertThat(status(id).path("active").asBoolean()).isTrue();
        // The "2FA switched on" notice of the tweestap e-mail theme (Keycloak's "email" event listener), in Dutch.
        MimeMessage on = mailbox.await(email, 1);
        assertThat(on.getSubject()).isEqualTo("Wijziging in de beveiliging van uw account");
        assertThat(Mailbox.plainText(on)).contains("Tweestapsverificatie is ingeschakeld voor uw account", "127.0.0.1",
                "Was u dit niet?");

        String loginCode = Totp.code(Totp.base32Decode(key), step + 1, 6);
        try (Browser browser = new Browser()) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.type(By.id("username"), name);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            // The code that activated the app counts as used.
            browser.type(By.id("otp"), Totp.code(Totp.base32Decode(key), step, 6));
            browser.click(By.id("kc-login"));
            assertThat(browser.text(By.id("input-error-otp"))).isNotBlank();
            Thread.sleep(1100);
            browser.type(By.id("otp"), loginCode);
            browser.click(By.id("kc-login"));
            awaitApplication(browser);

            // A second app cannot be added while one is active.
            browser.open(action("tweestap-configure-totp"));
            assertThat(browser.text(By.id("tweestap-activate-already"))).startsWith("Tweestapsverificatie staat al aan");
            browser.click(By.id("kc-cancel"));
            awaitCallback(browser, "cancelled");

            browser.open(action("tweestap-deactivate-totp"));
            assertThat(browser.text(By.id("tweestap-deactivate-instruction"))).contains("staat op dit moment ingeschakeld");
            browser.screenshot("otp-deactivation");
            // A wrong code, and the code already used to log in: refused, nothing changes.
            submitDeactivation(browser, "000000".equals(loginCode) ? "111111" : "000000");
            assertThat(browser.text(ERROR)).startsWith("De verificatiecode is onjuist");
            submitDeactivation(browser, loginCode);
            assertThat(browser.text(ERROR)).startsWith("De verificatiecode is onjuist");
            assertThat(status(id).path("active").asBoolean()).isTrue();
            // Annuleren leaves it on.
            browser.click(By.id("kc-cancel"));
            awaitCallback(browser, "cancelled");
            assertThat(status(id).path("active").asBoolean()).isTrue();

            browser.open(action("tweestap-deactivate-totp"));
            mailsBefore = mailbox.to(email).size();
            submitDeactivation(browser, Totp.code(Totp.base32Decode(key), step + 2, 6));
            awaitCallback(browser, "success");
        }
        assertThat(status(id).path("active").asBoolean()).isFalse();
        // Keycloak's "email" event listener tells the user, through the realm's SMTP server.
        MimeMessage off = mailbox.await(email, mailsBefore + 1);
        assertThat(off.getSubject()).isEqualTo("Wijziging in de beveiliging van uw account");
        assertThat(Mailbox.plainText(off)).contains("Tweestapsverificatie is uitgeschakeld voor uw account")
                .doesNotContain("ingeschakeld");
        JsonNode removed = admin.get("/admin/realms/" + REALM + "/events?type=REMOVE_CREDENTIAL&user=" + id);
        assertThat(removed.findValuesAsText("credential_type")).contains("otp");
    }

    @Test
    void cancellingTheActivationChangesNothing() {
        String name = AdminApi.uniqueName("cancel");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        try (Browser browser = new Browser()) {
            logIn(browser, name);
            browser.open(action("tweestap-configure-totp"));
            browser.click(By.id("kc-cancel"));
            awaitCallback(browser, "cancelled");
        }
        assertThat(status(id).path("active").asBoolean()).isFalse();
    }

    @Test
    void anAdminSeesTheStatusAndCanSwitchItOff() {
        String name = AdminApi.uniqueName("employer");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        try (Browser browser = new Browser()) {
            logIn(browser, name);
            browser.open(action("tweestap-configure-totp"));
            String key = Totp.parameters(Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src")))
                    .get("secret");
            submit(browser, Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            awaitCallback(browser, "success");
        }
        assertThat(status(id)).isEqualTo(AdminApi.JSON.valueToTree(Map.of("active", true, "credentials", 1)));

        String plain = AdminApi.uniqueName("plain");
        admin.createUser(REALM, plain, PASSWORD, null);
        String userToken = admin.userToken(REALM, plain, PASSWORD);
        assertThat(admin.statusWithToken(userToken, "DELETE", "/admin/realms/" + REALM + "/tweestap-otp/users/" + id + "/otp"))
                .isEqualTo(403);
        // An admin who may only view users sees the status but cannot switch it off.
        String viewer = AdminApi.uniqueName("viewer");
        String viewerId = admin.createUser(REALM, viewer, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, viewerId, "view-users");
        String viewerToken = admin.userToken(REALM, viewer, PASSWORD);
        assertThat(admin.statusWithToken(viewerToken, "GET", "/admin/realms/" + REALM + "/tweestap-otp/users/" + id))
                .isEqualTo(200);
        assertThat(admin.statusWithToken(viewerToken, "DELETE", "/admin/realms/" + REALM + "/tweestap-otp/users/" + id + "/otp"))
                .isEqualTo(403);
        assertThat(status(id).path("active").asBoolean()).isTrue();
        assertThat(admin.status("DELETE", "/admin/realms/" + REALM + "/tweestap-otp/users/" + id + "/otp", null))
                .isEqualTo(204);
        assertThat(status(id).path("active").asBoolean()).isFalse();
        assertThat(admin.status("GET", "/admin/realms/" + REALM + "/tweestap-otp/users/nobody", null)).isEqualTo(404);

        // Without the app, the login is username and password again.
        try (Browser browser = new Browser()) {
            logIn(browser, name);
        }
    }

    private JsonNode status(String id) {
        return admin.get("/admin/realms/" + REALM + "/tweestap-otp/users/" + id);
    }

    private void logIn(Browser browser, String name) {
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), PASSWORD);
        browser.click(By.id("kc-login"));
        awaitApplication(browser);
    }

    /** What an application does to start an action: an authorization request with kc_action. */
    private String action(String action) {
        return server.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=test-app&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                + "&kc_action=" + action;
    }

    /** Back at the application (nothing listens there; the browser shows an error page, the URL is what counts). */
    private void awaitCallback(Browser browser, String status) {
        browser.awaitUrl(url -> url.startsWith(CALLBACK) && url.contains("kc_action_status=" + status));
    }

    private void submit(Browser browser, String code) {
        browser.type(CODE, code);
        browser.clickAndAwait(By.id("tweestap-totp-apply"), By.tagName("body"));
    }

    /**
     * At a human pace: wrong codes here count for brute-force detection, which also locks a user briefly when two
     * failures come within a second.
     */
    private void submitDeactivation(Browser browser, String code) {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Waits for the answer page: the page before it shows the same error element (a stale one under load).
        LoginPages.submitCode(browser, CODE, By.id("tweestap-deactivate-apply"), code);
    }

    private void awaitApplication(Browser browser) {
        LoginPages.awaitAccount(browser, server, REALM);
    }

}
