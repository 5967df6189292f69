package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.HelpdeskPage;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Tokens;
import io.github.tweestap.it.support.Totp;
import io.github.tweestap.it.support.Walkthrough;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Seed 004, "2 factor authenticatie in het Werknemerloket", followed in order in the realm {@code werknemerloket}:
 * log in with username and password only; "Two factor authenticatie" in the person menu (the portal starts
 * {@code kc_action=tweestap-configure-totp}) → the three steps, a wrong code, the right one → the switched-on
 * e-mail; the next login asks the code ("Inloggen bij het Werknemerloket", the employer as contact, from the realm's
 * configuration); switching off with a code → the switched-off e-mail → the next login is username and password
 * again. The employer's side ("Werknemerloket toegang"): "Tweestapsverificatie actief: Nee", "Gebruikersnaam
 * versturen" and "Blokkeren" on the helpdesk page, as a realm user with a limited realm-management role, each step
 * with a screenshot.
 */
@ExtendWith(KeycloakExtension.class)
class WerknemerloketWalkthroughIT {

    private static final String REALM = "werknemerloket";
    private static final String PASSWORD = "Werknemer-wachtwoord-1";
    private static final By CODE = By.id("totp");
    private static final By ERROR = By.id("input-error-totp");
    private static final String CONTACT = "Heb je geen toegang meer tot je verificatie code app, neem dan contact op met"
            + " je werkgever.";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;

    WerknemerloketWalkthroughIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @Test
    void activateLogInWithTheCodeAndSwitchItOffAgain() throws MessagingException {
        String name = AdminApi.uniqueName("werknemer");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        String email = name + "@test.localhost";
        Codes codes;
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "004-werknemerloket");

            // Before 2FA: username and password only.
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.await(By.id("username"));
            walk.step("inloggen-gebruikersnaam-wachtwoord", "Inloggen", "Gebruikersnaam vergeten?");
            logInWithPassword(browser, name);
            LoginPages.awaitAccount(browser, server, REALM);

            // "Rechtsboven onder het icoontje van een persoon ... Two factor authenticatie".
            browser.open(action("tweestap-configure-totp"));
            walk.step("2fa-instellen", "2 FACTOR AUTHENTICATIE INSTELLEN",
                    "STAP 1", "INSTALLEER DE APP",
                    "Download en installeer een tweestapsverificatie app op je telefoon of tablet. Voorbeelden van deze"
                            + " apps staan hieronder.",
                    "Google Authenticator", "Duo Mobile", "Authy",
                    "STAP 2", "SCAN DEZE BARCODE",
                    "Open de tweestapsverificatie app en scan het plaatje met de camera van je toestel, of kopieer"
                            + " onderstaande code en plak deze in de tweestapsverificatie app. De app zal dan een"
                            + " 6-cijferige verificatiecode genereren die je bij de volgende stap invult.",
                    "STAP 3", "VOER DE VERIFICATIECODE IN",
                    "Wanneer de bovenstaande stap is uitgevoerd, wordt er op uw mobiele apparaat een 6-cijferige code"
                            + " getoond. Voer deze verificatiecode hier in:",
                    "Verificatiecode", "Annuleren", "Toepassen",
                    "Doorloop eenmalig deze procedure en 2 factor authenticatie is voor jou geactiveerd.");
            // The seed's three example apps, in its order; no "Klik hier" while the realm configures no address.
            assertThat(browser.all(By.cssSelector("#tweestap-totp-apps li")).stream().map(WebElement::getText))
                    .containsExactly("Google Authenticator", "Duo Mobile", "Authy");
            assertThat(browser.present(By.id("tweestap-totp-info"))).isFalse();
            assertThat(browser.text(By.id("kc-tweestap-totp-form"))).doesNotContain("Klik hier");

            // STAP 2: the barcode and the code to copy name the same key, for the issuer "Werknemerloket".
            String uri = Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src"));
            assertThat(uri).startsWith("otpauth://totp/Werknemerloket:" + name + "?");
            Map<String, String> parameters = Totp.parameters(uri);
            assertThat(parameters).containsEntry("issuer", "Werknemerloket").containsEntry("digits", "6")
                    .containsEntry("period", "30").containsEntry("algorithm", "SHA1");
            String key = parameters.get("secret");
            assertThat(browser.text(By.id("tweestap-totp-key")).replace(" ", "")).isEqualTo(key);
            assertThat(browser.text(By.id("tweestap-totp-account"))).isEqualTo("Werknemerloket: " + name);
            codes = new Codes(key);

            // STAP 3: a wrong code first: a Dutch error, nothing stored, no e-mail.
            int mailsBefore = mailbox.to(email).size();
            submit(browser, By.id("tweestap-totp-apply"), codes.wrong());
            walk.step("2fa-instellen-verkeerde-code", "De verificatiecode is onjuist", "VOER DE VERIFICATIECODE IN");
            assertThat(browser.text(ERROR)).startsWith("De verificatiecode is onjuist");
            assertThat(admin.otpActive(REALM, id)).isFalse();

            // The right code: activated, back in the portal.
            submit(browser, By.id("tweestap-totp-apply"), codes.next());
            awaitPortal(browser, "success");
            assertThat(admin.otpActive(REALM, id)).isTrue();
            MimeMessage on = mailbox.await(email, mailsBefore + 1);
            assertThat(on.getSubject()).isEqualTo("Wijziging in de beveiliging van je Werknemerloket");
            assertThat(Mailbox.plainText(on)).contains("2 factor authenticatie ingeschakeld voor het Werknemerloket",
                    "Was jij dit niet? Neem dan direct contact op met je werkgever.");
            assertThat(mailbox.to(email)).hasSize(mailsBefore + 1);
        }

        // "Inloggen Werknemerloket": after username and password, the code page.
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "004-werknemerloket-inloggen");
            browser.open(server.realmUrl(REALM) + "/account/");
            logInWithPassword(browser, name);
            walk.step("inloggen-verificatiecode", "Inloggen bij het Werknemerloket", "Verificatiecode", "Annuleren",
                    "Inloggen", CONTACT,
                    "Vul hier de code in die je terug kunt vinden in de app die op je mobile device is geïnstalleerd."
                            + " De code die in de app wordt gegenereerd, is een beperkte tijd geldig.");
            // The contact sentence is the realm's configuration, not the theme's neutral fallback.
            assertThat(browser.text(By.id("tweestap-otp-no-access"))).isEqualTo(CONTACT);

            // Annuleren goes back to username and password.
            browser.click(By.id("tweestap-otp-cancel"));
            browser.await(By.id("password"));
            walk.step("inloggen-na-annuleren", "Inloggen");
            logInWithPassword(browser, name);
            browser.await(By.id("otp"));
            browser.type(By.id("otp"), codes.next());
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, REALM);

            // "Deactiveren in het Werknemerloket": the same menu, now switching off, with a current code.
            browser.open(action("tweestap-deactivate-totp"));
            walk.step("2fa-uitschakelen", "2 FACTOR AUTHENTICATIE UITSCHAKELEN",
                    "2 factor authenticatie staat op dit moment ingeschakeld. Voer de 6 cijferige verificatiecode"
                            + " gegenereerd door de tweestapsverificatie app hieronder in. Klik dan op 'Toepassen' om two"
                            + " factor authenticatie uit te schakelen",
                    "Verificatiecode", "Annuleren", "Toepassen");
            int mailsBefore = mailbox.to(email).size();
            submit(browser, By.id("tweestap-deactivate-apply"), codes.next());
            awaitPortal(browser, "success");
            assertThat(admin.otpActive(REALM, id)).isFalse();
            MimeMessage off = mailbox.await(email, mailsBefore + 1);
            assertThat(off.getSubject()).isEqualTo("Wijziging in de beveiliging van je Werknemerloket");
            assertThat(Mailbox.plainText(off)).contains("2 factor authenticatie uitgeschakeld voor het Werknemerloket",
                    "Je logt nu in met alleen je gebruikersnaam en wachtwoord.");
            JsonNode removed = admin.get("/admin/realms/" + REALM + "/events?type=REMOVE_CREDENTIAL&user=" + id);
            assertThat(removed.findValuesAsText("credential_type")).contains("otp");
            walk.finish();
        }

        // The next login: username and password, no code.
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            logInWithPassword(browser, name);
            LoginPages.awaitAccount(browser, server, REALM);
            assertThat(browser.present(By.id("otp"))).isFalse();
        }
    }

    @Test
    void theEmployerSwitchesItOffSendsTheUsernameAndBlocks() throws MessagingException {
        String name = AdminApi.uniqueName("werknemer");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        String email = name + "@test.localhost";
        String employer = AdminApi.uniqueName("werkgever");
        String employerId = admin.createUser(REALM, employer, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, employerId, "view-users");
        admin.grantRealmManagementRole(REALM, employerId, "manage-users");

        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "004-werknemerloket-werkgever");
            browser.open(server.realmUrl(REALM) + "/account/");
            logInWithPassword(browser, name);
            LoginPages.awaitAccount(browser, server, REALM);
            browser.open(action("tweestap-configure-totp"));
            walk.step("2fa-instellen", "2 FACTOR AUTHENTICATIE INSTELLEN", "Toepassen");
            Codes codes = new Codes(Totp.parameters(Totp.decodeQr(
                    browser.await(By.id("tweestap-totp-qr")).getAttribute("src"))).get("secret"));
            submit(browser, By.id("tweestap-totp-apply"), codes.next());
            awaitPortal(browser, "success");
            walk.finish();
        }
        // An employee cannot switch off someone else's 2FA, whatever they send.
        String colleague = AdminApi.uniqueName("collega");
        admin.createUser(REALM, colleague, PASSWORD, null);
        String colleagueToken = new Tokens(server).byLogin(REALM, "werknemerloket", portal(), colleague, PASSWORD);
        assertThat(admin.statusWithToken(colleagueToken, "DELETE", otpPath(id))).isEqualTo(403);
        assertThat(admin.statusWithToken(colleagueToken, "POST",
                "/admin/realms/" + REALM + "/tweestap-account/users/" + id + "/username-email")).isEqualTo(403);
        assertThat(admin.otpActive(REALM, id)).isTrue();

        // "Werknemerloket toegang" in Loket.nl: the employer on the helpdesk page, with their own login.
        int mailsBefore = mailbox.to(email).size();
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "004-werknemerloket-werkgever-toegang");
            HelpdeskPage.open(browser, HelpdeskPage.url(server, REALM));
            walk.step("werkgever-inloggen", "Inloggen");
            HelpdeskPage.submitLogIn(browser, employer, PASSWORD);
            HelpdeskPage.awaitReady(browser);
            browser.type(By.id("hd-q"), name);
            browser.click(By.id("hd-search-submit"));
            browser.await(By.cssSelector("button[data-user='" + id + "']"));
            walk.step("werknemer-zoeken", name);
            browser.click(By.cssSelector("button[data-user='" + id + "']"));
            HelpdeskPage.awaitText(browser, By.id("hd-two-factor"), "Ja");
            // "Tweestapsverificatie actief": Ja, as the employer sees it, with "Blokkeren" and "Gebruikersnaam versturen".
            walk.step("werknemerloket-toegang", "Blokkeren", "Gebruikersnaam versturen", "Tweestapsverificatie actief",
                    name + "@test.localhost");

            // The employer sets "Tweestapsverificatie actief" to "Nee", after confirming.
            browser.click(By.id("hd-action-two-factor-off"));
            browser.await(By.id("hd-confirm-text"));
            walk.step("tweestapsverificatie-uitzetten-bevestigen", "uitschakelen");
            browser.click(By.id("hd-confirm-yes"));
            HelpdeskPage.awaitText(browser, By.id("hd-two-factor"), "Nee");
            walk.step("tweestapsverificatie-actief-nee", "Tweestapsverificatie actief", "is uitgeschakeld");
            assertThat(admin.otpActive(REALM, id)).isFalse();
            // The realm's admin events record who switched it off.
            JsonNode deletes = admin.get("/admin/realms/" + REALM + "/admin-events?operationTypes=DELETE&resourceTypes=USER");
            assertThat(deletes.findParents("resourcePath").stream()
                    .filter(e -> e.path("resourcePath").asText().contains(id))
                    .map(e -> e.path("authDetails").path("userId").asText())).contains(employerId);
            // "Je kunt als werknemer nu inloggen met alleen gebruikersnaam en wachtwoord."
            try (Browser employee = new Browser("nl")) {
                employee.open(server.realmUrl(REALM) + "/account/");
                logInWithPassword(employee, name);
                LoginPages.awaitAccount(employee, server, REALM);
            }

            // "Gebruikersnaam versturen": themed for the Werknemerloket.
            browser.click(By.id("hd-action-username"));
            browser.click(By.id("hd-confirm-yes"));
            HelpdeskPage.awaitText(browser, By.id("hd-status"), "verstuurd");
            walk.step("gebruikersnaam-versturen", "De gebruikersnaam is per e-mail verstuurd.");
            MimeMessage usernameMail = mailbox.await(email, mailsBefore + 1);
            assertThat(usernameMail.getSubject()).isEqualTo("Je gebruikersnaam voor het Werknemerloket");
            assertThat(Mailbox.plainText(usernameMail)).contains("Beste werknemer,", "door je werkgever", name);

            // "Blokkeren": Keycloak's own switch on the user, allowed to the employer.
            browser.click(By.id("hd-action-block"));
            browser.click(By.id("hd-confirm-yes"));
            HelpdeskPage.awaitText(browser, By.id("hd-blocked"), "Ja");
            walk.step("geblokkeerd", "is geblokkeerd", "Deblokkeren");
            walk.finish();
        }
        assertThat(admin.get("/admin/realms/" + REALM + "/users/" + id).path("enabled").asBoolean()).isFalse();
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            logInWithPassword(browser, name);
            String message = browser.text(By.cssSelector("#input-error-username, .pf-v5-c-alert"));
            assertThat(message).isNotBlank();
            assertThat(browser.driver().getCurrentUrl()).doesNotStartWith(server.realmUrl(REALM) + "/account");
        }
    }

    @Test
    void klikHierAppearsOnlyWhenTheRealmConfiguresAnAddress() {
        String address = "https://support.google.com/accounts/answer/1066447";
        admin.put("/admin/realms/" + REALM, Map.of("attributes", Map.of("tweestapTotpInfoUrl", address)));
        String name = AdminApi.uniqueName("werknemer");
        admin.createUser(REALM, name, PASSWORD, null);
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "004-werknemerloket-meer-informatie");
            browser.open(server.realmUrl(REALM) + "/account/");
            logInWithPassword(browser, name);
            LoginPages.awaitAccount(browser, server, REALM);
            browser.open(action("tweestap-configure-totp"));
            walk.step("2fa-instellen-met-informatie", "Voor meer informatie Klik hier");
            assertThat(browser.await(By.id("tweestap-totp-info")).getAttribute("href")).isEqualTo(address);
            walk.finish();
        } finally {
            admin.put("/admin/realms/" + REALM, Map.of("attributes", Map.of("tweestapTotpInfoUrl", "")));
        }
    }

    // ---- helpers ----

    private void logInWithPassword(Browser browser, String name) {
        browser.await(By.id("username"));
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), PASSWORD);
        browser.clickAndAwait(By.id("kc-login"), By.tagName("body"));
    }

    /**
     * What the portal's person menu does: an authorization request with kc_action, back to the portal (the realm's
     * client {@code werknemerloket} stands in for it and returns to the dev outbox page, a plain page).
     */
    private String action(String action) {
        return server.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=werknemerloket&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(portal(), StandardCharsets.UTF_8)
                + "&kc_action=" + action;
    }

    private String portal() {
        return server.realmUrl(REALM) + "/tweestap-outbox";
    }

    private void awaitPortal(Browser browser, String status) {
        browser.awaitUrl(url -> url.startsWith(portal()) && url.contains("kc_action_status=" + status));
    }

    /** At a human pace: wrong codes count for brute-force detection, which also reacts to quick successions. */
    private static void submit(Browser browser, By button, String code) {
        KeycloakServer.sleep(1100);
        browser.type(CODE, code);
        browser.clickAndAwait(button, By.tagName("body"));
    }

    private static String otpStatusPath(String id) {
        return "/admin/realms/" + REALM + "/tweestap-otp/users/" + id;
    }

    private static String otpPath(String id) {
        return otpStatusPath(id) + "/otp";
    }

    /**
     * The phone's app: each code is from a later 30 s step than the one before (a used code is refused), within the
     * server's look-ahead window of one step; waits for the next step when it must.
     */
    private static final class Codes {
        private final byte[] key;
        private long last = Long.MIN_VALUE;

        Codes(String base32Key) {
            this.key = Totp.base32Decode(base32Key);
        }

        String next() {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(65));
            while (true) {
                long now = Instant.now().getEpochSecond() / 30;
                long step = Math.max(last + 1, now);
                if (step <= now + 1) {
                    last = step;
                    return Totp.code(key, step, 6);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no fresh TOTP step");
                }
                KeycloakServer.sleep(500);
            }
        }

        /** A code no step near now produces. */
        String wrong() {
            long now = Instant.now().getEpochSecond() / 30;
            for (int candidate = 0; ; candidate++) {
                String code = String.format("%06d", candidate);
                boolean valid = false;
                for (long s = now - 2; s <= now + 2; s++) {
                    valid |= Totp.code(key, s, 6).equals(code);
                }
                if (!valid) {
                    return code;
                }
            }
        }
    }
}
