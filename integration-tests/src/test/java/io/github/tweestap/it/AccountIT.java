package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Smoke;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Seed 004's "Gebruikersnaam versturen" and "Gebruikersnaam vergeten?" on the login page, and seed 001's password
 * validity: the expiry banner at login and the reminder e-mails, with Keycloak's clock moved forward.
 */
@ExtendWith(KeycloakExtension.class)
class AccountIT {

    private static final String REALM = "account-lab";
    private static final String PASSWORD = "Test-wachtwoord-1";
    private static final int DAY = 24 * 3600;

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;

    AccountIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @AfterEach
    void clockBack() {
        admin.clockOffset(0);
    }

    @Test
    @Smoke
    void forgotUsernameFromTheLoginPageMailsTheUsername() throws Exception {
        String name = AdminApi.uniqueName("vergeten");
        admin.createUser(REALM, name, PASSWORD, null);
        String address = name + "@test.localhost";
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.click(By.id("tweestap-forgot-username"));
            assertThat(browser.text(By.cssSelector("h1"))).contains("Gebruikersnaam vergeten?");
            assertThat(browser.text(By.id("tweestap-username-intro"))).contains("We sturen uw gebruikersnaam");
            browser.screenshot("username-reminder-form");
            browser.type(By.id("email"), address.toUpperCase(java.util.Locale.ROOT));
            browser.click(By.id("tweestap-username-submit"));
            assertThat(browser.text(By.id("tweestap-username-sent")))
                    .startsWith("Als dit e-mailadres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail");
            browser.screenshot("username-reminder-sent");

            MimeMessage mail = mailbox.await(address, 1);
            assertThat(mail.getSubject()).isEqualTo("Uw gebruikersnaam voor Account lab");
            assertThat(Mailbox.plainText(mail)).contains("Uw gebruikersnaam is:", name);

            // "Terug naar inloggen" goes back to the same login.
            browser.click(By.id("tweestap-back-to-login"));
            assertThat(browser.driver().getCurrentUrl()).contains("/realms/" + REALM + "/login-actions/");
            browser.type(By.id("username"), name);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, REALM);
        }
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
        String unknown = AdminApi.uniqueName("onbekend") + "@test.localhost";
        HttpResponse<String> forUnknown = post(Map.of("email", unknown), "127.20.0.1");
        String name = AdminApi.uniqueName("bekend");
        admin.createUser(REALM, name, PASSWORD, null);
        HttpResponse<String> forKnown = post(Map.of("email", name + "@test.localhost"), "127.20.0.2");

        assertThat(forUnknown.statusCode()).isEqualTo(200);
        assertThat(forKnown.statusCode()).isEqualTo(200);
        assertThat(sentText(forUnknown.body())).isEqualTo(sentText(forKnown.body())).contains("Als dit e-mailadres");
        mailbox.await(name + "@test.localhost", 1);
        KeycloakServer.sleep(1500);
        assertThat(mailbox.to(unknown)).isEmpty();
    }

    @Test
    void badInputGetsALocalisedErrorAndSendsNothing() throws Exception {
        HttpResponse<String> empty = post(Map.of("email", "  "), "127.20.1.1");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Vul uw e-mailadres in.").doesNotContain("Exception");
        HttpResponse<String> invalid = post(Map.of("email", "geen-adres"), "127.20.1.1");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Dit is geen geldig e-mailadres.").contains("value=\"geen-adres\"");
        HttpResponse<String> english = post(Map.of("email", "x".repeat(300) + "@test.localhost"), "127.20.1.1", "en");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("This is not a valid e-mail address.");
        HttpResponse<String> missing = post(Map.of(), "127.20.1.1");
        assertThat(missing.statusCode()).isEqualTo(400);
        // A link elsewhere is not followed: "back" falls back to the realm's account console.
        HttpResponse<String> foreign = get("?back=" + URLEncoder.encode("https://evil.example/realms/account-lab/login-actions/x",
                StandardCharsets.UTF_8));
        assertThat(foreign.body()).contains("href=\"" + server.realmUrl(REALM) + "/account\"").doesNotContain("evil.example");
    }

    @Test
    void requestsAreRateLimitedPerAddressAndPerClient() throws Exception {
        String name = AdminApi.uniqueName("limiet");
        admin.createUser(REALM, name, PASSWORD, null);
        String address = name + "@test.localhost";
        io.github.tweestap.it.support.QuotaWindows.awaitRoom(3600, 60);
        // One client: 3 per e-mail address.
        for (int i = 1; i <= 3; i++) {
            assertThat(post(Map.of("email", address), "127.21.0.1").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> fourth = post(Map.of("email", address), "127.21.0.1");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("U heeft te vaak een gebruikersnaam aangevraagd.");
        // A stranger who used up that share has not used up the owner's: another client still gets the e-mail ...
        assertThat(post(Map.of("email", address), "127.21.0.2").statusCode()).isEqualTo(200);
        // ... up to the ceiling for the address from all clients together (10), which costs a stranger 4 addresses.
        int granted = 4;
        for (int client = 3; granted < 10; client++) {
            for (int i = 0; i < 3 && granted < 10; i++, granted++) {
                assertThat(post(Map.of("email", address), "127.21.0." + client).statusCode()).isEqualTo(200);
            }
        }
        assertThat(post(Map.of("email", address), "127.21.0.99").statusCode()).isEqualTo(429);
        mailbox.await(address, 10);
        KeycloakServer.sleep(1500);
        assertThat(mailbox.to(address)).hasSize(10);

        // One client, many addresses: 10 per window.
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            if (post(Map.of("email", "a" + i + "-" + name + "@test.localhost"), "127.21.1.1").statusCode() == 429) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(2);
    }

    @Test
    void anAdminSendsTheUsernameWithAPermissionCheck() throws Exception {
        String name = AdminApi.uniqueName("werknemer");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        String path = "/admin/realms/" + REALM + "/tweestap-account/users/" + id + "/username-email";
        assertThat(admin.status("POST", path, null)).isEqualTo(204);
        assertThat(Mailbox.plainText(mailbox.await(name + "@test.localhost", 1))).contains(name);

        String location = admin.post("/admin/realms/" + REALM + "/users",
                Map.of("username", AdminApi.uniqueName("zondermail"), "enabled", true));
        String noMail = location.substring(location.lastIndexOf('/') + 1);
        assertThat(admin.status("POST", "/admin/realms/" + REALM + "/tweestap-account/users/" + noMail + "/username-email", null))
                .isEqualTo(400);
        assertThat(admin.status("POST", "/admin/realms/" + REALM + "/tweestap-account/users/no-such-user/username-email", null))
                .isEqualTo(404);

        // A plain user and a view-only admin may not.
        String viewer = AdminApi.uniqueName("kijker");
        String viewerId = admin.createUser(REALM, viewer, PASSWORD, null);
        String plainToken = admin.userToken(REALM, viewer, PASSWORD);
        assertThat(admin.statusWithToken(plainToken, "POST", path)).isEqualTo(403);
        admin.grantRealmManagementRole(REALM, viewerId, "view-users");
        String viewToken = admin.userToken(REALM, viewer, PASSWORD);
        assertThat(admin.statusWithToken(viewToken, "POST", path)).isEqualTo(403);
        assertThat(mailbox.to(name + "@test.localhost")).hasSize(1);
    }

    @Test
    void theLoginShowsABannerBeforeThePasswordExpiresAndRemindersAreMailedOncePerThreshold() throws Exception {
        String name = AdminApi.uniqueName("verloop");
        admin.createUser(REALM, name, PASSWORD, null);
        String address = name + "@test.localhost";

        // 30 days valid, banner from 7 days before, e-mails at 14 and 3 days. Day 0: nothing.
        try (Browser browser = new Browser("nl")) {
            login(browser, name);
            LoginPages.awaitAccount(browser, server, REALM);
        }
        KeycloakServer.sleep(4500);
        assertThat(mailbox.to(address)).isEmpty();

        // Day 20: 10 days left: the 14-day reminder, once, but no banner yet.
        admin.clockOffset(20 * DAY);
        MimeMessage first = mailbox.await(address, 1);
        assertThat(first.getSubject()).isEqualTo("Uw wachtwoord verloopt over 10 dagen");
        assertThat(Mailbox.plainText(first)).contains("Uw wachtwoord voor Account lab verloopt over 10 dagen");
        try (Browser browser = new Browser("nl")) {
            login(browser, name);
            LoginPages.awaitAccount(browser, server, REALM);
        }
        assertThat(mailbox.to(address)).hasSize(1);

        // Day 25: 5 days left: the banner; "Later" goes on. Still one e-mail (the 3-day threshold is not reached).
        admin.clockOffset(25 * DAY);
        try (Browser browser = new Browser("nl")) {
            login(browser, name);
            assertThat(browser.text(By.id("tweestap-password-expiry-banner"))).startsWith("Uw wachtwoord verloopt over 5 dagen, op ");
            browser.screenshot("password-expiry-banner");
            browser.click(By.id("tweestap-password-later"));
            LoginPages.awaitAccount(browser, server, REALM);
        }
        KeycloakServer.sleep(4500);
        assertThat(mailbox.to(address)).hasSize(1);

        // Day 28: 2 days left: the 3-day reminder; "Nu wijzigen" leads to Keycloak's own new-password page.
        admin.clockOffset(28 * DAY);
        MimeMessage second = mailbox.await(address, 2);
        assertThat(second.getSubject()).isEqualTo("Uw wachtwoord verloopt over 2 dagen");
        try (Browser browser = new Browser("en")) {
            login(browser, name);
            assertThat(browser.text(By.id("tweestap-password-expiry-banner"))).startsWith("Your password expires in 2 days, on ");
            browser.click(By.id("tweestap-password-change-now"));
            browser.await(By.id("password-new"));
        }
        KeycloakServer.sleep(4500);
        assertThat(mailbox.to(address)).hasSize(2);

        // Day 31: Keycloak forces the change itself; no banner, no further e-mail.
        admin.clockOffset(31 * DAY);
        try (Browser browser = new Browser("nl")) {
            login(browser, name);
            browser.await(By.id("password-new"));
            assertThat(browser.present(By.id("tweestap-password-expiry-banner"))).isFalse();
        }
        KeycloakServer.sleep(4500);
        assertThat(mailbox.to(address)).hasSize(2);
    }

    private void login(Browser browser, String name) {
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), PASSWORD);
        browser.clickAndAwait(By.id("kc-login"), By.tagName("body"));
    }

    private static String sentText(String html) {
        int start = html.indexOf("id=\"tweestap-username-sent\"");
        assertThat(start).as("the 'sent' paragraph").isPositive();
        return html.substring(html.indexOf('>', start) + 1, html.indexOf("</p>", start));
    }

    private HttpResponse<String> post(Map<String, String> form, String clientIp) throws Exception {
        return post(form, clientIp, "nl");
    }

    private HttpResponse<String> post(Map<String, String> form, String clientIp, String language) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(REALM) + "/tweestap-account/username"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", clientIp)
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(REALM) + "/tweestap-account/username" + query))
                .header("Accept-Language", "nl").GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
