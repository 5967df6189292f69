package io.github.tweestap.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.json.Json;

/**
 * The Tweestap web app in a headless Chromium, as the phone of seed 001: open it, bind it with a link and the SMS
 * code, and, once {@link #allowPush()} was called before opening, receive the server's pushes (taken from the dev
 * outbox) in its service worker through DevTools ({@code ServiceWorker.deliverPushMessage}), read the notifications
 * it shows and tap them through its one click handler (the server's dev-mode test switch lets a test reach it).
 */
public final class AppPhone {

    /**
     * A stand-in for the push service: {@code pushManager.subscribe()} hangs where no push service is reachable
     * (headless, offline), so the page gets a subscription object of the right shape. The server keeps each push in
     * the dev outbox, and the test hands it to the service worker through DevTools.
     */
    public static final String FAKE_SUBSCRIPTION = """
            (() => {
              const p256dh = crypto.getRandomValues(new Uint8Array(65));
              p256dh[0] = 4;
              const auth = crypto.getRandomValues(new Uint8Array(16));
              PushManager.prototype.subscribe = function () {
                return Promise.resolve({endpoint: "https://push.example.test/tweestap-it/" + Date.now(),
                  getKey: name => (name === "p256dh" ? p256dh : auth).buffer});
              };
            })();
            """;

    private final Browser browser;
    private final KeycloakServer server;
    private final String realm;
    private final AtomicReference<String> registration = new AtomicReference<>();
    private DevTools devTools;

    public AppPhone(Browser browser, KeycloakServer server, String realm) {
        this.browser = browser;
        this.server = server;
        this.realm = realm;
    }

    /**
     * Keeps the browser's own install offer ({@code beforeinstallprompt}) from the app's pages: headless Chromium
     * sometimes offers one, and then the page opened from a QR code asks to install before it binds.
     */
    public static void withoutInstallOffer(Browser browser) {
        ((ChromiumDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "addEventListener('beforeinstallprompt', e => e.stopImmediatePropagation(), true);"));
    }

    public Browser browser() {
        return browser;
    }

    public String url() {
        return server.realmUrl(realm) + "/tweestap-app/";
    }

    /** Notifications allowed, the stand-in subscription, and DevTools watching the service worker's registration. */
    public AppPhone allowPush() {
        ChromiumDriver driver = (ChromiumDriver) browser.driver();
        driver.executeCdpCommand("Browser.setPermission", Map.of("permission", Map.of("name", "notifications"),
                "setting", "granted", "origin", server.baseUrl()));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", FAKE_SUBSCRIPTION));
        devTools = driver.getDevTools();
        devTools.createSession();
        devTools.addListener(new Event<Map<String, Object>>("ServiceWorker.workerRegistrationUpdated",
                in -> in.read(Json.MAP_TYPE)), event -> {
                    if (event.get("registrations") instanceof List<?> list) {
                        for (Object item : list) {
                            Map<?, ?> r = (Map<?, ?>) item;
                            if (url().equals(r.get("scopeURL")) && !Boolean.TRUE.equals(r.get("isDeleted"))) {
                                registration.set(String.valueOf(r.get("registrationId")));
                            }
                        }
                    }
                });
        return this;
    }

    /** Opens the app and waits until it has drawn its first screen. */
    public AppPhone open() {
        browser.open(url());
        awaitReady();
        if (devTools != null) {
            devTools.send(new Command<>("ServiceWorker.enable", Map.of()));
        }
        return this;
    }

    public void awaitReady() {
        browser.until(Duration.ofSeconds(60), "the expected state of the page", d ->
                "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    public void awaitScreen(String screen) {
        browser.await(By.id("screen-" + screen));
    }

    /** Waits until the app's service worker is active (its install caches the shell; slow on a busy machine). */
    public void awaitActiveWorker() {
        browser.until(Duration.ofSeconds(60), "the expected state of the page", d -> "activated".equals(script(
                "navigator.serviceWorker.getRegistration().then(r => done(r && r.active ? r.active.state : null),"
                        + " e => done(null));")));
    }

    /** Pastes the link under the QR code, types the SMS code and goes on to the home screen. */
    public void bind(String link, Outbox outbox, String number) {
        browser.type(By.id("paste-link"), link);
        browser.click(By.id("paste-submit"));
        awaitScreen("confirm");
        browser.type(By.id("sms-code"), outbox.awaitCode(realm, number, 1));
        browser.click(By.id("confirm-submit"));
        awaitScreen("ready");
        browser.click(By.id("ready-go"));
        awaitScreen("home");
    }

    /** Goes to one of the menu's screens ("home", "profile", "settings"). */
    public void menu(String item) {
        browser.click(By.id("menu-button"));
        browser.click(By.id("menu-" + item));
        awaitScreen(item);
    }

    /** Hands a push payload (as the server sent it) to the app's service worker. */
    public void deliver(JsonNode push) {
        assertThat(devTools).as("allowPush() before open()").isNotNull();
        browser.until(Duration.ofSeconds(30), "the expected state of the page", d -> registration.get() != null);
        devTools.send(new Command<>("ServiceWorker.deliverPushMessage", Map.of("origin", server.baseUrl(),
                "registrationId", registration.get(), "data", push.toString())));
    }

    /** What the service worker noted about the last push: challenge, type and whether it could show it. */
    public Map<?, ?> lastPush(String challenge) {
        return (Map<?, ?>) browser.until(Duration.ofSeconds(30), "the expected state of the page", d -> {
            Object noted = script("const open = indexedDB.open('tweestap:' + new URL('./', location.href).pathname, 1);"
                    + "open.onerror = () => done(null);"
                    + "open.onsuccess = () => { const r = open.result.transaction('kv').objectStore('kv').get('lastPush');"
                    + " r.onsuccess = () => { done(r.result || null); open.result.close(); }; r.onerror = () => done(null); };");
            return noted instanceof Map<?, ?> m && challenge.equals(m.get("challenge")) ? m : null;
        });
    }

    /** The notification the service worker shows for this challenge: title, body, tag, challenge, action titles. */
    public Map<?, ?> awaitNotification(String challenge) {
        return (Map<?, ?>) browser.until(Duration.ofSeconds(60), "the expected state of the page", d -> {
            Object list = script("navigator.serviceWorker.ready.then(r => r.getNotifications()).then(l => done(l.map(n =>"
                    + " ({title: n.title, body: n.body, tag: n.tag, challenge: n.data && n.data.challenge,"
                    + " actions: (n.actions || []).map(a => a.action + ':' + a.title)}))), e => done([]));");
            if (list instanceof List<?> l) {
                for (Object item : l) {
                    if (item instanceof Map<?, ?> m && challenge.equals(m.get("challenge"))) {
                        return m;
                    }
                }
            }
            return null;
        });
    }

    /**
     * Taps the notification with this tag, or one of its buttons ({@code action} "yes"/"no"; "" for the
     * notification itself), through the service worker's one click handler.
     */
    public void tap(String tag, String action) {
        script("navigator.serviceWorker.ready.then(r => { r.active.postMessage({type: 'test:click', tag: arguments[0],"
                + " action: arguments[1]}); done('posted'); });", tag, action);
    }

    /** Runs an async script; the script calls {@code done(value)} and reads its arguments as {@code arguments[i]}. */
    public Object script(String body, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];" + body, args);
    }

    /** The newest push the server kept in the dev outbox for a device of this user, other than the ones given. */
    public static JsonNode awaitPush(Outbox outbox, String realm, String userId, List<String> seenChallenges) {
        for (int i = 0; i < 150; i++) {
            JsonNode found = null;
            for (JsonNode entry : outbox.all(realm)) {
                if ("push".equals(entry.path("channel").asText()) && entry.path("to").asText().startsWith(userId)) {
                    try {
                        JsonNode payload = AdminApi.JSON.readTree(entry.path("text").asText());
                        if (!seenChallenges.contains(payload.path("challenge").asText())) {
                            found = payload;
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            if (found != null) {
                return found;
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no new push for " + userId + " in the dev outbox");
    }
}
