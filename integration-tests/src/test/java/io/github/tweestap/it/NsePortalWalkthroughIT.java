package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Totp;
import io.github.tweestap.it.support.Walkthrough;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Seed 002, "NSE 2025 instructie tweefactorauthenticatie", step by step in the browser against realm
 * {@code nse-portal}: a personal account without a password asks for one through "vraag hier je wachtwoord aan",
 * sets it from the e-mailed link (requirements on screen; a password that breaks one is refused), logs in, activates
 * two-factor authentication from the portal (an application-initiated action), scans the QR code ('Nse-Portal' with
 * the e-mail address), types the code, sees that the link succeeded, and from then on logs in with password and code.
 * The helpdesk block comes from the realm's localization texts.
 */
@ExtendWith(KeycloakExtension.class)
class NsePortalWalkthroughIT {

    private static final String REALM = "nse-portal";
    private static final String CLIENT = "nse-portal";
    /** PKCE is required for the portal's client; the verifier does not matter here (the code is never redeemed). */
    private static final String PKCE = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/login-actions/action-token\\S+)");
    private static final String HELPDESK_TITLE = "Contactgegevens NSE Helpdesk";
    private static final String HELPDESK_EMAIL = "info@nse-portal.test";
    private static final String HELPDESK_HOURS = "werkdagen van 9.00 uur tot 17.00 uur";
    /**
     * The portal's own address (nothing listens there: the URL is what counts). The realm file points the client at
     * the account console for the demo, which cannot take a code issued to another client; the test does what its
     * README asks of an admin: it points the client at the portal.
     */
    private static final String PORTAL = "http://localhost:1/nse-portal/";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;

    NsePortalWalkthroughIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @Test
    void seed002FromANewPasswordToLoggingInWithTheAppsCode() throws Exception {
        pointTheClientAtThePortal();
        String email = AdminApi.uniqueName("docent") + "@nse-portal.test";
        String id = personalAccountWithoutPassword(email);
        String newPassword = "Nieuw-Wachtwoord-2025";
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "002-nse-portal");

            // Stap 1: open de NSE Portal (the portal sends the browser to its login page).
            browser.open(portal(""));
            walk.step("stap-01-inlogpagina", "Inloggen", "E-mailadres", "Wachtwoord", "Vraag hier je wachtwoord aan",
                    HELPDESK_TITLE, HELPDESK_EMAIL, "020 – 123 4567", HELPDESK_HOURS);
            assertThat(browser.present(By.id("tweestap-forgot-username"))).as("no username reminder: e-mail is the username").isFalse();

            // Stap 2: "vraag hier je wachtwoord aan", helemaal onderaan de pagina: the only reset link, after the form.
            List<WebElement> resetLinks = browser.all(By.cssSelector("a[href*='reset-credentials']"));
            assertThat(resetLinks).hasSize(1);
            WebElement resetLink = browser.await(By.id("tweestap-reset-link"));
            assertThat(resetLink.getText()).isEqualToIgnoringCase("vraag hier je wachtwoord aan");
            assertThat(isAfter(browser, "kc-form-login", resetLink)).as("reset link below the login form").isTrue();
            assertThat(isAfter(browser, "nse-portal-helpdesk", resetLink)).as("only the helpdesk block below it").isFalse();
            resetLink.click();
            walk.step("stap-02-wachtwoord-aanvragen", "Wachtwoord aanvragen", "E-mailadres",
                    "Vul het e-mailadres in waarmee je bij ons bekend bent",
                    "Neem dan contact op met het NSE-projectteam via info@nse-portal.test", HELPDESK_TITLE);

            // Stap 3: het e-mailadres waarmee je bij ons bekend bent.
            browser.type(By.id("username"), email);
            browser.click(By.id("kc-form-buttons"));
            walk.step("stap-03-aangevraagd", "Je ontvangt binnen enkele minuten een e-mail met een link om een nieuw"
                    + " wachtwoord in te stellen", "spamfolder");

            // Stap 4: de e-mail met de link.
            MimeMessage resetMail = mailbox.await(email, 1);
            assertThat(resetMail.getSubject()).isEqualTo("Stel een nieuw wachtwoord in");
            String body = Mailbox.plainText(resetMail);
            assertThat(body).contains("Je hebt een nieuw wachtwoord aangevraagd voor NSE Portal",
                    "Klik op de link hieronder om een nieuw wachtwoord in te stellen");
            Matcher link = LINK.matcher(body);
            assertThat(link.find()).as("link in the e-mail: " + body).isTrue();
            browser.open(link.group(1));

            // Stap 5: een nieuw wachtwoord, met de voorwaarden op het scherm. One that breaks a rule first.
            walk.step("stap-05-nieuw-wachtwoord", "Stel een nieuw wachtwoord in",
                    "Het nieuwe wachtwoord moet voldoen aan de volgende voorwaarden:", "Minimaal 1 kleine letter",
                    "Minimaal 1 hoofdletter", "Minimaal 1 nummer", "Minimaal 1 nonalfanumeriek", "Minimaal 10 karakters");
            setPassword(browser, "geheim-wachtwoord-2025");
            walk.step("stap-05-voorwaarde-niet-voldaan",
                    "Dit wachtwoord voldoet niet aan de voorwaarden: gebruik minimaal 1 hoofdletter.");
            assertThat(admin.credentialTypes(REALM, id)).doesNotContain("password");
            setPassword(browser, newPassword);
            awaitPortal(browser);
            assertThat(admin.credentialTypes(REALM, id)).containsExactly("password");

            // Stap 6: inloggen met het nieuwe wachtwoord.
            logOut(browser, walk, "stap-06-uitloggen");
            browser.open(portal(""));
            browser.type(By.id("username"), email);
            browser.type(By.id("password"), newPassword);
            walk.step("stap-06-inloggen", "Vraag hier je wachtwoord aan", HELPDESK_TITLE);
            int portalLogins = portalLogins(id);
            browser.click(By.id("kc-login"));
            awaitPortal(browser);
            assertThat(awaitPortalLogins(id, portalLogins + 1)).isGreaterThan(portalLogins);

            // Stap 7: "Klik hier om twee-factor-authenticatie voor je account te activeren": the portal's link is an
            // application-initiated action.
            browser.open(portal("&kc_action=tweestap-configure-totp"));

            // Stap 8 t/m 11: het stappenplan met de QR-code.
            walk.step("stap-08-11-stappenplan", "Twee-factor-authenticatie activeren",
                    "Stap 1: installeer een authenticatie app", "Google Play Store", "Apple App Store",
                    "Microsoft Authenticator", "Stap 2: voeg een account toe en scan de QR-code",
                    "in Microsoft Authenticator doe je dit met het '+'-teken", "Kies de optie \"Ander account\"",
                    "scan de QR-code hieronder", "Stap 3: vul de zescijferige code in", HELPDESK_TITLE);
            assertThat(browser.text(By.id("tweestap-totp-apps"))).contains("Microsoft Authenticator", "Google Authenticator");

            // Stap 12: het account heet 'Nse-Portal', met daaronder het e-mailadres.
            String uri = Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src"));
            assertThat(uri).startsWith("otpauth://totp/Nse-Portal:" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "?");
            Map<String, String> parameters = Totp.parameters(uri);
            assertThat(parameters).containsEntry("issuer", "Nse-Portal").containsEntry("digits", "6")
                    .containsEntry("period", "30").containsEntry("algorithm", "SHA1");
            assertThat(browser.text(By.id("tweestap-totp-account"))).isEqualTo("Nse-Portal: " + email);
            walk.step("stap-12-account-nse-portal", "Nse-Portal: " + email);
            byte[] key = Totp.base32Decode(parameters.get("secret"));

            // Stap 13: de zescijferige code uit de app.
            long step = Instant.now().getEpochSecond() / 30;
            browser.type(By.id("totp"), Totp.code(key, step, 6));
            browser.click(By.id("tweestap-totp-apply"));

            // Stap 14: bevestiging; vanaf nu wachtwoord + code.
            walk.step("stap-14-koppeling-gelukt", "Twee-factor-authenticatie is geactiveerd", "De koppeling is gelukt.",
                    "In de app heet het account Nse-Portal, met daaronder " + email + ".",
                    "Vanaf nu log je in met je wachtwoord en de zescijferige code uit de authenticatie app.");
            assertThat(admin.get("/admin/realms/" + REALM + "/tweestap-otp/users/" + id).path("active").asBoolean()).isTrue();
            assertThat(admin.credentialTypes(REALM, id)).containsExactlyInAnyOrder("password", "otp");
            browser.click(By.id("tweestap-totp-done-continue"));
            browser.awaitUrl(url -> url.startsWith(PORTAL) && url.contains("kc_action_status=success"));
            // Keycloak's "email" event listener: the switched-on notice, in the portal's words.
            assertThat(awaitMail(email, "De koppeling met je authenticatie app is gelukt")).isNotNull();

            logOut(browser, walk, "stap-14-uitloggen");
            browser.open(portal(""));
            browser.type(By.id("username"), email);
            browser.type(By.id("password"), newPassword);
            browser.click(By.id("kc-login"));
            walk.step("stap-14-inloggen-met-code", "Zescijferige code uit de authenticatie app", HELPDESK_TITLE);
            // The activation's code counts as used; the app's next code logs in.
            browser.type(By.id("otp"), Totp.code(key, step, 6));
            portalLogins = portalLogins(id);
            browser.click(By.id("kc-login"));
            assertThat(browser.text(By.id("input-error-otp"))).isNotBlank();
            Thread.sleep(1100); // two failures within a second would count as a quick-login attack
            browser.type(By.id("otp"), Totp.code(key, step + 1, 6));
            browser.click(By.id("kc-login"));
            awaitPortal(browser);
            assertThat(awaitPortalLogins(id, portalLogins + 1)).isGreaterThan(portalLogins);

            walk.finish();
        }
    }

    /** The helpdesk block and the contact advice are realm texts: English for English users, absent without them. */
    @Test
    void theHelpdeskBlockComesFromTheRealmsTexts() {
        pointTheClientAtThePortal();
        try (Browser browser = new Browser("en")) {
            Walkthrough walk = new Walkthrough(browser, "002-nse-portal-en");
            browser.open(portal(""));
            walk.step("login-en", "Request your password here", "NSE Helpdesk contact details", HELPDESK_EMAIL,
                    "working days from 9:00 to 17:00");
            browser.click(By.id("tweestap-reset-link"));
            walk.step("reset-en", "Request a password", "Contact the NSE project team at info@nse-portal.test");
            walk.finish();
        }

        String bare = AdminApi.uniqueName("nse-bare");
        ObjectNode realm = AdminApi.JSON.createObjectNode().put("realm", bare).put("enabled", true)
                .put("loginTheme", "nse-portal").put("resetPasswordAllowed", true)
                .put("internationalizationEnabled", true).put("defaultLocale", "nl");
        realm.putArray("supportedLocales").add("nl").add("en");
        admin.post("/admin/realms", realm);
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(bare) + "/account/");
            assertThat(browser.text(By.id("tweestap-reset-link"))).isEqualTo("Vraag hier je wachtwoord aan");
            assertThat(browser.present(By.id("nse-portal-helpdesk"))).isFalse();
            assertThat(browser.source()).doesNotContain("nsePortalHelpdesk");
            browser.click(By.id("tweestap-reset-link"));
            assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Wachtwoord aanvragen");
            assertThat(browser.present(By.id("nse-portal-contact-advice"))).isFalse();
            assertThat(browser.present(By.id("nse-portal-helpdesk"))).isFalse();

            // The same theme shows a text as soon as the realm sets it (Realm settings → Localization → Realm overrides).
            admin.post("/admin/realms/" + bare + "/localization/nl",
                    Map.of("nsePortalContactAdvice", "Vragen? Mail naar hulp@voorbeeld.test.",
                            "nsePortalHelpdeskPhone", "030 – 765 4321"));
            browser.driver().navigate().refresh();
            assertThat(browser.text(By.id("nse-portal-contact-advice"))).isEqualTo("Vragen? Mail naar hulp@voorbeeld.test.");
            assertThat(browser.text(By.id("nse-portal-helpdesk-phone"))).isEqualTo("Telefoon: 030 – 765 4321");
            assertThat(browser.await(By.cssSelector("#nse-portal-helpdesk-phone a")).getAttribute("href"))
                    .isEqualTo("tel:0307654321");
            assertThat(browser.present(By.id("nse-portal-helpdesk-email"))).isFalse();
            assertThat(browser.present(By.id("nse-portal-helpdesk-title"))).isFalse();
        } finally {
            admin.delete("/admin/realms/" + bare);
        }
    }

    // ---- the portal, as an application ------------------------------------------------------------------------

    /** What the portal does: an authorization request of its client (with kc_action for the activation link). */
    private String portal(String extra) {
        return server.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=" + CLIENT + "&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(PORTAL, StandardCharsets.UTF_8) + PKCE + extra;
    }

    /** Back at the portal with an authorization code: the login (or the action) is done. */
    private void awaitPortal(Browser browser) {
        browser.awaitUrl(url -> url.startsWith(PORTAL) && url.contains("code="));
    }

    private synchronized void pointTheClientAtThePortal() {
        JsonNode client = admin.get("/admin/realms/" + REALM + "/clients?clientId=" + CLIENT).get(0);
        ObjectNode update = (ObjectNode) client.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode uris = update.withArray("redirectUris");
        boolean present = false;
        for (JsonNode uri : uris) {
            present |= uri.asText().equals(PORTAL + "*");
        }
        if (!present) {
            uris.add(PORTAL + "*");
            admin.put("/admin/realms/" + REALM + "/clients/" + client.path("id").asText(), update);
        }
    }

    private void logOut(Browser browser, Walkthrough walk, String label) {
        browser.open(server.realmUrl(REALM) + "/protocol/openid-connect/logout");
        walk.step(label, "Wil je uitloggen?");
        browser.clickAndAwait(By.id("kc-logout"), By.tagName("body"));
    }

    private void setPassword(Browser browser, String password) {
        browser.type(By.id("password-new"), password);
        browser.type(By.id("password-confirm"), password);
        browser.clickAndAwait(By.id("kc-submit"), By.tagName("body"));
    }

    private static boolean isAfter(Browser browser, String elementId, WebElement element) {
        Object following = ((JavascriptExecutor) browser.driver()).executeScript(
                "const a = document.getElementById(arguments[0]);"
                        + " return !!a && (a.compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;",
                elementId, element);
        return Boolean.TRUE.equals(following);
    }

    // ---- what the server did -----------------------------------------------------------------------------------

    /**
     * A personal account as the helpdesk creates it: the e-mail address (registered by the helpdesk, so verified; the
     * "email" event listener writes only to verified addresses) is the username; no password yet.
     */
    private String personalAccountWithoutPassword(String email) {
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", email).put("email", email).put("emailVerified", true).put("enabled", true)
                .put("firstName", "Docent").put("lastName", "Test");
        String location = admin.post("/admin/realms/" + REALM + "/users", user);
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private String user(String id) {
        return "/admin/realms/" + REALM + "/users/" + id;
    }

    /** LOGIN events of the user at the portal's client (the account console's own silent logins not counted). */
    private int portalLogins(String id) {
        JsonNode events = admin.get("/admin/realms/" + REALM + "/events?type=LOGIN&client=" + CLIENT + "&user=" + id);
        return events.size();
    }

    private int awaitPortalLogins(String id, int atLeast) {
        long deadline = System.currentTimeMillis() + 10_000;
        int count = portalLogins(id);
        while (count < atLeast && System.currentTimeMillis() < deadline) {
            KeycloakServer.sleep(200);
            count = portalLogins(id);
        }
        return count;
    }

    private MimeMessage awaitMail(String address, String text) throws MessagingException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage message : mailbox.to(address)) {
                String plain = Mailbox.plainText(message);
                if (plain != null && plain.contains(text)) {
                    return message;
                }
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no e-mail to " + address + " saying: " + text);
    }
}
