package io.github.tweestap.it;

import static io.github.tweestap.it.support.HelpdeskPage.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.HelpdeskPage;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 17: each helpdesk action, done on the page in Chromium, and its effect on the person's next login, followed
 * to the page the person lands on (the account console) and checked there.
 */
@ExtendWith(KeycloakExtension.class)
class HelpdeskNextLoginIT {

    static final String PASSWORD = "Werknemer-test-1";
    static final String LOKET = "werknemerloket";
    static final String WERKPLEK = "werkplek";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;

    HelpdeskNextLoginIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    /** 2FA off: the werknemerloket's next login asks the password only (its 2FA is optional) and lands. */
    @Test
    void afterTwoStepVerificationIsSwitchedOffTheNextLoginNoLongerAsksTheCode() {
        String person = AdminApi.uniqueName("zonder2fa");
        String id = personWithApp(person);
        // Before: the login asks the app's code.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, LOKET, person, PASSWORD);
            assertThat(browser.await(By.id("otp")).isDisplayed()).isTrue();
        }
        onPage(LOKET, person, id, "hd-action-two-factor-off", "is uitgeschakeld");
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, LOKET, person, PASSWORD);
            LoginPages.awaitAccount(browser, server, LOKET, "Piet Wekkers");
            assertThat(browser.present(By.id("otp"))).isFalse();
        }
    }

    /** Block: the login is refused with the portal's message; unblock: the same password lands again. */
    @Test
    void aBlockedPersonIsRefusedUntilUnblocked() {
        String person = AdminApi.uniqueName("blok");
        String id = plainPerson(person);
        onPage(LOKET, person, id, "hd-action-block", "is geblokkeerd");
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, LOKET, person, PASSWORD);
            awaitText(browser, By.cssSelector("body"), "Account is geblokkeerd");
            assertThat(browser.driver().getCurrentUrl()).doesNotStartWith(server.realmUrl(LOKET) + "/account");
        }
        onPage(LOKET, person, id, "hd-action-unblock", "gedeblokkeerd");
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, LOKET, person, PASSWORD);
            LoginPages.awaitAccount(browser, server, LOKET, "Piet Wekkers");
        }
    }

    /** Unlock after a brute-force lockout: the person's own password works again at once. */
    @Test
    void aLockedOutPersonLogsInAgainAfterTheUnlock() {
        String person = AdminApi.uniqueName("slot");
        String id = plainPerson(person);
        // The helpdesk person is logged in first: the realm's lockout lasts a minute, the unlock comes well within it.
        try (Browser desk = desk(LOKET)) {
            // Wrong passwords until brute-force detection locks the account (the realm's failure factor at most; two
            // within a second lock it at once through Keycloak's quick-login check).
            String status = "/admin/realms/" + LOKET + "/attack-detection/brute-force/users/" + id;
            for (int i = 0; i < 10 && !admin.get(status).path("disabled").asBoolean(); i++) {
                new FormClient().from("127.0.17." + (10 + i)).login(server, LOKET, person, "Fout-wachtwoord-" + i);
            }
            admin.await("the lockout", Duration.ofSeconds(15), () -> admin.get(status), n -> n.path("disabled").asBoolean());
            FormClient.Page refused = new FormClient().from("127.0.17.20").login(server, LOKET, person, PASSWORD);
            assertThat(refused.html()).contains("kc-form-login");
            open(desk, person, id);
            assertThat(desk.text(By.id("hd-locked"))).startsWith("Ja");
            desk.click(By.id("hd-action-unlock"));
            desk.click(By.id("hd-confirm-yes"));
            awaitText(desk, By.id("hd-status"), "is ontgrendeld");
            assertThat(admin.get(status).path("disabled").asBoolean()).isFalse();
        }
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, LOKET, person, PASSWORD);
            LoginPages.awaitAccount(browser, server, LOKET, "Piet Wekkers");
        }
    }

    /** Send username: the e-mail (GreenMail) names the username, and the person logs in with it. */
    @Test
    void theUsernameMailCarriesTheUsernameThePersonLogsInWith() throws Exception {
        String person = AdminApi.uniqueName("vergeten");
        String id = plainPerson(person);
        String email = person + "@test.localhost";
        int before = mailbox.to(email).size();
        onPage(LOKET, person, id, "hd-action-username", "verstuurd");
        String text = Mailbox.plainText(mailbox.await(email, before + 1));
        Matcher named = Pattern.compile("(" + Pattern.quote(person) + ")").matcher(text);
        assertThat(named.find()).as("the mail names the username: " + text).isTrue();
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, LOKET, named.group(1), PASSWORD);
            LoginPages.awaitAccount(browser, server, LOKET, "Piet Wekkers");
        }
    }

    /**
     * Temporary password by SMS (an existing werkplek account): the person logs in with it, gives the SMS code
     * ("Nu niet"), must choose a new password, and lands on the account console; the old password no longer works.
     */
    @Test
    void theTemporaryPasswordBySmsLogsInAndMustBeChanged() {
        String person = AdminApi.uniqueName("tijdelijk");
        String number = Phones.randomNumber();
        String id = admin.createUser(WERKPLEK, person, PASSWORD, number);
        onPage(WERKPLEK, person, id, "hd-action-temporary-password", "tijdelijke wachtwoord is per SMS verstuurd");
        String temporary = awaitTemporaryPassword(number);
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, WERKPLEK, person, temporary);
            smsStep(browser, number);
            browser.await(By.id("password-new"));
            browser.type(By.id("password-new"), "Nieuw-wachtwoord-17");
            browser.type(By.id("password-confirm"), "Nieuw-wachtwoord-17");
            browser.click(By.cssSelector("[type=submit]"));
            LoginPages.awaitAccount(browser, server, WERKPLEK);
        }
        FormClient.Page old = new FormClient().from("127.0.17.30").login(server, WERKPLEK, person, PASSWORD);
        assertThat(old.html()).contains("kc-form-login");
    }

    /** Number change: confirmed with the SMS link to the new number; the next login's SMS code goes there. */
    @Test
    void aChangedNumberIsConfirmedByLinkAndTheNextCodeGoesThere() throws Exception {
        String person = AdminApi.uniqueName("nummer");
        String oldNumber = Phones.randomNumber();
        String newNumber = Phones.randomNumber();
        String id = admin.createUser(WERKPLEK, person, PASSWORD, oldNumber);
        try (Browser browser = desk(WERKPLEK)) {
            open(browser, person, id);
            browser.type(By.id("hd-phone"), newNumber);
            browser.click(By.id("hd-phone-submit"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-phone-value"), "nog niet bevestigd");
        }
        String link = outbox.awaitLink(WERKPLEK, newNumber);
        try (Browser phone = new Browser("nl")) {
            phone.open(link);
            phone.click(By.id("tweestap-link-confirm"));
            phone.awaitText("mobiele nummer is bevestigd");
        }
        JsonNode attributes = admin.get("/admin/realms/" + WERKPLEK + "/users/" + id).path("attributes");
        assertThat(attributes.path("tweestapVerifiedPhone").get(0).asText()).isEqualTo(newNumber);
        int oldCodes = outbox.codesTo(WERKPLEK, oldNumber).size();
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, WERKPLEK, person, PASSWORD);
            smsStep(browser, newNumber);
            LoginPages.awaitAccount(browser, server, WERKPLEK);
        }
        assertThat(outbox.codesTo(WERKPLEK, oldNumber)).as("no code to the old number").hasSize(oldCodes);
    }

    // ---------------------------------------------------------------- steps

    /** Werkplek's push step for someone without the app: "Nu niet", then the SMS code to the number. */
    private void smsStep(Browser browser, String number) {
        int before = outbox.codesTo(WERKPLEK, number).size();
        browser.clickAndAwait(By.id("tweestap-enroll-use-sms"), By.id("code"));
        browser.type(By.id("code"), outbox.awaitCode(WERKPLEK, number, before + 1));
        browser.click(By.id("kc-login"));
    }

    private String awaitTemporaryPassword(String number) {
        Pattern password = Pattern.compile("wachtwoord voor .*? is: (\\S+)");
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode sms : outbox.smsTo(WERKPLEK, number)) {
                Matcher m = password.matcher(sms.path("text").asText());
                if (m.find()) {
                    return m.group(1);
                }
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no temporary password SMS to " + number);
    }

    /** A helpdesk person logs in on the page, opens the person and does the action after confirming it. */
    private void onPage(String realm, String person, String id, String action, String done) {
        try (Browser browser = desk(realm)) {
            open(browser, person, id);
            browser.click(By.id(action));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-status"), done);
        }
    }

    /** A fresh helpdesk person of the realm, logged in on the page (werkplek: with the SMS code, as everyone). */
    private Browser desk(String realm) {
        String name = AdminApi.uniqueName("desk");
        String number = realm.equals(WERKPLEK) ? Phones.randomNumber() : null;
        String id = admin.createUser(realm, name, PASSWORD, number);
        admin.grantRealmManagementRole(realm, id, "view-users");
        admin.grantRealmManagementRole(realm, id, "manage-users");
        Browser browser = new Browser("nl");
        HelpdeskPage.startLogIn(browser, HelpdeskPage.url(server, realm), name, PASSWORD);
        if (number != null) {
            browser.click(By.id("tweestap-enroll-use-sms"));
            browser.type(By.id("code"), outbox.awaitCode(realm, number, 1));
            browser.click(By.id("kc-login"));
        }
        HelpdeskPage.awaitReady(browser);
        return browser;
    }

    private static void open(Browser browser, String username, String id) {
        browser.type(By.id("hd-q"), username);
        browser.click(By.id("hd-search-submit"));
        browser.click(By.cssSelector("button[data-user='" + id + "']"));
        browser.await(By.id("hd-two-factor"));
    }

    private String plainPerson(String username) {
        return create(username, false);
    }

    private String personWithApp(String username) {
        return create(username, true);
    }

    private String create(String username, boolean app) {
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", username).put("email", username + "@test.localhost").put("emailVerified", true)
                .put("enabled", true).put("firstName", "Piet").put("lastName", "Wekkers");
        var credentials = user.putArray("credentials");
        credentials.add(AdminApi.JSON.valueToTree(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        if (app) {
            credentials.add(AdminApi.JSON.valueToTree(Map.of("type", "otp", "userLabel", "kantoor",
                    "secretData", "{\"value\":\"" + HelpdeskPageIT.OTP_SECRET + "\"}",
                    "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}")));
        }
        return HelpdeskPageIT.id(admin.post("/admin/realms/" + LOKET + "/users", user));
    }
}
