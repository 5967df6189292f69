package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.MailParts;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Totp;
import io.github.tweestap.it.support.Walkthrough;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Seed 003, Verzuimcoach, "Inloggen & 2FA instellen (Authenticator app)", step by step in the browser: the invitation
 * e-mail → the link "HIER" → create a password with the requirements on screen → OPSLAAN → the login page → the 2FA
 * page → "AUTHENTICATOR APP" → the e-mail with account name, request code and QR code ("Nieuwe code" asks for a new
 * one) → the code from the app → INLOGGEN; the next login → "AUTHENTICATOR APP" → the code → in. The e-mails arrive
 * at a real SMTP server; the test reads the QR code from the e-mail as the phone would.
 */
@ExtendWith(KeycloakExtension.class)
class VerzuimcoachWalkthroughIT {

    private static final String REALM = "verzuimcoach";
    private static final String PASSWORD = "Verzuimcoach-Nieuw-2026";
    private static final String ENROLLMENT_SUBJECT = "Je accountnaam en aanvraagcode voor de Authenticator-app (Verzuimcoach)";
    private static final Pattern HIER = Pattern.compile("<a href=\"([^\"]+)\">HIER</a>");
    private static final By INFO_LINK = By.cssSelector("#kc-info-message a");
    private static final By CODE = By.id("totp");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;

    VerzuimcoachWalkthroughIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @Test
    void invitationPasswordAuthenticatorAppByEmailAndTheNextLogin() throws Exception {
        String name = AdminApi.uniqueName("medewerker");
        String email = name + "@test.localhost";
        String id = invitee(name, email);
        // "Nieuwe code" waits 30 s between two e-mails in the portal's realm; the walk asks again after 1 s.
        Map<String, String> original = setOtpEmailConfig(Map.of("tweestap.otp.resendCooldownSeconds", "1"));
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "003-verzuimcoach");
            Path artifacts = Path.of(System.getProperty("tweestap.artifacts.dir", "target/artifacts"), "walkthroughs",
                    "003-verzuimcoach");

            // 1.1 "Je hebt een e-mail met een uitnodiging ontvangen om je account te activeren."
            admin.put("/admin/realms/" + REALM + "/users/" + id + "/execute-actions-email?client_id=account-console&redirect_uri="
                    + URLEncoder.encode(server.realmUrl(REALM) + "/account/", StandardCharsets.UTF_8), List.of("UPDATE_PASSWORD"));
            MimeMessage invitation = mailbox.await(email, 1);
            MailParts invite = MailParts.of(invitation);
            Files.writeString(artifacts.resolve("00-uitnodiging-e-mail.html"), invite.html);
            assertThat(invitation.getSubject()).isEqualTo("Activeer je account");
            assertThat(invite.html).contains("Je hebt een uitnodiging ontvangen om je account voor Verzuimcoach te activeren.")
                    .contains(">HIER</a> om naar het inlogscherm te gaan en je account te activeren.");
            assertThat(invite.text).contains("Klik HIER om naar het inlogscherm te gaan en je account te activeren.");
            Matcher hier = HIER.matcher(invite.html);
            assertThat(hier.find()).as("the HIER link").isTrue();
            String link = hier.group(1).replace("&amp;", "&");
            assertThat(link).startsWith(server.realmUrl(REALM) + "/login-actions/action-token?key=");

            // 1.2 "Klik op de link 'HIER' in de e-mail om naar het inlogscherm te gaan en je account te activeren."
            browser.open(link);
            browser.await(INFO_LINK);
            walk.step("account-activeren", "Activeer je account", "Wachtwoord aanmaken");
            browser.click(INFO_LINK);

            // 1 (login screen) "kun je hier eerst een wachtwoord aanmaken" — with the requirements on the screen.
            browser.await(By.id("password-new"));
            walk.step("wachtwoord-aanmaken", "Wachtwoord aanmaken", "Maak hier eerst een wachtwoord aan.", "Minimale vereisten voor je wachtwoord:",
                    "minimaal 10 tekens", "minimaal 1 kleine letter", "minimaal 1 hoofdletter", "minimaal 1 cijfer",
                    "OPSLAAN");
            assertThat(browser.bodyText()).doesNotContain("(s)");
            assertThat(browser.text(By.id("kc-submit"))).isEqualTo("OPSLAAN");
            // The requirements are the server's: a password that misses them is refused.
            browser.type(By.id("password-new"), "kortwachtwoord");
            browser.type(By.id("password-confirm"), "kortwachtwoord");
            browser.click(By.id("kc-submit"));
            browser.awaitText("Ongeldig wachtwoord");
            walk.step("wachtwoord-voldoet-niet", "Ongeldig wachtwoord", "Minimale vereisten voor je wachtwoord:");
            assertThat(hasPassword(id)).isFalse();

            // 2 and 3: "Maak nu een wachtwoord aan en klik op de knop 'OPSLAAN'."
            browser.type(By.id("password-new"), PASSWORD);
            browser.type(By.id("password-confirm"), PASSWORD);
            walk.step("wachtwoord-ingevuld", "OPSLAAN");
            browser.click(By.id("kc-submit"));
            browser.await(INFO_LINK);
            walk.step("wachtwoord-opgeslagen", "Wachtwoord opgeslagen",
                    "Je kunt nu inloggen met je gebruikersnaam en je zojuist aangemaakte wachtwoord.");
            assertThat(hasPassword(id)).as("the password is stored").isTrue();

            // "Je komt vervolgens op het inlogscherm waar je met je zojuist aangemaakte wachtwoord en je
            // gebruikersnaam kunt inloggen."
            browser.click(INFO_LINK);
            browser.await(By.id("username"));
            walk.step("inlogscherm", "Inloggen", "Gebruikersnaam", "Wachtwoord", "INLOGGEN");
            assertThat(browser.text(By.id("kc-login"))).isEqualTo("INLOGGEN");
            browser.type(By.id("username"), name);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));

            // 2FA 1: "kom je op het scherm waar je de 2FA (tweestapsverificatie) in kunt stellen."
            // 2FA 2: "Kies voor de optie 'AUTHENTICATOR APP'."
            browser.await(By.id("tweestap-method-app"));
            walk.step("2fa-instellen", "2FA (tweestapsverificatie)", "AUTHENTICATOR APP");
            assertThat(browser.text(By.id("tweestap-method-app"))).isEqualTo("AUTHENTICATOR APP");
            browser.click(By.id("tweestap-method-app"));
            browser.await(By.id("tweestap-otp-email-instruction"));

            // 2FA 3: "Wanneer je voor de eerste keer inlogt, ontvang je automatisch een e-mail met accountnaam en
            // aanvraagcode voor de Authenticator-app." ... "Klik dan op 'Nieuwe code' om een nieuwe aanvraag te doen."
            walk.step("e-mail-met-aanvraagcode", "accountnaam en aanvraagcode", "Authenticator app",
                    "Ongewenste e-mail", "Nieuwe code", "INLOGGEN");
            assertThat(browser.text(By.id("tweestap-otp-email-instruction"))).contains("m***@test.localhost");
            MailParts first = MailParts.of(awaitEnrollmentMail(email, 1));
            Thread.sleep(1_200);
            browser.click(By.id("tweestap-otp-resend"));
            walk.step("nieuwe-code-aangevraagd", "Er is een e-mail met je accountnaam en aanvraagcode verstuurd naar m***@test.localhost.");
            MimeMessage enrollment = awaitEnrollmentMail(email, 2);
            MailParts mail = MailParts.of(enrollment);
            Files.writeString(artifacts.resolve("00-aanvraagcode-e-mail.html"), mail.html.replace("cid:tweestap-qr",
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(mail.image)));

            // 2FA 4: "handmatig het account toevoegen met je accountnaam + aanvraagcode uit de e-mail" or "de QR-code
            // in de e-mail scannen"; "Is de QR-code niet zichtbaar ... 'Geblokkeerde inhoud weergeven'".
            assertThat(enrollment.getSubject()).isEqualTo(ENROLLMENT_SUBJECT);
            assertThat(mail.html).contains("src=\"cid:tweestap-qr\"").contains("Accountnaam").contains("Aanvraagcode")
                    .contains("QR-code scannen").contains("Geblokkeerde inhoud weergeven");
            assertThat(mail.imageContentId).isEqualTo("<tweestap-qr>");
            String uri = Totp.decodeQr(Base64.getEncoder().encodeToString(mail.image));
            assertThat(uri).startsWith("otpauth://totp/Verzuimcoach:" + name + "?");
            Map<String, String> parameters = Totp.parameters(uri);
            assertThat(parameters).containsEntry("issuer", "Verzuimcoach").containsEntry("digits", "6")
                    .containsEntry("period", "30");
            String key = parameters.get("secret");
            assertThat(mail.text).contains("Accountnaam: Verzuimcoach: " + name).contains("Aanvraagcode: " + groups(key));
            String voided = keyOf(first);
            assertThat(voided).as("'Nieuwe code' sends a new request code").isNotEqualTo(key);

            // The code of the first e-mail no longer works after "Nieuwe code".
            long now = Instant.now().getEpochSecond();
            LoginPages.submitCode(browser, CODE, By.id("kc-login"), Totp.code(voided, now, 6, 30));
            browser.awaitText("De verificatiecode is onjuist");
            walk.step("oude-aanvraagcode-werkt-niet", "De verificatiecode is onjuist");
            assertThat(admin.otpActive(REALM, id)).isFalse();

            // 2FA 5: "kan de app een verificatiecode genereren die je kunt invoeren op het inlogscherm. Klik
            // vervolgens op 'INLOGGEN'."
            browser.type(CODE, Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            walk.step("verificatiecode-ingevuld", "Verificatiecode", "INLOGGEN");
            browser.click(By.id("kc-login"));
            // "Je bent nu succesvol ingelogd in Verzuimcoach." — the portal's application (here the account console).
            LoginPages.awaitAccount(browser, server, REALM, "Mira Medewerker");
            assertThat(admin.otpActive(REALM, id)).as("the app is the user's second factor now").isTrue();
            assertThat(admin.credentialTypes(REALM, id)).containsExactlyInAnyOrder("password", "otp");

            // "Wanneer je de volgende keer weer inlogt, kun je op 'AUTHENTICATOR APP' optie drukken. Vervolgens kun je
            // via de functie 'Nieuwe code' een verificatie code door de app laten genereren die je hier kunt invoeren."
            browser.open(server.realmUrl(REALM) + "/tweestap-account/username"); // leave the account console first
            browser.await(By.tagName("h1"));
            browser.driver().manage().deleteAllCookies();
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.await(By.id("username"));
            walk.step("volgende-keer-inlogscherm", "Inloggen", "INLOGGEN");
            browser.type(By.id("username"), name);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            browser.await(By.id("tweestap-method-app"));
            walk.step("volgende-keer-2fa", "2FA (tweestapsverificatie)", "AUTHENTICATOR APP");
            browser.click(By.id("tweestap-method-app"));
            browser.await(By.id("tweestap-otp-instruction"));
            walk.step("volgende-keer-code-uit-de-app", "‘Nieuwe code’", "Verificatiecode", "INLOGGEN");
            assertThat(browser.present(By.id("tweestap-otp-resend"))).as("no enrollment e-mail at the next login").isFalse();
            // The next 30-second window's code: the one that activated the app may not be used twice.
            browser.type(CODE, Totp.code(key, Instant.now().getEpochSecond() + 30, 6, 30));
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, REALM, "Mira Medewerker");
            assertThat(enrollmentMails(email)).as("no new enrollment e-mail").isEqualTo(2);

            assertThat(walk.steps()).isEqualTo(14);
            walk.finish();
        } finally {
            setOtpEmailConfig(original);
        }
    }

    /** A user as the employer's administrator creates one: name and e-mail address, no password yet. */
    private String invitee(String name, String email) {
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", name).put("enabled", true).put("email", email).put("emailVerified", false)
                .put("firstName", "Mira").put("lastName", "Medewerker");
        String location = admin.post("/admin/realms/" + REALM + "/users", user);
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private boolean hasPassword(String id) {
        return admin.credentialTypes(REALM, id).contains("password");
    }

    private Map<String, String> setOtpEmailConfig(Map<String, String> overrides) {
        ObjectNode config = admin.authenticatorConfig(REALM, "verzuimcoach app", "verzuimcoach otp email");
        @SuppressWarnings("unchecked")
        Map<String, String> original = AdminApi.JSON.convertValue(config.get("config"), Map.class);
        ObjectNode values = (ObjectNode) config.get("config");
        values.removeAll();
        original.forEach(values::put);
        overrides.forEach(values::put);
        admin.updateAuthenticatorConfig(REALM, config);
        return original;
    }

    private MimeMessage awaitEnrollmentMail(String email, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> found = enrollment(email);
            if (found.size() >= count) {
                return found.get(count - 1);
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no enrollment e-mail number " + count + " to " + email);
    }

    private long enrollmentMails(String email) throws Exception {
        return enrollment(email).size();
    }

    private List<MimeMessage> enrollment(String email) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : mailbox.to(email)) {
            if (ENROLLMENT_SUBJECT.equals(message.getSubject())) {
                found.add(message);
            }
        }
        return found;
    }

    private static String keyOf(MailParts mail) {
        return Totp.parameters(Totp.decodeQr(Base64.getEncoder().encodeToString(mail.image))).get("secret");
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

}
