package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.Accessibility;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.HelpdeskPage;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Tokens;
import io.github.tweestap.it.support.Totp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17, point 4: the helpdesk demo users of realm-config/realms, as the README and run.sh list them, each log in to
 * their realm's helpdesk page (the page they land on) and it works for them: they find the people they may help. The
 * werknemerloket employer {@code werkgever} holds no realm-wide user role, only {@code query-users} and the realm
 * file's fine-grained admin permission on the members of the group "Bakkerij De Wekkers": they find and open
 * p.vanwekkers, nobody else, and the server answers 403 for anyone else whatever is sent.
 */
@ExtendWith(KeycloakExtension.class)
class HelpdeskDemoUsersIT {

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    HelpdeskDemoUsersIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    /** Seed 004: the employer sees and manages only their own employees, through the realm file's permission. */
    @Test
    void theWerknemerloketEmployerManagesOnlyTheirOwnEmployees() {
        String realm = "werknemerloket";
        String base = "/admin/realms/" + realm;
        String employee = userId(realm, "p.vanwekkers");
        String desk = userId(realm, "servicedesk");
        String outsider = admin.createUser(realm, AdminApi.uniqueName("buiten"), "Werknemer-test-1", null);
        try (Browser browser = new Browser("nl")) {
            logInOnPage(browser, realm, "werkgever", "Werknemer-demo-1");
            search(browser, "servicedesk");
            HelpdeskPage.awaitText(browser, By.id("hd-results-count"), "Niemand gevonden");
            search(browser, "p.vanwekkers");
            browser.click(By.cssSelector("button[data-user='" + employee + "']"));
            HelpdeskPage.awaitText(browser, By.id("hd-person-title"), "Wekkers");
            assertThat(browser.text(By.id("hd-fields"))).contains("Personeelsnummer\n338", "Voorvoegsel\nvan");
            assertThat(browser.text(By.id("hd-two-factor"))).startsWith("Nee");
            // The employer may act on their own employee: the actions are there.
            assertThat(browser.present(By.id("hd-action-block"))).isTrue();
            assertThat(browser.present(By.id("hd-action-username"))).isTrue();
            assertThat(Accessibility.seriousViolations(browser)).as("axe-core: the employer's person view").isEmpty();
            browser.screenshot("issue17-helpdesk-demo-werkgever");
        }
        String token = new Tokens(server).byLogin(realm, "tweestap-helpdesk", server.realmUrl(realm) + "/tweestap-helpdesk/",
                "werkgever", "Werknemer-demo-1");
        assertThat(admin.statusWithToken(token, "GET", base + "/tweestap-helpdesk/users/" + employee)).isEqualTo(200);
        for (String other : new String[] {desk, outsider}) {
            assertThat(admin.statusWithToken(token, "GET", base + "/tweestap-helpdesk/users/" + other)).isEqualTo(403);
            assertThat(admin.statusWithToken(token, "POST", base + "/tweestap-helpdesk/users/" + other + "/block"))
                    .isEqualTo(403);
            assertThat(admin.statusWithToken(token, "POST", base + "/tweestap-account/users/" + other + "/username-email"))
                    .isEqualTo(403);
            assertThat(admin.get(base + "/users/" + other).path("enabled").asBoolean()).isTrue();
        }
        // The permission is the realm file's (imported), not one a test made.
        String permissions = admin.get(base + "/clients?clientId=admin-permissions").get(0).path("id").asText();
        assertThat(admin.get(base + "/clients/" + permissions + "/authz/resource-server/permission?name=werknemers%20van%20werkgever")
                .toString()).contains("werknemers van werkgever");
    }

    /** Seed 004's Loket helpdesk (realm-wide roles) finds the employer's employee and the employer alike. */
    @Test
    void theWerknemerloketServiceDeskFindsEveryone() {
        String realm = "werknemerloket";
        try (Browser browser = new Browser("nl")) {
            logInOnPage(browser, realm, "servicedesk", "Werknemer-demo-1");
            search(browser, "p.vanwekkers");
            browser.await(By.cssSelector("button[data-user='" + userId(realm, "p.vanwekkers") + "']"));
            search(browser, "werkgever");
            browser.await(By.cssSelector("button[data-user='" + userId(realm, "werkgever") + "']"));
        }
    }

    /** Seed 001: the Servicedesk logs in with the realm's second factor (here the SMS code, "Nu niet"). */
    @Test
    void theWerkplekServiceDeskLogsInWithTheSecondFactor() {
        String realm = "werkplek";
        String phone = "+31612345600";
        int before = outbox.codesTo(realm, phone).size();
        try (Browser browser = new Browser("nl")) {
            openLogin(browser, realm, "servicedesk", "Werkplek-demo-1");
            browser.clickAndAwait(By.id("tweestap-enroll-use-sms"), By.id("code"));
            browser.type(By.id("code"), outbox.awaitCode(realm, phone, before + 1));
            browser.click(By.id("kc-login"));
            awaitPage(browser, realm);
            search(browser, "jan.jansen");
            browser.click(By.cssSelector("button[data-user='" + userId(realm, "jan.jansen") + "']"));
            HelpdeskPage.awaitText(browser, By.id("hd-person-title"), "Jansen");
            assertThat(browser.text(By.id("hd-phone-value"))).contains("+31612345678", "(bevestigd)");
            assertThat(browser.present(By.id("hd-action-binding-qr"))).isTrue();
        }
    }

    /**
     * Seed 000: the Servicedesk is a person of the realm like any other: a temporary password, the app's QR page, a
     * new password and the secret question, then the helpdesk page.
     */
    @Test
    void theStoringenServiceDeskStartsWithATemporaryPasswordLikeEveryone() {
        String realm = "storingen-stations";
        try (Browser browser = new Browser("nl")) {
            openLogin(browser, realm, "servicedesk@nslogin.nl", "Tijdelijk-demo-1");
            String uri = Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src"));
            String key = Totp.parameters(uri).get("secret");
            browser.type(By.id("totp"), Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            browser.clickAndAwait(By.id("tweestap-totp-apply"), By.id("password-new"));
            browser.type(By.id("password-new"), "Servicedesk-demo-2026");
            browser.type(By.id("password-confirm"), "Servicedesk-demo-2026");
            browser.clickAndAwait(By.cssSelector("[type=submit]"), By.id("tweestap-question-intro"));
            new Select(browser.await(By.id("question"))).selectByValue("tweestapQuestionFirstPet");
            browser.type(By.id("answer"), "Bello");
            browser.type(By.id("answer-confirm"), "Bello");
            browser.click(By.id("tweestap-question-save"));
            awaitPage(browser, realm);
            search(browser, "bram.bakker");
            browser.click(By.cssSelector("button[data-user='" + userId(realm, "bram.bakker@nslogin.nl") + "']"));
            HelpdeskPage.awaitText(browser, By.id("hd-person-title"), "Bakker");
            assertThat(browser.present(By.id("hd-action-temporary-password"))).isTrue();
        }
    }

    // ---------------------------------------------------------------- steps

    private void logInOnPage(Browser browser, String realm, String username, String password) {
        openLogin(browser, realm, username, password);
        awaitPage(browser, realm);
    }

    private void openLogin(Browser browser, String realm, String username, String password) {
        HelpdeskPage.startLogIn(browser, HelpdeskPage.url(server, realm), username, password);
    }

    /** The page a helpdesk login lands on: the helpdesk page itself, logged in, with its search. */
    private void awaitPage(Browser browser, String realm) {
        HelpdeskPage.awaitReady(browser);
        assertThat(browser.text(By.id("hd-user"))).contains("Ingelogd als");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(HelpdeskPage.url(server, realm));
    }

    private static void search(Browser browser, String text) {
        browser.driver().findElement(By.id("hd-q")).clear();
        browser.type(By.id("hd-q"), text);
        browser.click(By.id("hd-search-submit"));
    }

    private String userId(String realm, String username) {
        return admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + username).get(0).path("id").asText();
    }
}
