package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.Accessibility;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.AppPhone;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.FakeCamera;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Seed 001's notifications with the web app as the phone (issue 16): the server's push (kept by the dev-outbox push
 * sender) is delivered to the app's service worker through DevTools, the notification it shows is read back, and
 * tapping it, or its "Ja"/"Nee"/"Ontgrendel" button, goes through the service worker's one click handler (reached
 * by the server's dev-mode test switch). Covers approve with the number, "Nee", expiry, unlock with "Ga door", and
 * the platform refusals (camera, notifications) and the install offer.
 */
@ExtendWith(KeycloakExtension.class)
class WebAppNotificationsIT {

    static final String REALM = PushLoginIT.REALM;
    static final String PASSWORD = PushLoginIT.PASSWORD;
    static final String UNLOCK_REALM = "unlock-lab";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    WebAppNotificationsIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    void password(Browser browser, String realm, String name, String password) {
        browser.open(server.realmUrl(realm) + "/account/");
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), password);
        browser.click(By.id("kc-login"));
        browser.await(By.cssSelector("h1"));
    }

    void awaitAccount(Browser browser, String realm) {
        browser.awaitUrl(url -> url.startsWith(server.realmUrl(realm) + "/account") && !url.contains("login-actions"));
    }

    static void assertAccessible(Browser phone, String screen) {
        phone.screenshot("app-" + screen);
        assertThat(Accessibility.seriousViolations(phone)).as("axe-core on the app's " + screen + " screen").isEmpty();
    }

    static String enrollLink(Browser desktop) {
        desktop.await(By.id("tweestap-enroll-qr"));
        return desktop.driver().findElement(By.id("tweestap-enroll-link")).getAttribute("textContent").trim();
    }

    /** Waits for the app's error message to say {@code text}; fails with what it said instead. */
    static void awaitError(Browser browser, String text) {
        try {
            browser.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                    d.findElement(By.id("error")).getText().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the app's error should say \"" + text + "\" but said \""
                    + browser.driver().findElement(By.id("error")).getText() + "\"", e);
        }
    }

    static void awaitText(Browser browser, String text) {
        browser.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                d.findElement(By.tagName("body")).getText().contains(text));
    }

    @Test
    void logtUInShowsJaAndNeeAndEachTapIsAnsweredInTheApp() {
        String name = AdminApi.uniqueName("webapp-notify");
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        List<String> seen = new ArrayList<>();
        try (Browser desktop = new Browser("nl"); Browser phoneBrowser = new Browser("nl", new FakeCamera().arguments())) {
            AppPhone phone = new AppPhone(phoneBrowser, server, REALM).allowPush().open();
            password(desktop, REALM, name, PASSWORD);
            String link = enrollLink(desktop);
            phone.awaitActiveWorker();
            phone.bind(link, outbox, number);
            awaitAccount(desktop, REALM);
            // On "Profiel" the app does not long-poll: only the notification can bring a request.
            phone.menu("profile");

            // 1. "Logt u in?" with "Ja" and "Nee"; "Nee" refuses in the app, and the login page says so.
            try (Browser second = new Browser("nl")) {
                password(second, REALM, name, PASSWORD);
                second.await(By.id("tweestap-push-number"));
                JsonNode push = AppPhone.awaitPush(outbox, REALM, id, seen);
                seen.add(push.path("challenge").asText());
                assertThat(push.path("type").asText()).isEqualTo("login");
                assertThat(push.path("title").asText()).isEqualTo("Logt u in?");
                phone.deliver(push);
                Map<?, ?> noted = phone.lastPush(push.path("challenge").asText());
                assertThat(noted.get("shown")).as("the notification was shown (%s)", noted).isEqualTo("ok");
                Map<?, ?> notification = phone.awaitNotification(push.path("challenge").asText());
                assertThat(notification.get("title")).isEqualTo("Logt u in?");
                assertThat(String.valueOf(notification.get("body"))).contains("Aanmelding bij");
                assertThat(notification.get("tag")).isEqualTo("tweestap-login");
                assertThat(notification.get("actions")).isEqualTo(List.of("yes:Ja", "no:Nee"));
                phone.tap("tweestap-login", "no");
                phone.awaitScreen("answered");
                assertThat(phoneBrowser.text(By.id("answered-title"))).isEqualTo("Aanmelding geweigerd");
                awaitText(second, "De aanmelding is geweigerd in de app");
            }

            // 2. "Ja": the approval screen of that request, where the number of the login page approves it.
            try (Browser third = new Browser("nl")) {
                password(third, REALM, name, PASSWORD);
                String shown = third.text(By.id("tweestap-push-number"));
                JsonNode push = AppPhone.awaitPush(outbox, REALM, id, seen);
                seen.add(push.path("challenge").asText());
                phone.deliver(push);
                phone.awaitNotification(push.path("challenge").asText());
                phone.tap("tweestap-login", "yes");
                phone.awaitScreen("approve");
                assertThat(phoneBrowser.driver().getCurrentUrl()).endsWith("#/approve/" + push.path("challenge").asText());
                assertThat(phoneBrowser.text(By.id("approve-title"))).isEqualTo("Logt u in?");
                phoneBrowser.type(By.id("approve-number"), shown);
                phoneBrowser.click(By.id("approve-yes"));
                phone.awaitScreen("answered");
                assertThat(phoneBrowser.text(By.id("answered-title"))).isEqualTo("Aanmelding bevestigd");
                awaitAccount(third, REALM);
                phone.menu("profile");
            }

            // 3. A notification tapped after its request expired: already handled, nothing to approve.
            ObjectNode config = admin.authenticatorConfig(REALM, "push browser", "push lab");
            String ttl = config.path("config").path("tweestap.push.challengeTtlSeconds").asText();
            ((ObjectNode) config.get("config")).put("tweestap.push.challengeTtlSeconds", "15"); // the shortest allowed
            admin.updateAuthenticatorConfig(REALM, config);
            try (Browser fourth = new Browser("nl")) {
                password(fourth, REALM, name, PASSWORD);
                fourth.await(By.id("tweestap-push-number"));
                JsonNode push = AppPhone.awaitPush(outbox, REALM, id, seen);
                seen.add(push.path("challenge").asText());
                phone.deliver(push);
                phone.awaitNotification(push.path("challenge").asText());
                KeycloakServer.sleep(16_000);
                phone.tap("tweestap-login", "");
                phoneBrowser.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                        d.findElement(By.id("answered-title")).getText().equals("Al afgehandeld"));
                assertThat(phoneBrowser.text(By.id("answered-text"))).contains("verlopen");
            } finally {
                ((ObjectNode) config.get("config")).put("tweestap.push.challengeTtlSeconds", ttl);
                admin.updateAuthenticatorConfig(REALM, config);
            }
        }
    }

    @Test
    void afterALockoutOntgrendelInTheAppLiftsItAndGaDoorLeadsBackWithThePasswordUnchanged() {
        String name = AdminApi.uniqueName("webapp-unlock");
        String number = Phones.randomNumber();
        String id = admin.createUser(UNLOCK_REALM, name, UnlockIT.PASSWORD, number);
        List<String> seen = new ArrayList<>();
        try (Browser desktop = new Browser("nl"); Browser phoneBrowser = new Browser("en", new FakeCamera().arguments())) {
            AppPhone phone = new AppPhone(phoneBrowser, server, UNLOCK_REALM).allowPush().open();
            password(desktop, UNLOCK_REALM, name, UnlockIT.PASSWORD);
            String link = enrollLink(desktop);
            phone.awaitActiveWorker();
            phone.bind(link, outbox, number);
            awaitAccount(desktop, UNLOCK_REALM);
            phone.menu("profile");

            // Three wrong passwords lock the account; the request to unlock reaches the phone as a notification.
            for (int i = 0; i < 3; i++) {
                new FormClient().from("127.0.9.1").login(server, UNLOCK_REALM, name, "Fout-wachtwoord-" + i);
                KeycloakServer.sleep(300);
            }
            admin.await("the lockout", Duration.ofSeconds(15), () -> admin.bruteForce(UNLOCK_REALM, id),
                    n -> n.path("disabled").asBoolean());
            JsonNode push = AppPhone.awaitPush(outbox, UNLOCK_REALM, id, seen);
            seen.add(push.path("challenge").asText());
            assertThat(push.path("type").asText()).isEqualTo("unlock");
            phone.deliver(push);
            Map<?, ?> notification = phone.awaitNotification(push.path("challenge").asText());
            assertThat(notification.get("tag")).isEqualTo("tweestap-unlock");
            assertThat(notification.get("actions")).isEqualTo(List.of("yes:Unlock"));
            phone.tap("tweestap-unlock", "yes");
            phone.awaitScreen("approve");
            assertThat(phoneBrowser.text(By.id("approve-title"))).isEqualTo("Account locked");
            assertThat(phoneBrowser.text(By.id("approve-client"))).isEqualTo("Locked after 3 failed attempts");
            assertThat(phoneBrowser.present(By.cssSelector("#approve-number[hidden]"))).as("no number to type").isTrue();
            assertAccessible(phoneBrowser, "unlock");
            phoneBrowser.click(By.id("approve-yes"));
            phone.awaitScreen("answered");
            assertThat(phoneBrowser.text(By.id("answered-title"))).isEqualTo("Account unlocked");
            assertThat(phoneBrowser.text(By.id("answered-text"))).contains("Your password has not changed");
            assertThat(phoneBrowser.text(By.id("answered-go"))).isEqualTo("Continue");
            assertAccessible(phoneBrowser, "unlocked");
            admin.await("the lockout lifted", Duration.ofSeconds(10), () -> admin.bruteForce(UNLOCK_REALM, id),
                    n -> !n.path("disabled").asBoolean());

            // "Ga door": back to the code; the right password (unchanged) and the app's approval log in again.
            phoneBrowser.click(By.id("answered-go"));
            phone.awaitScreen("home");
            try (Browser again = new Browser("nl")) {
                password(again, UNLOCK_REALM, name, UnlockIT.PASSWORD);
                String shown = again.text(By.id("tweestap-push-number"));
                phone.awaitScreen("approve");
                phoneBrowser.type(By.id("approve-number"), shown);
                phoneBrowser.click(By.id("approve-yes"));
                phone.awaitScreen("answered");
                awaitAccount(again, UNLOCK_REALM);
            }
        }
    }

    @Test
    void cameraRefusedAndNotificationsRefusedEachSaySoAndTheAppStillBinds() {
        // Camera refused by the person (a camera is there): the platform says NotAllowedError.
        try (Browser denied = new Browser("nl", List.of("--use-fake-device-for-media-stream"))) {
            ((ChromiumDriver) denied.driver()).executeCdpCommand("Browser.setPermission", Map.of("permission",
                    Map.of("name", "camera"), "setting", "denied", "origin", server.baseUrl()));
            AppPhone phone = new AppPhone(denied, server, REALM).open();
            phone.awaitScreen("start");
            denied.click(By.id("scan-button"));
            awaitError(denied, "De app mag de camera niet gebruiken");
            assertThat(denied.present(By.cssSelector("#camera[hidden]"))).isTrue();
            assertAccessible(denied, "camera-denied");
        }
        // No camera at all (headless Chromium without its fake device): NotFoundError.
        try (Browser absent = new Browser("nl")) {
            AppPhone phone = new AppPhone(absent, server, REALM).open();
            phone.awaitScreen("start");
            absent.click(By.id("scan-button"));
            awaitError(absent, "Er is geen camera gevonden");
        }
        // Notifications refused: the app binds anyway, says so, and works by long-poll and by the code.
        String name = AdminApi.uniqueName("webapp-nonotify");
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        try (Browser desktop = new Browser("nl"); Browser phoneBrowser = new Browser("nl")) {
            ((ChromiumDriver) phoneBrowser.driver()).executeCdpCommand("Browser.setPermission", Map.of("permission",
                    Map.of("name", "notifications"), "setting", "denied", "origin", server.baseUrl()));
            AppPhone phone = new AppPhone(phoneBrowser, server, REALM).open();
            password(desktop, REALM, name, PASSWORD);
            phoneBrowser.type(By.id("paste-link"), enrollLink(desktop));
            phoneBrowser.click(By.id("paste-submit"));
            phone.awaitScreen("confirm");
            phoneBrowser.type(By.id("sms-code"), outbox.awaitCode(REALM, number, 1));
            phoneBrowser.click(By.id("confirm-submit"));
            phone.awaitScreen("ready");
            assertThat(phoneBrowser.text(By.id("ready-push"))).contains("Meldingen staan uit voor deze app");
            assertAccessible(phoneBrowser, "ready-no-notifications");
            awaitAccount(desktop, REALM);
            assertThat(admin.credentialTypes(REALM, id)).contains("tweestap-device", "otp");
            phoneBrowser.click(By.id("ready-go"));
            phone.awaitScreen("home");
            try (Browser second = new Browser("nl")) {
                password(second, REALM, name, PASSWORD);
                String shown = second.text(By.id("tweestap-push-number"));
                phone.awaitScreen("approve");
                phoneBrowser.type(By.id("approve-number"), shown);
                phoneBrowser.click(By.id("approve-yes"));
                awaitAccount(second, REALM);
            }
            // The phone's storage partly cleared (here: the code's key gone): the app says so and starts over.
            assertThat(phone.script("const open = indexedDB.open('tweestap:' + new URL('./', location.href).pathname, 1);"
                    + "open.onsuccess = () => { const tx = open.result.transaction('kv', 'readwrite');"
                    + " tx.objectStore('kv').delete('totpKey'); tx.oncomplete = () => { open.result.close(); done('deleted'); }; };"
                    + "open.onerror = () => done('failed');")).isEqualTo("deleted");
            phoneBrowser.driver().navigate().refresh();
            phone.awaitReady();
            phone.awaitScreen("start");
            assertThat(phoneBrowser.text(By.id("error"))).contains("De gegevens van de app op deze telefoon zijn gewist");
        }
    }

    /** Safari on an iPhone: it has no install prompt, so the page from the QR code shows how to add the app first. */
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";

    @Test
    void theQrCodeOpenedInAPhonesBrowserOffersToInstallTheAppAndThenBindsInOneGo() {
        String name = AdminApi.uniqueName("webapp-install");
        String number = Phones.randomNumber();
        admin.createUser(REALM, name, PASSWORD, number);
        try (Browser desktop = new Browser("nl"); Browser phoneBrowser = new Browser("nl")) {
            ((ChromiumDriver) phoneBrowser.driver()).executeCdpCommand("Emulation.setUserAgentOverride",
                    Map.of("userAgent", IPHONE, "platform", "iPhone"));
            // Safari has no install prompt: Chromium's own (which headless sometimes offers) is kept from the page.
            AppPhone.withoutInstallOffer(phoneBrowser);
            password(desktop, REALM, name, PASSWORD);
            String link = enrollLink(desktop);
            // The phone's camera app opens the QR code's link in the browser: the app's install offer comes first.
            phoneBrowser.open(link);
            phoneBrowser.awaitUrl(url -> url.startsWith(server.realmUrl(REALM) + "/tweestap-app/"));
            AppPhone phone = new AppPhone(phoneBrowser, server, REALM);
            phone.awaitReady();
            phone.awaitScreen("install");
            assertThat(phoneBrowser.text(By.cssSelector("#screen-install h1"))).isEqualTo("Installeer de app");
            assertThat(phoneBrowser.text(By.id("install-ios"))).contains("Deel", "Zet op beginscherm");
            assertThat(phoneBrowser.present(By.cssSelector("#install-yes[hidden]"))).as("no prompt on iOS").isTrue();
            assertAccessible(phoneBrowser, "install-ios");
            // "Verder zonder installeren": the binding goes on at once, with the same link.
            phoneBrowser.click(By.id("install-skip"));
            phone.awaitScreen("confirm");
            phoneBrowser.type(By.id("sms-code"), outbox.awaitCode(REALM, number, 1));
            phoneBrowser.click(By.id("confirm-submit"));
            phone.awaitScreen("ready");
            awaitAccount(desktop, REALM);
        }
    }

    /**
     * A stand-in for Chromium's own {@code beforeinstallprompt} (headless Chromium never offers an install, and no
     * test can click its dialog): an event of the same shape, whose {@code prompt()} notes the call and whose
     * {@code userChoice} is "accepted", fired once the page has loaded; Chromium's own offer, should it come, is
     * kept from the page.
     */
    static final String INSTALL_OFFER = """
            addEventListener("beforeinstallprompt", e => { if (!e.tweestapStandIn) e.stopImmediatePropagation(); }, true);
            addEventListener("load", () => setTimeout(() => {
              const offer = new Event("beforeinstallprompt", {cancelable: true});
              offer.tweestapStandIn = true;
              offer.prompt = () => { window.tweestapPrompted = (window.tweestapPrompted || 0) + 1; return Promise.resolve(); };
              offer.userChoice = Promise.resolve({outcome: "accepted", platform: "web"});
              dispatchEvent(offer);
            }, 200));
            """;

    @Test
    void whereTheBrowserOffersAnInstallTheQrCodesPageAsksFirstAndBindsRightAfter() {
        String name = AdminApi.uniqueName("webapp-android");
        String number = Phones.randomNumber();
        admin.createUser(REALM, name, PASSWORD, number);
        try (Browser desktop = new Browser("nl"); Browser phoneBrowser = new Browser("nl")) {
            ((ChromiumDriver) phoneBrowser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", INSTALL_OFFER));
            password(desktop, REALM, name, PASSWORD);
            phoneBrowser.open(enrollLink(desktop));
            AppPhone phone = new AppPhone(phoneBrowser, server, REALM);
            phone.awaitReady();
            phone.awaitScreen("install");
            assertThat(phoneBrowser.present(By.cssSelector("#install-ios[hidden]"))).as("no iOS steps").isTrue();
            phoneBrowser.await(By.id("install-yes"));
            assertAccessible(phoneBrowser, "install");
            phoneBrowser.click(By.id("install-yes"));
            phone.awaitScreen("confirm");
            assertThat(phone.script("done(window.tweestapPrompted || 0);")).isEqualTo(1L);
            phoneBrowser.type(By.id("sms-code"), outbox.awaitCode(REALM, number, 1));
            phoneBrowser.click(By.id("confirm-submit"));
            phone.awaitScreen("ready");
            awaitAccount(desktop, REALM);
        }
    }
}
