package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.CompanionException;
import io.github.tweestap.companion.QrLinks;
import io.github.tweestap.companion.Totp;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Phones.BoundUser;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 14, part 3: an app binding and the OTP credential that came with it go together, whatever route removes
 * one of them — Keycloak's admin console (admin REST credential delete) of the binding or of the OTP credential, the
 * user deleting the OTP credential in the account console (account REST API), the pack's admin switch-off of the
 * code, the pack's admin unbind, the app's own unlink, a new binding replacing the old one. (The renewal route,
 * "Vernieuw tweestaps verificatie code", is covered by {@code RecoveryIT}.)
 *
 * <p>After each removal the user binds a new phone, and then the old phone's code must be refused where Keycloak
 * checks a user's OTP credentials itself: its stock browser login (client {@code otp-check}, password + OTP form) and
 * its stock direct grant — the realm {@code unbind-lab} keeps both exactly as Keycloak ships them. The new phone's
 * code is accepted there, and the user has exactly one OTP credential. Before the fix, the old OTP credential stayed
 * behind and was the default one of both stock checks, so the old phone's code still logged in.
 */
@ExtendWith(KeycloakExtension.class)
class BindingRemovalIT {

    static final String REALM = "unbind-lab";
    static final String PASSWORD = "Test-wachtwoord-1";
    static final String CALLBACK = "http://localhost:1/callback";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BindingRemovalIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    @Test
    void deletingTheBindingInTheAdminConsoleTakesItsCodeAlong() {
        BoundUser b = bound("console");
        String binding = credentialId(b, "tweestap-device");
        String otp = credentialId(b, "otp");
        // What the admin console's Credentials tab does: Keycloak's own credential delete.
        admin.delete(users(b) + "/credentials/" + binding);
        assertThat(admin.credentialTypes(REALM, b.id())).as("the OTP credential went in the same request")
                .doesNotContain("otp", "tweestap-device");
        assertOldPhoneUnbound(b);
        JsonNode events = admin.await("the audit event of the removed OTP credential", Duration.ofSeconds(10),
                () -> admin.get("/admin/realms/" + REALM + "/events?user=" + b.id() + "&type=REMOVE_CREDENTIAL"),
                n -> n.toString().contains("binding_pair_removed"));
        assertThat(events.toString()).contains(otp);
        assertOnlyTheNewPhoneWorks(b, bindAgain(b));
    }

    @Test
    void deletingTheOtpCredentialFirstTakesTheBindingAlong() {
        BoundUser b = bound("otp-eerst");
        admin.delete(users(b) + "/credentials/" + credentialId(b, "otp"));
        assertThat(admin.credentialTypes(REALM, b.id())).as("the binding went in the same request")
                .doesNotContain("otp", "tweestap-device");
        assertOldPhoneUnbound(b);
        assertOnlyTheNewPhoneWorks(b, bindAgain(b));
    }

    @Test
    void theUserDeletingTheCodeInTheAccountConsoleTakesTheBindingAlong() {
        BoundUser b = bound("account");
        Grant login = directGrant(b.name(), Totp.code(b.phone().state().totp(), Instant.now()));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String token = parse(login.body()).path("access_token").asText();
        // The binding itself is not the user's to delete there (the app's unlink and the service desk do that).
        assertThat(accountDelete(token, credentialId(b, "tweestap-device"))).isEqualTo(400);
        assertThat(admin.credentialTypes(REALM, b.id())).contains("otp", "tweestap-device");
        // Its OTP credential is (the account console offers it); the binding goes with it.
        assertThat(accountDelete(token, credentialId(b, "otp"))).isEqualTo(204);
        assertThat(admin.credentialTypes(REALM, b.id())).doesNotContain("otp", "tweestap-device");
        assertOldPhoneUnbound(b);
        assertOnlyTheNewPhoneWorks(b, bindAgain(b));
    }

    @Test
    void theEmployersSwitchOffOfTheCodeTakesTheBindingAlong() {
        BoundUser b = bound("uitschakelen");
        // The pack's own admin switch-off (seed 004: the employer switches two-step verification off).
        admin.delete("/admin/realms/" + REALM + "/tweestap-otp/users/" + b.id() + "/otp");
        assertThat(admin.credentialTypes(REALM, b.id())).doesNotContain("otp", "tweestap-device");
        assertOldPhoneUnbound(b);
        assertOnlyTheNewPhoneWorks(b, bindAgain(b));
    }

    @Test
    void thePacksAdminUnbindTakesTheCodeAlong() {
        BoundUser b = bound("servicedesk");
        admin.delete("/admin/realms/" + REALM + "/tweestap-device/users/" + b.id() + "/devices");
        assertThat(admin.credentialTypes(REALM, b.id())).doesNotContain("otp", "tweestap-device");
        assertOldPhoneUnbound(b);
        assertOnlyTheNewPhoneWorks(b, bindAgain(b));
    }

    @Test
    void theAppsOwnUnlinkTakesTheCodeAlong() {
        BoundUser b = bound("ontkoppel");
        assertThat(b.phone().unlink()).isEqualTo("unlinked");
        assertThat(admin.credentialTypes(REALM, b.id())).doesNotContain("otp", "tweestap-device");
        assertOldPhoneUnbound(b);
        assertOnlyTheNewPhoneWorks(b, bindAgain(b));
    }

    @Test
    void aNewPhoneWithTheOldOnesNameReplacesItAndItsCode() throws Exception {
        BoundUser b = bound("vervang");
        // The service desk e-mails a binding QR code while the old phone is still bound; the new phone is called the
        // same (Keycloak allows one credential per type and name, so the old one must go first).
        assertThat(admin.status("POST", "/admin/realms/" + REALM + "/tweestap-device/users/" + b.id()
                + "/enrollment-email", null)).isEqualTo(202);
        MimeMessage mail = mailbox.await(b.name() + "@test.localhost", 1);
        CompanionClient newPhone = new CompanionClient();
        int codes = outbox.codesTo(REALM, b.number()).size();
        newPhone.enroll(URI.create(QrLinks.decode(PushLoginIT.inlineImage(mail))), "Testtelefoon");
        // Until the new phone is confirmed, the old one keeps working.
        assertThat(b.phone().profile().username()).isEqualTo(b.name());
        assertThat(newPhone.confirm(outbox.awaitCode(REALM, b.number(), codes + 1)).isActive()).isTrue();
        assertOldPhoneUnbound(b);
        assertOnlyTheNewPhoneWorks(b, newPhone);
    }

    // ---------------------------------------------------------------- steps

    BoundUser bound(String prefix) {
        BoundUser b = Phones.boundUser(server, admin, outbox, REALM, prefix, PASSWORD);
        assertThat(otpCredentials(b)).hasSize(1);
        assertThat(admin.credentialTypes(REALM, b.id())).contains("tweestap-device");
        return b;
    }

    /** The next login offers a binding again (the old phone is not bound any more): binds a new phone with it. */
    CompanionClient bindAgain(BoundUser b) {
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, b.name(), PASSWORD);
            CompanionClient phone = Phones.bindFromPage(browser, server, outbox, REALM, b.number(),
                    outbox.codesTo(REALM, b.number()).size());
            awaitAccount(browser);
            return phone;
        }
    }

    void assertOldPhoneUnbound(BoundUser b) {
        CompanionException gone = catchThrowableOfType(CompanionException.class, () -> b.phone().profile());
        assertThat(gone).as("the old phone's requests are refused").isNotNull();
        assertThat(gone.error()).isEqualTo("unknown_device");
    }

    /**
     * Exactly one binding and one OTP credential; the old phone's code is refused by Keycloak's stock browser login
     * and stock direct grant, which check the user's OTP credentials themselves; the new phone's code is accepted.
     */
    void assertOnlyTheNewPhoneWorks(BoundUser b, CompanionClient newPhone) {
        assertThat(otpCredentials(b)).hasSize(1);
        assertThat(admin.credentialTypes(REALM, b.id()).stream().filter("tweestap-device"::equals)).hasSize(1);
        Instant now = Instant.now();
        String oldCode = Totp.code(b.phone().state().totp(), now);
        String newCode = Totp.code(newPhone.state().totp(), now);
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=otp-check&response_type=code"
                    + "&scope=openid&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8));
            browser.type(By.id("username"), b.name());
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            browser.type(By.id("otp"), oldCode);
            browser.click(By.id("kc-login"));
            assertThat(browser.text(By.id("input-error-otp"))).as("the old code is refused")
                    .contains("Ongeldige authenticatiecode");
            assertThat(browser.driver().getCurrentUrl()).doesNotStartWith(CALLBACK);
            // Keycloak locks out two failures within a second of each other ("quick login check").
            KeycloakServer.sleep(1100);
            browser.type(By.id("otp"), newCode);
            browser.click(By.id("kc-login"));
            browser.awaitUrl(url -> url.startsWith(CALLBACK) && url.contains("code="));
        }
        KeycloakServer.sleep(1100);
        Grant refused = directGrant(b.name(), oldCode);
        assertThat(refused.status()).as("the old code in Keycloak's stock direct grant: " + refused.body()).isIn(400, 401);
        assertThat(refused.body()).contains("invalid_grant");
        KeycloakServer.sleep(1100);
        // The new phone's code of the next period (the realm allows one step of drift; this period's code is used).
        String nextCode = Totp.code(newPhone.state().totp(), now.plusSeconds(30));
        Grant accepted = directGrant(b.name(), nextCode);
        assertThat(accepted.status()).as("the new code in Keycloak's stock direct grant: " + accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("access_token");
    }

    // ---------------------------------------------------------------- helpers

    void awaitAccount(Browser browser) {
        LoginPages.awaitAccount(browser, server, REALM);
    }

    String users(BoundUser b) {
        return "/admin/realms/" + REALM + "/users/" + b.id();
    }

    List<JsonNode> otpCredentials(BoundUser b) {
        List<JsonNode> otps = new ArrayList<>();
        admin.credentials(REALM, b.id()).forEach(c -> {
            if ("otp".equals(c.path("type").asText())) {
                otps.add(c);
            }
        });
        return otps;
    }

    String credentialId(BoundUser b, String type) {
        for (JsonNode c : admin.credentials(REALM, b.id())) {
            if (type.equals(c.path("type").asText())) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("no credential of type " + type);
    }

    record Grant(int status, String body) {
    }

    static JsonNode parse(String json) {
        try {
            return AdminApi.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** The account REST API's credential delete (Keycloak's, deprecated but served) with the user's own token. */
    int accountDelete(String token, String credentialId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(REALM) + "/account/credentials/" + credentialId))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").DELETE().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak's password grant with a TOTP code, through the realm's stock direct-grant flow. */
    Grant directGrant(String username, String code) {
        String form = "grant_type=password&client_id=otp-check&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&totp=" + code;
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(REALM) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Grant(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
