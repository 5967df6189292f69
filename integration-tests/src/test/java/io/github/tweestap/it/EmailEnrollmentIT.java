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
import io.github.tweestap.it.support.Smoke;
import io.github.tweestap.it.support.Totp;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Seed 003 (Verzuimcoach): after the password, the method choice; "AUTHENTICATOR APP" sends an e-mail with the
 * account name, the key and the QR code as an inline image; the code from the app completes the login; "Nieuwe
 * code" replaces the key. The e-mails arrive at a real SMTP server; the test reads the QR from the e-mail.
 */
@ExtendWith(KeycloakExtension.class)
class EmailEnrollmentIT {

    private static final String REALM = "app-mail-lab";
    private static final String PASSWORD = "Verzuim-wachtwoord-1";
    private static final By CODE = By.id("totp");
    private static final By ERROR = By.id("input-error-totp");
    private static final By ALERT = By.cssSelector(".kc-feedback-text");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;
    private final Outbox outbox;

    EmailEnrollmentIT(KeycloakServer server, AdminApi admin, Mailbox mailbox, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
        this.outbox = outbox;
    }

    @Test
    @Smoke
    void theAppIsEnrolledByEmailAndUsedAtTheNextLogin() throws Exception {
        String name = AdminApi.uniqueName("verzuim");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        String email = name + "@test.localhost";
        String key;
        String enrollCode;
        try (Browser browser = new Browser()) {
            passwordStep(browser, name);
            assertThat(browser.text(By.id("tweestap-method-app"))).isEqualTo("AUTHENTICATOR APP");
            assertThat(browser.text(By.id("tweestap-method-sms"))).isEqualTo("SMS-CODE");
            browser.screenshot("verzuimcoach-method-choice");
            browser.click(By.id("tweestap-method-app"));
            assertThat(browser.text(By.id("tweestap-otp-email-instruction"))).contains("v***@test.localhost");

            MimeMessage mail = mailbox.await(email, 1);
            MailParts parts = MailParts.of(mail);
            assertThat(mail.getSubject()).isEqualTo("Uw aanvraagcode voor de authenticator-app (Verzuimcoach)");
            assertThat(parts.html).contains("src=\"cid:tweestap-qr\"").doesNotContain("http");
            assertThat(parts.imageContentId).isEqualTo("<tweestap-qr>");
            String uri = Totp.decodeQr(Base64.getEncoder().encodeToString(parts.image));
            assertThat(uri).startsWith("otpauth://totp/Verzuimcoach:" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "?");
            key = Totp.parameters(uri).get("secret");
            assertThat(parts.text).contains("Accountnaam: Verzuimcoach: " + email)
                    .contains(groups(key));

            // A wrong code is refused; the right one logs in.
            long step = Instant.now().getEpochSecond() / 30;
            submit(browser, Totp.code(Totp.base32Decode(key), step + 7, 6));
            assertThat(browser.text(ERROR)).startsWith("De verificatiecode is onjuist");
            enrollCode = Totp.code(Totp.base32Decode(key), step, 6);
            submit(browser, enrollCode);
            awaitAccount(browser);
        }
        assertThat(admin.get("/admin/realms/" + REALM + "/tweestap-otp/users/" + id).path("active").asBoolean()).isTrue();

        try (Browser browser = new Browser()) {
            passwordStep(browser, name);
            browser.click(By.id("tweestap-method-app"));
            assertThat(browser.text(By.id("tweestap-otp-instruction"))).contains("authenticator-app");
            assertThat(enrollmentMails(email)).as("no second enrollment e-mail").isEqualTo(1);
            submit(browser, enrollCode);
            assertThat(browser.text(ERROR)).as("the code that activated the app is used").startsWith("De verificatiecode is onjuist");
            submit(browser, Totp.code(key, Instant.now().getEpochSecond() + 30, 6, 30));
            awaitAccount(browser);
        }
    }

    @Test
    void nieuweCodeRespectsTheCooldownAndVoidsThePreviousKey() throws Exception {
        String name = AdminApi.uniqueName("nieuw");
        admin.createUser(REALM, name, PASSWORD, null);
        String email = name + "@test.localhost";
        try (Browser browser = new Browser()) {
            passwordStep(browser, name);
            browser.click(By.id("tweestap-method-app"));
            String first = keyOf(mailbox.await(email, 1));
            assertThat(enrollmentMails(email)).isEqualTo(1);

            browser.click(By.id("tweestap-otp-resend"));
            assertThat(browser.text(ALERT)).matches("Wacht nog \\d+ seconden voordat u een nieuwe code aanvraagt\\.");
            Thread.sleep(1000);
            assertThat(enrollmentMails(email)).isEqualTo(1);

            Thread.sleep(3000);
            browser.click(By.id("tweestap-otp-resend"));
            String second = keyOf(mailbox.await(email, 2));
            assertThat(enrollmentMails(email)).isEqualTo(2);
            assertThat(second).isNotEqualTo(first);

            submit(browser, Totp.code(first, Instant.now().getEpochSecond(), 6, 30));
            assertThat(browser.text(ERROR)).as("a code of the voided key").startsWith("De verificatiecode is onjuist");
            submit(browser, Totp.code(second, Instant.now().getEpochSecond(), 6, 30));
            awaitAccount(browser);
        }
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        Map<String, String> original = setOtpEmailConfig(Map.of("tweestap.otp.pendingTtlSeconds", "30"));
        String id = null;
        try (Browser browser = new Browser()) {
            String name = AdminApi.uniqueName("verlopen");
            id = admin.createUser(REALM, name, PASSWORD, null);
            passwordStep(browser, name);
            browser.click(By.id("tweestap-method-app"));
            String key = keyOf(mailbox.await(name + "@test.localhost", 1));
            Thread.sleep(31_000);
            submit(browser, Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            assertThat(browser.text(ERROR)).startsWith("De aanvraagcode is verlopen");
        } finally {
            setOtpEmailConfig(original);
        }
        assertThat(admin.get("/admin/realms/" + REALM + "/tweestap-otp/users/" + id).path("active").asBoolean())
                .as("nothing changed").isFalse();
    }

    @Test
    void aTamperedChoiceIsRefused() {
        String name = AdminApi.uniqueName("keuze");
        admin.createUser(REALM, name, PASSWORD, null);
        try (Browser browser = new Browser()) {
            passwordStep(browser, name);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('tweestap-method-app').value = 'none';");
            browser.click(By.id("tweestap-method-app"));
            assertThat(browser.text(ALERT)).isEqualTo("Kies een van de opties.");
            assertThat(browser.present(By.id("tweestap-method-sms"))).isTrue();
        }
    }

    @Test
    void theSmsOptionRunsTheSmsCode() {
        String name = AdminApi.uniqueName("sms-keuze");
        admin.createUser(REALM, name, PASSWORD, "+31613131313");
        try (Browser browser = new Browser()) {
            passwordStep(browser, name);
            browser.click(By.id("tweestap-method-sms"));
            String code = outbox.awaitCode(REALM, "+31613131313", 1);
            browser.type(By.id("code"), code);
            browser.click(By.id("kc-login"));
            awaitAccount(browser);
        }
    }

    private Map<String, String> setOtpEmailConfig(Map<String, String> overrides) {
        var config = admin.authenticatorConfig(REALM, "choice app", "otp email");
        Map<String, String> original = AdminApi.JSON.convertValue(config.get("config"), Map.class);
        var values = (com.fasterxml.jackson.databind.node.ObjectNode) config.get("config");
        values.removeAll();
        original.forEach(values::put);
        overrides.forEach(values::put);
        admin.updateAuthenticatorConfig(REALM, config);
        return original;
    }

    /** Enrollment e-mails only (Keycloak's "email" event listener sends its own notices to the same address). */
    private long enrollmentMails(String email) throws Exception {
        long count = 0;
        for (MimeMessage message : mailbox.to(email)) {
            if (message.getSubject().startsWith("Uw aanvraagcode")) {
                count++;
            }
        }
        return count;
    }

    private String keyOf(MimeMessage mail) throws Exception {
        return Totp.parameters(Totp.decodeQr(Base64.getEncoder().encodeToString(MailParts.of(mail).image))).get("secret");
    }

    private static String groups(String key) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < key.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(key, i, Math.min(key.length(), i + 4));
        }
        return grouped.toString();
    }

    private void passwordStep(Browser browser, String name) {
        LoginPages.passwordStep(browser, server, REALM, name, PASSWORD);
    }

    private void submit(Browser browser, String code) {
        LoginPages.submitCode(browser, CODE, By.id("kc-login"), code);
    }

    private void awaitAccount(Browser browser) {
        LoginPages.awaitAccount(browser, server, REALM);
    }

}
