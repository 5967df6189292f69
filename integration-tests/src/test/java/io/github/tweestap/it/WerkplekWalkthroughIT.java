package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.DeviceStatus;
import io.github.tweestap.companion.Enrollment;
import io.github.tweestap.companion.Profile;
import io.github.tweestap.companion.QrLinks;
import io.github.tweestap.companion.Totp;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Walkthrough;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Seed 001, "De KPN Werkplek app": the move from SMS codes to the Werkplek app, step by step in the realm
 * {@code werkplek} as ./run.sh imports it. The computer is one browser, the phone is the companion library (the app)
 * plus a second browser for the link in the SMS.
 *
 * <ol>
 *   <li>Download the app: the companion library is the app; nothing to do on a page.</li>
 *   <li>Log in with username and password ("Aanmelden"): the page shows the QR code.</li>
 *   <li>(The seed has no step 3.)</li>
 *   <li>The app scans the QR code; a one-time SMS with a 6-digit code arrives; the link in it binds the app ("De
 *       koppeling is gereed … 'Aan de slag'"); the login continues by itself; the app's profile shows the user.</li>
 *   <li>The test: log in again → "Logt u in?" reaches the phone, which answers "Ja" → in, without a click. Then the
 *       fallback "Voer code handmatig in" with the app's 6-digit code. The app's profile shows how long the password is
 *       valid. "Unlocken": wrong passwords lock the account, the app gets the unlock notification, "ontgrendel" lifts
 *       the lock, the right password and the app's code log in, and the password is unchanged.</li>
 * </ol>
 */
@ExtendWith(KeycloakExtension.class)
class WerkplekWalkthroughIT {

    private static final String REALM = "werkplek";
    private static final String PASSWORD = "Werkplek-wachtwoord-1";
    private static final By NUMBER = By.id("tweestap-push-number");
    private static final Pattern BIND_LINK = Pattern.compile("https?://\\S+/tweestap-app/link\\?t=[A-Za-z0-9_-]+");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    WerkplekWalkthroughIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    @Test
    void fromSmsCodesToTheWerkplekApp() {
        String name = AdminApi.uniqueName("collega");
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        assertThat(admin.credentialTypes(REALM, id)).doesNotContain("tweestap-device", "otp");

        try (Browser computer = new Browser("nl"); Browser phoneBrowser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(computer, "001-werkplek");
            Walkthrough phoneWalk = new Walkthrough(phoneBrowser, "001-werkplek-telefoon");

            // 1. Download de KPN Werkplek app: the companion library is the app on the phone.
            CompanionClient app = new CompanionClient();

            // 2. Meld je aan op de inlogpagina: username and password, "Aanmelden" → the page with the QR code.
            computer.open(server.realmUrl(REALM) + "/account/");
            computer.await(By.id("kc-login")); // the account console sends the browser on to the login page
            walk.step("inlogpagina", "Meld je aan", "Gebruikersnaam", "Wachtwoord", "Aanmelden");
            computer.type(By.id("username"), name);
            computer.type(By.id("password"), PASSWORD);
            computer.click(By.id("kc-login"));
            String qr = computer.await(By.id("tweestap-enroll-qr")).getAttribute("src");
            walk.step("QR-code", "Koppel de Werkplek app aan je account", "Open de Werkplek app op je mobiel",
                    "Scan QR-code", "toestemming om de camera te gebruiken", "éénmalig een SMS-bericht met een 6-cijferige code",
                    "klik simpelweg op de link");

            // 4. Je NS-account koppelen: the app scans the QR code from the login page ...
            String enrollLink = QrLinks.decodeDataUri(qr);
            assertThat(enrollLink).startsWith(server.realmUrl(REALM) + "/tweestap-device/enroll?token=");
            Enrollment enrollment = app.enroll(URI.create(enrollLink), "Werkplek app");
            assertThat(enrollment.status()).isEqualTo("pending");
            assertThat(enrollment.phoneHint()).endsWith(number.substring(number.length() - 2));
            // ... one SMS arrives, once, with a 6-digit code and a link ...
            String code = outbox.awaitCode(REALM, number, 1);
            assertThat(code).matches("[0-9]{6}");
            List<JsonNode> sms = outbox.smsTo(REALM, number);
            String bindSms = sms.get(0).path("text").asText();
            assertThat(bindSms).startsWith("Je code om de Werkplek app te koppelen is " + code);
            Matcher link = BIND_LINK.matcher(bindSms);
            assertThat(link.find()).as("a link in the SMS: " + bindSms).isTrue();
            assertThat(app.status().isPending()).as("not bound before the SMS code or link").isTrue();
            // ... "klik simpelweg op de link in de zojuist ontvangen SMS" (on the phone) ...
            phoneBrowser.open(link.group());
            phoneWalk.step("SMS-link", "Werkplek app koppelen", "Wil je de Werkplek app op deze telefoon koppelen",
                    "Werkplek app", "127.0.0.1");
            phoneBrowser.click(By.id("tweestap-link-confirm"));
            assertThat(phoneBrowser.text(By.id("tweestap-link-done"))).contains("De koppeling is gereed", "Aan de slag");
            phoneWalk.step("koppeling gereed", "De koppeling is gereed", "Aan de slag");
            // ... the login page was waiting for exactly this and continues by itself.
            awaitAccount(computer);
            DeviceStatus bound = app.status();
            assertThat(bound.isActive()).isTrue();
            assertThat(bound.totp()).as("the app's 6-digit codes").isNotNull();
            assertThat(admin.credentialTypes(REALM, id)).contains("tweestap-device", "otp");
            // "Sluit de app, open de app weer": under 'Gebruiker' the user's own account.
            Profile profile = app.profile();
            assertThat(profile.username()).isEqualTo(name);
            assertThat(profile.firstName()).isEqualTo("Test");
            // Only this one SMS: from now on no SMS codes.
            assertThat(outbox.smsTo(REALM, number)).hasSize(sms.size());

            // 5. Klaar! Doe de test: log in again; "Logt u in?" reaches the phone, "Ja" logs in without a click.
            newSession(computer);
            walk.step("opnieuw inloggen", "Meld je aan", "Aanmelden");
            password(computer, name, PASSWORD);
            String shown = computer.text(NUMBER);
            assertThat(shown).matches("[1-9][0-9]");
            walk.step("wachten op de app", "Bevestig de aanmelding in de Werkplek app", "Logt u in?",
                    "controleer eventueel de gegevens", "‘Ja’", "Voer code handmatig in");
            Challenge push = Phones.awaitChallenge(app);
            assertThat(push.type()).isEqualTo(Challenge.LOGIN);
            // "Controleer eventueel de gegevens": the application, the address, the browser and the time.
            assertThat(push.client()).isEqualTo("Accountconsole").isNotEqualTo("account-console");
            assertThat(push.ip()).isEqualTo("127.0.0.1");
            assertThat(push.browser()).startsWith("Chrome");
            assertThat(push.time()).isNotNull();
            assertThat(app.approve(push.id(), shown)).isEqualTo("approved");
            awaitAccount(computer);
            assertThat(loginEvents(id)).isGreaterThanOrEqualTo(2);

            // "Wat als je geen notificatie ontvangt": 'Voer code handmatig in' with the 6 digits of the app.
            newSession(computer);
            password(computer, name, PASSWORD);
            computer.await(NUMBER);
            computer.click(By.id("tweestap-push-use-code"));
            computer.await(By.id("otp"));
            walk.step("code handmatig", "Voer de code uit de Werkplek app in", "6-cijferige code",
                    "De code verandert elke 30 seconden", "Aanmelden");
            String appCode = Totp.code(app.state().totp(), Instant.now());
            computer.type(By.id("otp"), appCode);
            computer.click(By.id("tweestap-push-code-submit"));
            awaitAccount(computer);

            // Functies van de app: under 'Profiel' how long the password is still valid (the realm: 90 days).
            Profile validity = app.profile();
            assertThat(validity.passwordExpiresInDays()).isEqualTo(90);
            assertThat(validity.passwordExpiresAt()).isAfter(Instant.now().plus(Duration.ofDays(89)));

            // Unlocken: a few wrong passwords lock the account; the app gets a notification.
            JsonNode passwordBefore = passwordCredential(id);
            int failureFactor = admin.get("/admin/realms/" + REALM).path("failureFactor").asInt();
            assertThat(failureFactor).isBetween(3, 10);
            newSession(computer);
            for (int i = 0; i < failureFactor; i++) {
                password(computer, name, "Verkeerd-wachtwoord-" + i);
                assertThat(computer.text(By.cssSelector("body"))).contains("Je gebruikersnaam of wachtwoord is onjuist");
                if (i == 0) {
                    walk.step("verkeerd wachtwoord", "Je gebruikersnaam of wachtwoord is onjuist",
                            "Account geblokkeerd? Ontgrendel met de app");
                }
                // Slower than Keycloak's quick-login check: a plain lockout after the failure factor, no more.
                KeycloakServer.sleep(1100);
            }
            admin.await("the lockout", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, id),
                    n -> n.path("disabled").asBoolean());
            Challenge unlock = Phones.awaitChallenge(app);
            assertThat(unlock.type()).isEqualTo(Challenge.UNLOCK);
            assertThat(unlock.failures()).isGreaterThanOrEqualTo(failureFactor);
            // Locked: even the right password gets no notification to the phone.
            password(computer, name, PASSWORD);
            assertThat(computer.present(NUMBER)).isFalse();
            // 'ontgrendel' in the app (no number: the request came from the lockout, not from a page); 'Ga door'.
            assertThat(app.approve(unlock.id(), null)).isEqualTo("approved");
            admin.await("the lockout lifted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, id),
                    n -> !n.path("disabled").asBoolean() && n.path("numFailures").asInt() == 0);
            // "Nu kun je weer gewoon inloggen met je goede wachtwoord en daarna volgt de 6-cijferige code".
            newSession(computer);
            password(computer, name, PASSWORD);
            computer.await(NUMBER);
            computer.click(By.id("tweestap-push-use-code"));
            computer.await(By.id("otp"));
            walk.step("na ontgrendelen", "Voer de code uit de Werkplek app in", "Aanmelden");
            computer.type(By.id("otp"), nextCode(app, appCode));
            computer.click(By.id("tweestap-push-code-submit"));
            awaitAccount(computer);
            // "Het wachtwoord is met deze vergrendeling en ontgrendeling NIET veranderd!"
            JsonNode passwordAfter = passwordCredential(id);
            assertThat(passwordAfter.path("id").asText()).isEqualTo(passwordBefore.path("id").asText());
            assertThat(passwordAfter.path("createdDate").asLong()).isEqualTo(passwordBefore.path("createdDate").asLong());
            // And still no SMS since the binding.
            assertThat(outbox.smsTo(REALM, number)).hasSize(sms.size());

            walk.finish();
            phoneWalk.finish();
        }
    }

    /**
     * Seed 001 again with the installable web app as the phone (issue 16): the phone is a second Chromium running
     * the Werkplek app from {@code /realms/werkplek/tweestap-app/} with a fake camera. Both screens are recorded at
     * every step ({@code 001-werkplek-app} for the computer, {@code 001-werkplek-app-telefoon} for the phone).
     */
    @Test
    void fromSmsCodesToTheWerkplekAppWithTheWebAppAsThePhone() {
        String name = AdminApi.uniqueName("collega-app");
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        io.github.tweestap.it.support.FakeCamera camera = new io.github.tweestap.it.support.FakeCamera();
        try (Browser computer = new Browser("nl"); Browser phoneBrowser = new Browser("nl", camera.arguments())) {
            Walkthrough walk = new Walkthrough(computer, "001-werkplek-app");
            Walkthrough phoneWalk = new Walkthrough(phoneBrowser, "001-werkplek-app-telefoon");
            io.github.tweestap.it.support.AppPhone phone = new io.github.tweestap.it.support.AppPhone(phoneBrowser,
                    server, REALM);
            phoneBrowser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(412, 860));

            // 1. Download de Werkplek app: opened on the phone, it shows how to link it.
            phone.open();
            phone.awaitScreen("start");
            phoneWalk.step("app geopend", "Werkplek", "Koppel de Werkplek app aan je account", "Scan QR-code");

            // 2. Meld je aan: username and password → the page with the QR code.
            computer.open(server.realmUrl(REALM) + "/account/");
            computer.await(By.id("kc-login"));
            walk.step("inlogpagina", "Meld je aan", "Gebruikersnaam", "Wachtwoord", "Aanmelden");
            password(computer, name, PASSWORD);
            String qr = computer.await(By.id("tweestap-enroll-qr")).getAttribute("src");
            walk.step("QR-code", "Koppel de Werkplek app aan je account", "Scan QR-code");

            // 4. 'Scan QR-code' in the app (the camera sees the computer's screen) → one SMS with a code and a link.
            camera.showDataUri(qr);
            phoneBrowser.click(By.id("scan-button"));
            phone.awaitScreen("confirm");
            phoneWalk.step("SMS-code", "Type de code uit de SMS over", "éénmalig een SMS-bericht met een 6-cijferige code");
            outbox.awaitCode(REALM, number, 1);
            Matcher bindLink = BIND_LINK.matcher(outbox.smsTo(REALM, number).get(0).path("text").asText());
            assertThat(bindLink.find()).as("the link in the binding SMS").isTrue();
            String smsLink = bindLink.group();
            // "klik simpelweg op de link in de zojuist ontvangen SMS": it opens in the phone's browser ...
            String appTab = phoneBrowser.driver().getWindowHandle();
            phoneBrowser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            phoneBrowser.open(smsLink);
            phoneWalk.step("SMS-link", "Wil je de Werkplek app op deze telefoon koppelen");
            phoneBrowser.click(By.id("tweestap-link-confirm"));
            assertThat(phoneBrowser.text(By.id("tweestap-link-done"))).contains("De koppeling is gereed");
            phoneBrowser.driver().close();
            phoneBrowser.driver().switchTo().window(appTab);
            // ... and the app sees by itself that the binding is active; the login page continues by itself.
            phone.awaitScreen("ready");
            phoneWalk.step("koppeling gereed", "De koppeling is gereed", "Aan de slag");
            awaitAccount(computer);
            phoneBrowser.click(By.id("ready-go"));
            phone.awaitScreen("home");
            phoneWalk.step("authenticatie", "Authenticatie", "Gebruiker", name, "seconden geldig");
            assertThat(admin.credentialTypes(REALM, id)).contains("tweestap-device", "otp");

            // 5. De test: log in again; "Logt u in?" in the app; the number of the login page and 'Ja'.
            newSession(computer);
            password(computer, name, PASSWORD);
            String shown = computer.text(NUMBER);
            walk.step("wachten op de app", "Bevestig de aanmelding in de Werkplek app", "Logt u in?");
            phone.awaitScreen("approve");
            phoneWalk.step("Logt u in", "Logt u in?", "127.0.0.1", "Chrome", "Ja", "Nee", "Dit was ik niet");
            phoneBrowser.type(By.id("approve-number"), shown);
            phoneBrowser.click(By.id("approve-yes"));
            phone.awaitScreen("answered");
            phoneWalk.step("bevestigd", "Aanmelding bevestigd");
            awaitAccount(computer);
            phoneBrowser.click(By.id("answered-go"));
            phone.awaitScreen("home");

            // Geen notificatie? 'Voer code handmatig in' with the 6 digits on the app's home screen.
            String appCode = WebAppPhoneIT.freshCode(phoneBrowser);
            phoneWalk.step("code", "Authenticatie", appCode);
            newSession(computer);
            password(computer, name, PASSWORD);
            computer.await(NUMBER);
            computer.click(By.id("tweestap-push-use-code"));
            computer.await(By.id("otp"));
            walk.step("code handmatig", "Voer de code uit de Werkplek app in", "6-cijferige code");
            computer.type(By.id("otp"), appCode);
            computer.click(By.id("tweestap-push-code-submit"));
            awaitAccount(computer);

            // Functies van de app: 'Profiel' (password valid for 90 days), 'Instellingen' (Reset, Account bijwerken).
            phone.menu("profile");
            phoneBrowser.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                    d.findElement(By.id("profile-password")).getText().equals("Nog 90 dagen geldig"));
            phoneWalk.step("profiel", "Profiel", name, "Nog 90 dagen geldig");
            phone.menu("settings");
            phoneWalk.step("instellingen", "Instellingen", "Reset", "Account bijwerken", "Versie");
            phone.menu("home");

            // Unlocken: wrong passwords lock the account; the app offers 'ontgrendel'; 'Ga door'.
            JsonNode passwordBefore = passwordCredential(id);
            int failureFactor = admin.get("/admin/realms/" + REALM).path("failureFactor").asInt();
            newSession(computer);
            for (int i = 0; i < failureFactor; i++) {
                password(computer, name, "Verkeerd-wachtwoord-" + i);
                KeycloakServer.sleep(1100);
            }
            walk.step("geblokkeerd", "Je gebruikersnaam of wachtwoord is onjuist");
            admin.await("the lockout", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, id),
                    n -> n.path("disabled").asBoolean());
            phone.awaitScreen("approve");
            phoneWalk.step("ontgrendel", "Account geblokkeerd", "Ontgrendel");
            phoneBrowser.click(By.id("approve-yes"));
            phone.awaitScreen("answered");
            phoneWalk.step("Ga door", "Account ontgrendeld", "niet veranderd", "Ga door");
            admin.await("the lockout lifted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, id),
                    n -> !n.path("disabled").asBoolean());
            phoneBrowser.click(By.id("answered-go"));
            phone.awaitScreen("home");
            // "Nu kun je weer gewoon inloggen met je goede wachtwoord en daarna volgt de 6-cijferige code".
            String afterCode = WebAppPhoneIT.freshCode(phoneBrowser);
            if (afterCode.equals(appCode)) {
                KeycloakServer.sleep(30_000);
                afterCode = WebAppPhoneIT.freshCode(phoneBrowser);
            }
            newSession(computer);
            password(computer, name, PASSWORD);
            computer.await(NUMBER);
            computer.click(By.id("tweestap-push-use-code"));
            computer.await(By.id("otp"));
            computer.type(By.id("otp"), afterCode);
            computer.click(By.id("tweestap-push-code-submit"));
            awaitAccount(computer);
            JsonNode passwordAfter = passwordCredential(id);
            assertThat(passwordAfter.path("id").asText()).isEqualTo(passwordBefore.path("id").asText());
            assertThat(passwordAfter.path("createdDate").asLong()).isEqualTo(passwordBefore.path("createdDate").asLong());

            walk.finish();
            phoneWalk.finish();
        }
    }

    /** "Sluit … volledig af": a new browser session (Keycloak's cookies gone), back on the portal's login page. */
    void newSession(Browser browser) {
        // Leave the account console first (a page still starting its session must not race the cookie removal),
        // then forget Keycloak's cookies from one of its plain pages.
        browser.open(server.realmUrl(REALM) + "/tweestap-account/username");
        browser.await(By.tagName("h1"));
        browser.driver().manage().deleteAllCookies();
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.await(By.id("kc-login"));
    }

    void password(Browser browser, String name, String password) {
        if (!browser.present(By.id("username"))) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.await(By.id("kc-login"));
        }
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), password);
        browser.clickAndAwait(By.id("kc-login"), By.cssSelector("h1"));
    }

    void awaitAccount(Browser browser) {
        LoginPages.awaitAccount(browser, server, REALM);
    }

    /** The app's code, waiting for the next 30-second period when {@code used} is still the current one. */
    static String nextCode(CompanionClient app, String used) {
        Instant deadline = Instant.now().plusSeconds(35);
        while (Instant.now().isBefore(deadline)) {
            String code = Totp.code(app.state().totp(), Instant.now());
            if (!code.equals(used)) {
                return code;
            }
            KeycloakServer.sleep(500);
        }
        throw new AssertionError("the app's code did not change");
    }

    JsonNode passwordCredential(String userId) {
        for (JsonNode credential : admin.get("/admin/realms/" + REALM + "/users/" + userId + "/credentials")) {
            if ("password".equals(credential.path("type").asText())) {
                return credential;
            }
        }
        throw new AssertionError("no password");
    }

    int loginEvents(String userId) {
        JsonNode events = admin.await("login events", Duration.ofSeconds(10),
                () -> admin.get("/admin/realms/" + REALM + "/events?user=" + userId + "&type=LOGIN&max=100"),
                n -> n.size() >= 2);
        return events.size();
    }
}
