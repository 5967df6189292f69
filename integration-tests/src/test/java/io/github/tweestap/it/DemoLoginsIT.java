package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.MailParts;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Totp;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 18: the demo users of realm-config/realms, as the README tells a person to try them, each log in to the page
 * a person lands on (the account console), and that page works: it shows the person's name and data, no "Er is iets
 * fout gegaan" (imported users lacked the realm's default roles, so the console's own API answered 401).
 */
@ExtendWith(KeycloakExtension.class)
class DemoLoginsIT {

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;

    DemoLoginsIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    /**
     * Seed 000: the temporary password really is temporary. QR page, the app's code, then Keycloak's new-password
     * page, then the secret question, then the account console.
     */
    @Test
    void storingenStationsDemoUsersChooseANewPasswordAndLand() {
        landWithTemporaryPassword("bram.bakker@nslogin.nl", "Bram Bakker");
        landWithTemporaryPassword("anna.devries@nslogin.nl", "Anna de Vries");
    }

    private void landWithTemporaryPassword(String username, String name) {
        String realm = "storingen-stations";
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, username, "Tijdelijk-demo-1");
            String uri = Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src"));
            String key = Totp.parameters(uri).get("secret");
            browser.type(By.id("totp"), Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            browser.clickAndAwait(By.id("tweestap-totp-apply"), By.id("password-new"));
            assertThat(browser.bodyText()).contains("Wachtwoord bijwerken");
            browser.type(By.id("password-new"), "Storingen-demo-2026");
            browser.type(By.id("password-confirm"), "Storingen-demo-2026");
            browser.clickAndAwait(By.cssSelector("[type=submit]"), By.id("tweestap-question-intro"));
            new Select(browser.await(By.id("question"))).selectByValue("tweestapQuestionFirstPet");
            browser.type(By.id("answer"), "Bello");
            browser.type(By.id("answer-confirm"), "Bello");
            browser.click(By.id("tweestap-question-save"));
            LoginPages.awaitAccount(browser, server, realm, name);
        }
    }

    /** Seed 001: jan.jansen keeps the SMS code for now ("Nu niet") and lands; piet.zondernummer is told why not. */
    @Test
    void werkplekDemoUsersLand() {
        String realm = "werkplek";
        String phone = "+31612345678";
        int before = outbox.codesTo(realm, phone).size();
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "jan.jansen", "Werkplek-demo-1");
            browser.await(By.id("tweestap-enroll-qr"));
            browser.clickAndAwait(By.id("tweestap-enroll-use-sms"), By.id("code"));
            browser.type(By.id("code"), outbox.awaitCode(realm, phone, before + 1));
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, realm, "Jan Jansen");
        }
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "piet.zondernummer", "Werkplek-demo-1");
            assertThat(browser.text(By.id("tweestap-sms-no-phone"))).isNotBlank();
        }
    }

    /** Seed 002: jan.devries has no app yet (password only), anna.bakker has one (the README gives its key). */
    @Test
    void nsePortalDemoUsersLand() {
        String realm = "nse-portal";
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "jan.devries@nse-portal.test", "Nse-Portal-demo-1");
            LoginPages.awaitAccount(browser, server, realm, "Jan de Vries");
        }
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "anna.bakker@nse-portal.test", "Nse-Portal-demo-1");
            browser.type(By.id("otp"), Totp.code("JZZWKUDPOJ2GC3CEMVWW6MRQGI2UWZLZ", Instant.now().getEpochSecond(), 6, 30));
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, realm, "Anna Bakker");
        }
    }

    /** Seed 003: anna.devries takes AUTHENTICATOR APP (the key comes by e-mail), sanne.bakker the SMS code. */
    @Test
    void verzuimcoachDemoUsersLand() throws Exception {
        String realm = "verzuimcoach";
        String email = "anna.devries@verzuimcoach.localhost";
        int mails = mailbox.to(email).size();
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "anna.devries", "Verzuimcoach-demo-1");
            browser.clickAndAwait(By.id("tweestap-method-app"), By.id("tweestap-otp-email-instruction"));
            MailParts mail = MailParts.of(mailbox.await(email, mails + 1));
            String key = Totp.parameters(Totp.decodeQr(Base64.getEncoder().encodeToString(mail.image))).get("secret");
            browser.type(By.id("totp"), Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, realm, "Anna de Vries");
        }
        String phone = "+31687654321";
        int before = outbox.codesTo(realm, phone).size();
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "sanne.bakker", "Verzuimcoach-demo-1");
            browser.clickAndAwait(By.id("tweestap-method-sms"), By.id("code"));
            browser.type(By.id("code"), outbox.awaitCode(realm, phone, before + 1));
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, realm, "Sanne Bakker");
        }
    }

    /**
     * Why the default roles matter, and that the landing check sees it: a user without them (as every imported demo
     * user was) lands on the account console's error, and {@link LoginPages#assertAccountConsoleWorks} fails there.
     */
    @Test
    void withoutTheDefaultRolesTheConsoleFailsAndTheCheckSaysSo() {
        String realm = "werknemerloket";
        String name = AdminApi.uniqueName("zonderrollen");
        String id = admin.createUser(realm, name, "Werknemer-demo-1", null);
        com.fasterxml.jackson.databind.JsonNode roles = admin.get("/admin/realms/" + realm + "/roles/default-roles-" + realm);
        assertThat(admin.status("DELETE", "/admin/realms/" + realm + "/users/" + id + "/role-mappings/realm",
                java.util.List.of(roles))).isEqualTo(204);
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, name, "Werknemer-demo-1");
            browser.awaitUrl(url -> url.startsWith(server.realmUrl(realm) + "/account") && !url.contains("login-actions"));
            AssertionError error = org.assertj.core.api.Assertions.catchThrowableOfType(AssertionError.class,
                    () -> LoginPages.assertAccountConsoleWorks(browser, "Test Gebruiker"));
            assertThat(error).as("the landing check fails on the console's error").isNotNull();
            assertThat(error.getMessage()).contains("Er is iets fout gegaan");
        }
    }

    /** Seed 004: two-factor authentication is optional; neither demo user has it on. */
    @Test
    void werknemerloketDemoUsersLand() {
        String realm = "werknemerloket";
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "p.vanwekkers", "Werknemer-demo-1");
            LoginPages.awaitAccount(browser, server, realm, "P Wekkers");
            // The account console speaks the portal's "je" too (its account theme tweestap-je).
            assertThat(browser.bodyText()).doesNotContainPattern("(?<![\\p{L}.])(U|u|Uw|uw)(?![\\p{L}])");
        }
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, "werkgever", "Werknemer-demo-1");
            LoginPages.awaitAccount(browser, server, realm, "Werk Gever");
        }
        assertThat(admin.get("/admin/realms/" + realm + "/users?exact=true&username=p.vanwekkers")).hasSize(1);
    }
}
