package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Totp;
import io.github.tweestap.it.support.Walkthrough;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Seed 000, "Inloggen met 'Microsoft Authenticator' op storingenstations.nl": every numbered step of instruction A
 * (first use: temporary password by SMS → the page with the QR code → the app adds the account named after the
 * username ending in @nslogin.nl) and of instruction B (new phone: username + mobile number → SMS code + secret
 * question → "Vernieuw tweestaps verificatie code voor mobiele app" → log in → A again), in realm
 * {@code storingen-stations} with its theme, in headless Chromium. The test is the phone: it reads the QR code and
 * computes the codes.
 */
@ExtendWith(KeycloakExtension.class)
class StoringenStationsWalkthroughIT {

    private static final String REALM = "storingen-stations";
    private static final String ISSUER = "Storingen Stations";
    private static final String NEW_PASSWORD = "Storingen-nieuw-2026";
    private static final String ANSWER = "Bello de Hond";
    private static final Pattern TEMPORARY = Pattern.compile("is: (\\S+)\\n");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;

    StoringenStationsWalkthroughIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    @Test
    void firstUseWithMicrosoftAuthenticatorThenANewPhone() {
        // Before A: the service desk creates the NS account (username ending in @nslogin.nl, shared by e-mail) with a
        // verified mobile number and sends the temporary password by SMS.
        String local = AdminApi.uniqueName("monteur");
        String username = local + "@nslogin.nl";
        String email = local + "@test.localhost";
        String number = Phones.randomNumber();
        String id = createAccount(username, email, number);
        assertThat(user(id).path("username").asText()).isEqualTo(username);
        assertThat(requiredActions(id)).contains("tweestap-configure-totp", "tweestap-secret-question");
        AdminApi.Answer sent = admin.postForAnswer("/admin/realms/" + REALM + "/tweestap-sms/users/" + id
                + "/temporary-password-sms", null);
        assertThat(sent.status()).isEqualTo(204);
        String sms = outbox.smsTo(REALM, number).get(0).path("text").asText();
        assertThat(sms).startsWith("Je tijdelijke wachtwoord voor " + ISSUER).contains(username);
        Matcher m = TEMPORARY.matcher(sms);
        assertThat(m.find()).as("a temporary password in: %s", sms).isTrue();
        String temporary = m.group(1);
        assertThat(requiredActions(id)).contains("UPDATE_PASSWORD");

        String firstKey;
        long firstStep;
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "000-storingen-stations");

            // A1. Download the app; the first time on another device than the phone (the login page says so).
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.await(By.id("username"));
            walk.step("A1-download-de-app-ander-apparaat", "Microsoft Authenticator", "Playstore",
                    "Let op: log de eerste keer in op een ander apparaat dan je telefoon");
            // A2. The login page, on the computer.
            walk.step("A2-inlogpagina", "Inloggen", "Gebruikersnaam", "Wachtwoord", "eindigt op @nslogin.nl",
                    "Vragen? Neem contact op met de IT Servicedesk");
            // A3. Log in with the account (ends in @nslogin.nl) and the temporary password from the SMS.
            browser.type(By.id("username"), username);
            browser.type(By.id("password"), temporary);
            walk.step("A3-inloggen-met-tijdelijk-wachtwoord", "het tijdelijke wachtwoord");
            browser.click(By.id("kc-login"));
            // "Er verschijnt een pagina met QR-code."
            WebElement qr = browser.await(By.id("tweestap-totp-qr"));
            walk.step("A3-pagina-met-QR-code", "Koppelen 'Microsoft Authenticator' app", "QR-code",
                    "ander apparaat dan je telefoon", "Microsoft Authenticator");
            // "Deze apps werken ook": the other apps, not Microsoft Authenticator a second time.
            assertThat(browser.text(By.id("tweestap-totp-apps"))).contains("Google Authenticator")
                    .doesNotContain("Microsoft Authenticator");
            // A4. Open the app on the phone: a choice screen appears (the page says what to choose).
            walk.step("A4-open-de-app-keuzescherm", "Open de app 'Microsoft Authenticator' op je telefoon",
                    "Er verschijnt een keuzescherm");
            // A5. Scan the QR code with 'Een QR-code scannen': the account named after the username is added.
            String uri = Totp.decodeQr(qr.getAttribute("src"));
            firstKey = assertAuthenticatorUri(uri, username);
            assertThat(browser.text(By.id("tweestap-totp-account"))).isEqualTo(ISSUER + ": " + username);
            assertThat(browser.text(By.id("tweestap-totp-key")).replace(" ", "")).isEqualTo(firstKey);
            firstStep = Instant.now().getEpochSecond() / 30;
            browser.type(By.id("totp"), Totp.code(Totp.base32Decode(firstKey), firstStep, 6));
            walk.step("A5-een-QR-code-scannen", "kies 'Een QR-code scannen'", "het account met je gebruikersnaam is toegevoegd",
                    username);
            browser.click(By.id("tweestap-totp-apply"));

            // Keycloak's temporary-password rule: a new password now (the SMS announced it).
            browser.await(By.id("password-new"));
            walk.step("A-nieuw-wachtwoord-kiezen", "Wachtwoord bijwerken", "Vragen? Neem contact op met de IT Servicedesk");
            browser.type(By.id("password-new"), NEW_PASSWORD);
            browser.type(By.id("password-confirm"), NEW_PASSWORD);
            browser.click(By.cssSelector("[type=submit]"));
            // The secret question, needed for instruction B.
            browser.await(By.id("tweestap-question-intro"));
            walk.step("A-geheime-vraag-kiezen", "Kies je geheime vraag", "nieuwe telefoon");
            new Select(browser.await(By.id("question"))).selectByValue("tweestapQuestionFirstPet");
            browser.type(By.id("answer"), ANSWER);
            browser.type(By.id("answer-confirm"), ANSWER.toLowerCase());
            browser.click(By.id("tweestap-question-save"));
            LoginPages.awaitAccount(browser, server, REALM, "Test Monteur");

            JsonNode credentials = credentials(id);
            assertThat(credentials.findValuesAsText("type")).contains("password", "otp", "tweestap-secret-question");
            assertThat(otpLabels(credentials)).containsExactly(ISSUER);
            assertThat(requiredActions(id)).isEmpty();
            assertThat(credentials.toString()).doesNotContainIgnoringCase("bello");

            // The next login: password, then the code from the app.
            try (Browser later = new Browser("nl")) {
                Walkthrough next = new Walkthrough(later, "000-storingen-stations-volgende-keer");
                LoginPages.passwordStep(later, server, REALM, username, NEW_PASSWORD);
                later.await(By.id("otp"));
                next.step("A-volgende-keer-code-uit-de-app", "Code uit de app 'Microsoft Authenticator'");
                later.type(By.id("otp"), freshCode(firstKey, Set.of(firstStep)));
                later.click(By.id("kc-login"));
                LoginPages.awaitAccount(later, server, REALM, "Test Monteur");
                next.finish();
            }

            // B1. New phone: the renewal page (the user guide gives its address). This browser is still logged in.
            int codesBefore = outbox.codesTo(REALM, number).size();
            int mailsBefore = mailbox.to(email).size();
            browser.open(server.realmUrl(REALM) + "/tweestap-recovery");
            browser.await(By.id("tweestap-recovery-intro"));
            walk.step("B1-tweestapsverificatie-vernieuwen", "Tweestapsverificatie vernieuwen", "Nieuwe telefoon?",
                    "Microsoft Authenticator");
            // B2. Username (@nslogin.nl) and mobile number, then 'volgende'.
            browser.type(By.id("username"), username);
            browser.type(By.id("phone"), "06 " + number.substring(4));
            walk.step("B2-gebruikersnaam-en-mobiele-nummer", "Vul je gebruikersnaam en je mobiele nummer in en kies 'volgende'",
                    "Mobiele nummer", "Volgende");
            browser.click(By.id("tweestap-recovery-next"));
            // B3. The SMS code received and the answer to the secret question, each with 'volgende'.
            browser.await(By.id("tweestap-recovery-code-intro"));
            walk.step("B3-ontvangen-SMS-code", "Vul de ontvangen SMS-code in en kies 'volgende'");
            String code = outbox.awaitCode(REALM, number, codesBefore + 1);
            assertThat(outbox.codesTo(REALM, number).get(0).path("text").asText())
                    .startsWith("Je code om de tweestapsverificatie voor " + ISSUER + " te vernieuwen is " + code);
            browser.type(By.id("code"), code);
            browser.click(By.id("tweestap-recovery-next"));
            assertThat(browser.text(By.id("tweestap-recovery-question"))).isEqualTo("Wat was de naam van je eerste huisdier?");
            browser.type(By.id("answer"), "bello  DE hond");
            walk.step("B3-antwoord-op-geheime-vraag", "Vul het antwoord op jouw geheime vraag in en kies 'volgende'");
            browser.click(By.id("tweestap-recovery-next"));
            // B4. The bottom option: "Vernieuw tweestaps verificatie code voor mobiele app".
            browser.await(By.id("tweestap-recovery-options"));
            List<WebElement> options = browser.all(By.cssSelector("#tweestap-recovery-options button"));
            assertThat(options.get(options.size() - 1).getText())
                    .isEqualTo("Vernieuw tweestaps verificatie code voor mobiele app");
            walk.step("B4-onderste-optie", "Kies dan de onderste optie", "Vernieuw tweestaps verificatie code voor mobiele app");
            options.get(options.size() - 1).click();
            // Result: the old app is unlinked from the account.
            browser.await(By.id("tweestap-recovery-done"));
            walk.step("B4-resultaat-app-ontkoppeld", "De oude app is nu ontkoppeld van je account");
            assertThat(credentials(id).findValuesAsText("type")).doesNotContain("otp").contains("password",
                    "tweestap-secret-question");
            assertThat(requiredActions(id)).containsExactly("tweestap-configure-totp");
            JsonNode removed = admin.get("/admin/realms/" + REALM + "/events?type=REMOVE_CREDENTIAL&user=" + id);
            assertThat(removed.findValuesAsText("tweestap_enrollment_required")).contains("true");
            mailbox.await(email, mailsBefore + 1);
            admin.await("the renewal e-mail", java.time.Duration.ofSeconds(15), () -> AdminApi.JSON.valueToTree(
                    mailbox.to(email).stream().map(Mailbox::plainText).filter(t -> t != null
                            && t.contains("Tweestapsverificatie vernieuwen")).toList()), n -> n.size() == 1);

            // B5. Log in on the portal again: the session opened with the old app was ended, so the login page.
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.await(By.id("username"));
            walk.step("B5-opnieuw-inloggen", "Inloggen", "Gebruikersnaam");
            browser.type(By.id("username"), username);
            browser.type(By.id("password"), NEW_PASSWORD);
            browser.click(By.id("kc-login"));
            // B6. Instruction A again: the page with the QR code (not the companion app's binding page).
            WebElement newQr = browser.await(By.id("tweestap-totp-qr"));
            assertThat(browser.present(By.id("tweestap-enroll-qr"))).isFalse();
            walk.step("B6-opnieuw-pagina-met-QR-code", "Koppelen 'Microsoft Authenticator' app", "Een QR-code scannen");
            String secondKey = assertAuthenticatorUri(Totp.decodeQr(newQr.getAttribute("src")), username);
            assertThat(secondKey).isNotEqualTo(firstKey);
            long secondStep = Instant.now().getEpochSecond() / 30;
            browser.type(By.id("totp"), Totp.code(Totp.base32Decode(secondKey), secondStep, 6));
            walk.step("B6-een-QR-code-scannen-nieuwe-telefoon", "het account met je gebruikersnaam is toegevoegd");
            browser.click(By.id("tweestap-totp-apply"));
            LoginPages.awaitAccount(browser, server, REALM, "Test Monteur");
            assertThat(otpLabels(credentials(id))).containsExactly(ISSUER);
            assertThat(requiredActions(id)).isEmpty();

            // The old phone's codes no longer work; the new phone's do.
            try (Browser later = new Browser("nl")) {
                Walkthrough next = new Walkthrough(later, "000-storingen-stations-nieuwe-telefoon");
                LoginPages.passwordStep(later, server, REALM, username, NEW_PASSWORD);
                later.type(By.id("otp"), Totp.code(firstKey, Instant.now().getEpochSecond(), 6, 30));
                later.click(By.id("kc-login"));
                assertThat(later.text(By.id("input-error-otp"))).isNotBlank();
                next.step("B-oude-app-werkt-niet-meer", "Code uit de app 'Microsoft Authenticator'");
                KeycloakServer.sleep(1100);
                later.type(By.id("otp"), freshCode(secondKey, Set.of(secondStep)));
                later.click(By.id("kc-login"));
                LoginPages.awaitAccount(later, server, REALM, "Test Monteur");
                next.finish();
            }
            walk.finish();
        }
    }

    /** Creates the account as the service desk does: no password yet, a verified mobile number. */
    private String createAccount(String username, String email, String number) {
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", username).put("enabled", true).put("email", email).put("emailVerified", true)
                .put("firstName", "Test").put("lastName", "Monteur");
        user.putObject("attributes").putArray("phoneNumber").add(number);
        String location = admin.post("/admin/realms/" + REALM + "/users", user);
        String id = location.substring(location.lastIndexOf('/') + 1);
        admin.attestPhone(REALM, id, number);
        return id;
    }

    /**
     * What Microsoft Authenticator reads from the QR code: a TOTP account "Storingen Stations" named after the
     * username (ending in @nslogin.nl), SHA1, 6 digits, 30 seconds. Returns the key.
     */
    private static String assertAuthenticatorUri(String uri, String username) {
        assertThat(uri).startsWith("otpauth://totp/");
        String label = URI.create(uri).getPath().substring(1);
        assertThat(label).isEqualTo(ISSUER + ":" + username).endsWith("@nslogin.nl");
        Map<String, String> parameters = Totp.parameters(uri);
        assertThat(parameters).containsEntry("issuer", ISSUER).containsEntry("digits", "6")
                .containsEntry("period", "30").containsEntry("algorithm", "SHA1");
        return parameters.get("secret");
    }

    /** The code the app shows now, or the next one when this time step was already used (codes are single use). */
    private static String freshCode(String key, Set<Long> usedSteps) {
        long step = Instant.now().getEpochSecond() / 30;
        if (usedSteps.contains(step)) {
            step++;
        }
        return Totp.code(Totp.base32Decode(key), step, 6);
    }

    private JsonNode user(String id) {
        return admin.get("/admin/realms/" + REALM + "/users/" + id);
    }

    private List<String> requiredActions(String id) {
        List<String> actions = new java.util.ArrayList<>();
        user(id).path("requiredActions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    private JsonNode credentials(String id) {
        return admin.get("/admin/realms/" + REALM + "/users/" + id + "/credentials");
    }

    private static List<String> otpLabels(JsonNode credentials) {
        List<String> labels = new java.util.ArrayList<>();
        credentials.forEach(c -> {
            if ("otp".equals(c.path("type").asText())) {
                labels.add(c.path("userLabel").asText());
            }
        });
        return labels;
    }
}
