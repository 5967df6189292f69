package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.Accessibility;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.FakeCamera;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.TcpForwarder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Seed 001 with the web app as the phone (issue 16): two headless Chromiums, the login page ("desktop") and the
 * app ("phone", with a fake camera). The app scans the QR code the desktop page shows, takes the SMS code from the
 * dev outbox, and the desktop page continues by itself; then "Logt u in?" reaches the open app by long-poll and is
 * approved with the number the page shows; then the app's code is accepted on "Voer code handmatig in". Every app
 * screen passes axe-core (serious and critical violations fail).
 */
@ExtendWith(KeycloakExtension.class)
class WebAppPhoneIT {

    static final String REALM = PushLoginIT.REALM;
    static final String PASSWORD = PushLoginIT.PASSWORD;

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    WebAppPhoneIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    String appUrl() {
        return server.realmUrl(REALM) + "/tweestap-app/";
    }

    void password(Browser browser, String name) {
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), PASSWORD);
        browser.click(By.id("kc-login"));
        browser.await(By.cssSelector("h1"));
    }

    void awaitAccount(Browser browser) {
        browser.awaitUrl(url -> url.startsWith(server.realmUrl(REALM) + "/account") && !url.contains("login-actions"));
    }

    static void awaitScreen(Browser phone, String screen) {
        phone.await(By.id("screen-" + screen));
    }

    static void assertAccessible(Browser phone, String screen) {
        phone.screenshot("app-" + screen);
        assertThat(Accessibility.seriousViolations(phone)).as("axe-core on the app's " + screen + " screen").isEmpty();
    }

    void openApp(Browser phone) {
        phone.open(appUrl());
        phone.until(Duration.ofSeconds(60), "the expected state of the page", d ->
                "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    @Test
    void theAppScansTheQrCodeConfirmsWithTheSmsCodeApprovesALoginAndGivesTheCode() {
        String name = AdminApi.uniqueName("webapp");
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        FakeCamera camera = new FakeCamera();
        try (Browser desktop = new Browser("nl"); Browser phone = new Browser("nl", camera.arguments())) {
            openApp(phone);
            awaitScreen(phone, "start");
            assertThat(phone.text(By.cssSelector("#screen-start h1"))).isEqualTo("Koppel de app aan uw account");
            assertAccessible(phone, "start");

            // Seed 001 steps 2 and 4: the login page shows the QR code; the app scans it with the camera.
            password(desktop, name);
            camera.showDataUri(desktop.await(By.id("tweestap-enroll-qr")).getAttribute("src"));
            phone.click(By.id("scan-button"));
            awaitScreen(phone, "confirm");
            assertThat(phone.text(By.id("confirm-text"))).contains(number.substring(number.length() - 2));
            assertAccessible(phone, "confirm");

            // The one-time SMS code, typed in the app: "De koppeling is gereed", and the login page goes on by itself.
            String smsCode = outbox.awaitCode(REALM, number, 1);
            phone.type(By.id("sms-code"), "000000".equals(smsCode) ? "111111" : "000000");
            phone.click(By.id("confirm-submit"));
            assertThat(phone.text(By.id("error"))).contains("De code is onjuist", "Nog 4 pogingen");
            assertThat(phone.present(By.cssSelector("#screen-confirm:not([hidden])"))).isTrue();
            phone.type(By.id("sms-code"), smsCode);
            phone.click(By.id("confirm-submit"));
            awaitScreen(phone, "ready");
            assertThat(phone.text(By.cssSelector("#screen-ready h1"))).isEqualTo("De koppeling is gereed");
            assertAccessible(phone, "ready");
            awaitAccount(desktop);
            assertThat(admin.credentialTypes(REALM, id)).contains("otp", "tweestap-device");

            phone.click(By.id("ready-go"));
            awaitScreen(phone, "home");
            assertThat(phone.text(By.id("home-user"))).isEqualTo(name);
            assertThat(phone.text(By.id("code"))).matches("[0-9]{6}");
            assertThat(phone.text(By.id("code-left"))).matches("Nog [0-9]+ seconden geldig");
            assertAccessible(phone, "home");

            // Seed 001 step 5: "Logt u in?" reaches the open app by long-poll; the number of the page approves it.
            try (Browser second = new Browser("nl")) {
                password(second, name);
                String shown = second.text(By.id("tweestap-push-number"));
                awaitScreen(phone, "approve");
                String approveHash = java.net.URI.create(phone.driver().getCurrentUrl()).getRawFragment();
                assertThat(approveHash).startsWith("/approve/");
                approveHash = "#" + approveHash;
                assertThat(phone.text(By.id("approve-title"))).isEqualTo("Logt u in?");
                assertThat(phone.text(By.id("approve-ip"))).isEqualTo("127.0.0.1");
                assertThat(phone.text(By.id("approve-browser"))).contains("Chrome", "Linux");
                assertThat(phone.text(By.id("approve-client"))).isNotBlank();
                assertAccessible(phone, "approve");
                phone.type(By.id("approve-number"), "11".equals(shown) ? "12" : "11");
                phone.click(By.id("approve-yes"));
                assertThat(phone.text(By.id("error"))).contains("Dat is niet het getal op het inlogscherm", "Nog 2 pogingen");
                phone.type(By.id("approve-number"), shown);
                phone.click(By.id("approve-yes"));
                awaitScreen(phone, "answered");
                assertThat(phone.text(By.id("answered-title"))).isEqualTo("Aanmelding bevestigd");
                assertAccessible(phone, "answered");
                awaitAccount(second);
                // The same request opened again (e.g. from an old notification): already handled.
                ((JavascriptExecutor) phone.driver()).executeScript("location.hash = arguments[0]", approveHash);
                phone.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                        d.findElement(By.id("answered-title")).getText().equals("Al afgehandeld"));
            }

            // "Voer code handmatig in": the code on the app's home screen.
            phone.click(By.id("answered-go"));
            awaitScreen(phone, "home");
            String code = freshCode(phone);
            try (Browser third = new Browser("nl")) {
                password(third, name);
                third.click(By.id("tweestap-push-use-code"));
                third.type(By.id("otp"), code);
                third.click(By.id("tweestap-push-code-submit"));
                awaitAccount(third);
            }

            // The menu: "Profiel" shows how long the password is valid; "Instellingen" has the version and "Reset".
            phone.click(By.id("menu-button"));
            phone.click(By.id("menu-profile"));
            awaitScreen(phone, "profile");
            phone.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                    d.findElement(By.id("profile-password")).getText().matches("Nog [0-9]+ dagen geldig"));
            assertThat(phone.text(By.id("profile-user"))).isEqualTo(name);
            assertAccessible(phone, "profile");
            phone.click(By.id("menu-button"));
            phone.click(By.id("menu-settings"));
            awaitScreen(phone, "settings");
            assertThat(phone.text(By.id("version"))).isNotBlank();
            assertAccessible(phone, "settings");
            phone.click(By.id("settings-refresh"));
            assertThat(phone.text(By.id("notice"))).isEqualTo("Uw gegevens zijn bijgewerkt.");
            phone.click(By.id("settings-reset"));
            phone.click(By.id("reset-yes"));
            awaitScreen(phone, "start");
            assertThat(phone.text(By.id("notice"))).contains("losgekoppeld");
            admin.await("the binding is gone", Duration.ofSeconds(10), () -> admin.credentials(REALM, id),
                    credentials -> !credentials.findValuesAsText("type").contains("tweestap-device")
                            && !credentials.findValuesAsText("type").contains("otp"));
        }
    }

    @Test
    void whatIsNotABindingIsRefusedWithAClearMessageAndChangesNothing() {
        try (Browser phone = new Browser("en", new FakeCamera().arguments())) {
            openApp(phone);
            awaitScreen(phone, "start");
            assertThat(phone.text(By.cssSelector("#screen-start h1"))).isEqualTo("Link the app to your account");
            // Installable: the service worker controls the app's own path, and Chromium finds nothing missing.
            Object scope = ((JavascriptExecutor) phone.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "navigator.serviceWorker.ready.then(r => done(r.scope), e => done(String(e)));");
            assertThat(scope).isEqualTo(appUrl());
            openApp(phone);
            assertThat(((ChromiumDriver) phone.driver()).executeCdpCommand("Page.getInstallabilityErrors", Map.of()))
                    .isEqualTo(Map.of("installabilityErrors", List.of()));
            // A picture without a QR code, and a QR code that is not a binding, picked as a photo.
            phone.driver().findElement(By.id("photo")).sendKeys(png(new java.awt.image.BufferedImage(200, 200,
                    java.awt.image.BufferedImage.TYPE_INT_RGB)).toString());
            assertThat(phone.text(By.id("error"))).contains("No QR code was found in the picture");
            phone.driver().findElement(By.id("photo")).sendKeys(png(io.github.tweestap.companion.QrLinks.encode(
                    "https://example.com/hello", 300)).toString());
            phone.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                    d.findElement(By.id("error")).getText().contains("This is not a QR code or link to link the app"));
            phone.type(By.id("paste-link"), "https://example.com/hello");
            phone.click(By.id("paste-submit"));
            assertThat(phone.text(By.id("error"))).contains("This is not a QR code or link to link the app");
            phone.type(By.id("paste-link"), server.realmUrl("werkplek") + "/tweestap-device/enroll?token=abc");
            phone.click(By.id("paste-submit"));
            assertThat(phone.text(By.id("error"))).contains("belongs to another environment");
            // Well formed, but not a token this server issued: the server says so, the app stays where it was.
            phone.type(By.id("paste-link"), server.realmUrl(REALM) + "/tweestap-device/enroll?token=eyJhbGciOiJFUzI1NiJ9.e30.AAAA");
            phone.click(By.id("paste-submit"));
            assertThat(phone.text(By.id("error"))).contains("not valid (any more)");
            assertThat(phone.present(By.cssSelector("#screen-start:not([hidden])"))).isTrue();
            assertAccessible(phone, "start-error");
            // The same link opened in the phone's browser (its camera app) goes on to the app, which says the same
            // (without the install offer, which WebAppNotificationsIT covers).
            io.github.tweestap.it.support.AppPhone.withoutInstallOffer(phone);
            phone.open(server.realmUrl(REALM) + "/tweestap-device/enroll?token=eyJhbGciOiJFUzI1NiJ9.e30.BBBB");
            phone.awaitUrl(url -> url.startsWith(appUrl()));
            phone.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                    d.findElement(By.id("error")).getText().contains("not valid (any more)"));
        }
    }

    @Test
    void aPastedLinkBindsAndTheAppNoticesWhenTheSmsLinkConfirmsIt() {
        String name = AdminApi.uniqueName("webapp-link");
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        try (Browser desktop = new Browser("nl"); Browser phone = new Browser("nl", new FakeCamera().arguments())) {
            password(desktop, name);
            openApp(phone);
            awaitScreen(phone, "start");
            // "Kun je de QR-code niet scannen?": the link under the QR code, pasted into the app.
            String link = desktop.driver().findElement(By.id("tweestap-enroll-link")).getAttribute("textContent").trim();
            phone.type(By.id("paste-link"), link);
            phone.click(By.id("paste-submit"));
            awaitScreen(phone, "confirm");
            // The link in the SMS, opened on the phone instead of typing the code: the app sees it by itself.
            String smsLink = null;
            for (int i = 0; i < 75 && smsLink == null; i++) {
                for (com.fasterxml.jackson.databind.JsonNode sms : outbox.smsTo(REALM, number)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+/tweestap-app/link\\?t=[A-Za-z0-9_-]+")
                            .matcher(sms.path("text").asText());
                    if (m.find()) {
                        smsLink = m.group();
                    }
                }
                if (smsLink == null) {
                    KeycloakServer.sleep(200);
                }
            }
            assertThat(smsLink).as("the binding SMS with its link").isNotNull();
            try (Browser linkBrowser = new Browser("nl")) {
                linkBrowser.open(smsLink);
                linkBrowser.click(By.id("tweestap-link-confirm"));
                assertThat(linkBrowser.text(By.id("tweestap-link-done"))).contains("De app is gekoppeld");
            }
            awaitScreen(phone, "ready");
            awaitAccount(desktop);
            phone.click(By.id("ready-go"));
            awaitScreen(phone, "home");
            assertThat(phone.text(By.id("code"))).matches("[0-9]{6}");

            // "Dit was ik niet" on a login the user did not start: refused, reported, and the login page says so.
            try (Browser stranger = new Browser("nl")) {
                password(stranger, name);
                stranger.await(By.id("tweestap-push-number"));
                awaitScreen(phone, "approve");
                phone.click(By.id("approve-report"));
                awaitScreen(phone, "answered");
                assertThat(phone.text(By.id("answered-title"))).isEqualTo("Gemeld: dit was ik niet");
                stranger.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                        d.findElement(By.tagName("body")).getText().contains("dit was ik niet"));
            }
            phone.click(By.id("answered-go"));
            awaitScreen(phone, "home");

            // The Servicedesk removes the binding while the app is open: the app says so and forgets its keys.
            admin.delete("/admin/realms/" + REALM + "/tweestap-device/users/" + id + "/devices");
            phone.until(Duration.ofSeconds(60), "the expected state of the page", d ->
                    d.findElement(By.id("error")).getText().contains("De koppeling met uw account bestaat niet meer"));
            assertThat(phone.present(By.cssSelector("#screen-start:not([hidden])"))).isTrue();
            phone.driver().navigate().refresh();
            awaitScreen(phone, "start");
        }
    }

    @Test
    void theCodeScreenOpensWithoutANetwork() {
        String name = AdminApi.uniqueName("webapp-offline");
        String number = Phones.randomNumber();
        admin.createUser(REALM, name, PASSWORD, number);
        // Both browsers reach the server through a forwarder of their own; closing it takes the phone offline.
        try (TcpForwarder forwarder = new TcpForwarder(java.net.URI.create(server.baseUrl()).getPort());
                Browser desktop = new Browser("nl"); Browser phone = new Browser("nl", new FakeCamera().arguments())) {
            String realmUrl = forwarder.baseUrl() + "/realms/" + REALM;
            desktop.open(realmUrl + "/account/");
            desktop.type(By.id("username"), name);
            desktop.type(By.id("password"), PASSWORD);
            desktop.click(By.id("kc-login"));
            desktop.await(By.id("tweestap-enroll-qr"));
            String link = desktop.driver().findElement(By.id("tweestap-enroll-link")).getAttribute("textContent").trim();
            assertThat(link).startsWith(realmUrl + "/tweestap-device/enroll?token=");
            phone.open(realmUrl + "/tweestap-app/");
            phone.until(Duration.ofSeconds(60), "the expected state of the page", d ->
                    "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            phone.type(By.id("paste-link"), link);
            phone.click(By.id("paste-submit"));
            awaitScreen(phone, "confirm");
            phone.type(By.id("sms-code"), outbox.awaitCode(REALM, number, 1));
            phone.click(By.id("confirm-submit"));
            awaitScreen(phone, "ready");
            phone.click(By.id("ready-go"));
            awaitScreen(phone, "home");
            desktop.awaitUrl(url -> url.startsWith(realmUrl + "/account") && !url.contains("login-actions"));
            // The shell is cached once the service worker is active.
            phone.until(Duration.ofSeconds(60), "the expected state of the page", d -> "activated".equals(((JavascriptExecutor) d)
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "navigator.serviceWorker.getRegistration().then(r => done(r && r.active ? r.active.state : null),"
                            + " e => done(null));")));

            forwarder.close();
            phone.driver().navigate().refresh();
            awaitScreen(phone, "home");
            assertThat(phone.text(By.cssSelector("#screen-home h1"))).isEqualTo("Authenticatie");
            assertThat(phone.text(By.id("home-user"))).isEqualTo(name);
            assertThat(phone.text(By.id("code"))).matches("[0-9]{6}");
            phone.until(Duration.ofSeconds(30), "the expected state of the page", d ->
                    d.findElement(By.id("notice")).getText().contains("Geen verbinding met de server. De code werkt wel."));
            phone.screenshot("app-home-offline");
        }
    }

    static java.nio.file.Path png(java.awt.image.BufferedImage image) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("tweestap-photo-", ".png");
            javax.imageio.ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The code on the app's home screen, once it has at least 12 seconds left (so typing it in stays in time). */
    static String freshCode(Browser phone) {
        for (int i = 0; i < 40; i++) {
            java.util.regex.Matcher left = java.util.regex.Pattern.compile("([0-9]+)").matcher(phone.text(By.id("code-left")));
            if (left.find() && Integer.parseInt(left.group(1)) >= 12) {
                String code = phone.text(By.id("code"));
                assertThat(code).matches("[0-9]{6}");
                return code;
            }
            KeycloakServer.sleep(1000);
        }
        throw new AssertionError("the app's code never had 12 seconds left");
    }
}
