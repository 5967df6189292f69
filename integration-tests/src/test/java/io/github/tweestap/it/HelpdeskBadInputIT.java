package io.github.tweestap.it;

import static io.github.tweestap.it.support.HelpdeskPage.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.Accessibility;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.HelpdeskPage;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.SmsGatewayStub;
import io.github.tweestap.it.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 17, bad input on the helpdesk page: two helpdesk people acting on the same person at once, a person deleted
 * while their view is open, an unknown person, a number the realm's phone policy refuses, an SMS gateway that is
 * down. Each time a clear message in the page's language (nl, en) and nothing half done; never a server error.
 */
@ExtendWith(KeycloakExtension.class)
class HelpdeskBadInputIT {

    static final String PASSWORD = "Werknemer-test-1";
    static final String LOKET = "werknemerloket";
    static final String STORINGEN = "storingen-stations";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final SmsGatewayStub gateway;

    HelpdeskBadInputIT(KeycloakServer server, AdminApi admin, SmsGatewayStub gateway) {
        this.server = server;
        this.admin = admin;
        this.gateway = gateway;
    }

    @Test
    void theSecondOfTwoHelpdeskPeopleActingAtOnceIsToldItChangedAlready() {
        String employee = AdminApi.uniqueName("tegelijk");
        String employeeId = personWithApp(employee);
        String first = desk(LOKET, "eerste");
        String second = desk(LOKET, "tweede");
        try (Browser one = new Browser("nl"); Browser two = new Browser("nl")) {
            logIn(one, LOKET, first, "nl");
            logIn(two, LOKET, second, "nl");
            open(one, employee, employeeId);
            open(two, employee, employeeId);

            // Both see "Tweestapsverificatie actief: Ja"; the first switches it off.
            one.click(By.id("hd-action-two-factor-off"));
            one.click(By.id("hd-confirm-yes"));
            awaitText(one, By.id("hd-two-factor"), "Nee");
            // The second still sees "Ja" and asks for the same: told it changed, shown the fresh view, nothing done.
            two.click(By.id("hd-action-two-factor-off"));
            two.click(By.id("hd-confirm-yes"));
            awaitText(two, By.id("hd-error"), "Dit is intussen al gewijzigd");
            awaitText(two, By.id("hd-two-factor"), "Nee");
            assertThat(Accessibility.seriousViolations(two)).as("axe-core: the 'already changed' message").isEmpty();
            two.screenshot("issue17-helpdesk-already-changed");

            // The same for blocking: the first blocks, the second's "Blokkeren" finds it done already.
            one.click(By.id("hd-action-block"));
            one.click(By.id("hd-confirm-yes"));
            awaitText(one, By.id("hd-blocked"), "Ja");
            two.click(By.id("hd-action-block"));
            two.click(By.id("hd-confirm-yes"));
            awaitText(two, By.id("hd-error"), "Dit is intussen al gewijzigd");
            awaitText(two, By.id("hd-blocked"), "Ja");
            assertThat(two.present(By.id("hd-action-unblock"))).isTrue();
        }
        // One block, by the first: the second's request never reached the server.
        JsonNode events = admin.get("/admin/realms/" + LOKET + "/admin-events?max=1000");
        assertThat(events.findValuesAsText("resourcePath").stream()
                .filter(p -> p.contains(employeeId) && p.endsWith("/block"))).hasSize(1);
        assertThat(admin.get("/admin/realms/" + LOKET + "/admin-events?max=100&authUser=" + userId(LOKET, second)))
                .isEmpty();
        assertThat(admin.get("/admin/realms/" + LOKET + "/users/" + employeeId).path("enabled").asBoolean()).isFalse();
    }

    @Test
    void aPersonDeletedWhileTheirViewIsOpenIsGoneWithAClearMessage() {
        String employee = AdminApi.uniqueName("verwijderd");
        String employeeId = personWithApp(employee);
        String desk = desk(LOKET, "desk");
        try (Browser browser = new Browser("en")) {
            logIn(browser, LOKET, desk, "en");
            open(browser, employee, employeeId);
            assertThat(admin.status("DELETE", "/admin/realms/" + LOKET + "/users/" + employeeId, null)).isEqualTo(204);
            browser.click(By.id("hd-action-block"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-error"), "This person no longer exists. Nothing was done.");
            assertThat(browser.await(By.id("hd-q")).isDisplayed()).isTrue();
            assertThat(browser.source()).doesNotContain("Exception");
            assertThat(Accessibility.seriousViolations(browser)).as("axe-core: the 'no longer exists' message").isEmpty();
        }
        // An unknown or deleted person, with the helpdesk person's own token: 404 and a message, no stack trace.
        String token = new Tokens(server).byLogin(LOKET, "tweestap-helpdesk", server.realmUrl(LOKET) + "/tweestap-helpdesk/",
                desk, PASSWORD);
        for (String id : List.of(employeeId, "no-such-person")) {
            assertThat(admin.statusWithToken(token, "GET", "/admin/realms/" + LOKET + "/tweestap-helpdesk/users/" + id))
                    .as(id).isEqualTo(404);
            assertThat(admin.statusWithToken(token, "POST", "/admin/realms/" + LOKET + "/tweestap-helpdesk/users/" + id
                    + "/block")).as(id).isEqualTo(404);
        }
    }

    @Test
    void aNumberThePhonePolicyRefusesChangesNothing() {
        String desk = desk(STORINGEN, "nummer");
        String number = Phones.randomNumber();
        String person = AdminApi.uniqueName("persoon");
        String personId = admin.createUser(STORINGEN, person, PASSWORD, number);
        for (String language : List.of("nl", "en")) {
            try (Browser browser = new Browser(language)) {
                logIn(browser, STORINGEN, desk, language);
                browser.type(By.id("hd-q"), person);
                browser.click(By.id("hd-search-submit"));
                browser.click(By.cssSelector("button[data-user='" + personId + "']"));
                browser.await(By.id("hd-phone"));
                // A landline: the realm allows Dutch mobile numbers only.
                browser.type(By.id("hd-phone"), "020 123 4567");
                browser.click(By.id("hd-phone-submit"));
                browser.click(By.id("hd-confirm-yes"));
                awaitText(browser, By.id("hd-error"), language.equals("nl") ? "mobiel nummer" : "mobile number");
                assertThat(browser.source()).doesNotContain("Exception");
                assertThat(Accessibility.seriousViolations(browser)).as("axe-core: the refused number").isEmpty();
            }
        }
        JsonNode attributes = admin.get("/admin/realms/" + STORINGEN + "/users/" + personId).path("attributes");
        assertThat(attributes.path("phoneNumber").get(0).asText()).isEqualTo(number);
        assertThat(attributes.path("tweestapVerifiedPhone").get(0).asText()).isEqualTo(number);
    }

    @Test
    void aGatewayThatIsDownSendsNoTemporaryPasswordAndChangesNothing() {
        String desk = desk(STORINGEN, "storing");
        String number = Phones.randomNumber();
        String person = AdminApi.uniqueName("gateway");
        String personId = admin.createUser(STORINGEN, person, PASSWORD, number);
        JsonNode passwordBefore = password(personId);
        JsonNode actionsBefore = admin.get("/admin/realms/" + STORINGEN + "/users/" + personId).path("requiredActions");
        ObjectNode original = admin.requiredActionConfig(STORINGEN, "tweestap-verify-phone");
        ObjectNode config = original.deepCopy();
        ((ObjectNode) config.get("config")).put("tweestap.sms.sender", "http");
        admin.updateRequiredActionConfig(STORINGEN, "tweestap-verify-phone", config);
        gateway.answerWith(503);
        try (Browser browser = new Browser("nl")) {
            logIn(browser, STORINGEN, desk, "nl");
            browser.type(By.id("hd-q"), person);
            browser.click(By.id("hd-search-submit"));
            browser.click(By.cssSelector("button[data-user='" + personId + "']"));
            browser.click(By.id("hd-action-temporary-password"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-error"), "De SMS kon niet worden verstuurd. Probeer het over een paar minuten opnieuw.");
            assertThat(browser.source()).doesNotContain("Exception");
            assertThat(Accessibility.seriousViolations(browser)).as("axe-core: the gateway is down").isEmpty();
            browser.screenshot("issue17-helpdesk-gateway-down");
            // Nothing half done: the same password, no new required action.
            assertThat(password(personId)).isEqualTo(passwordBefore);
            assertThat(admin.get("/admin/realms/" + STORINGEN + "/users/" + personId).path("requiredActions"))
                    .isEqualTo(actionsBefore);

            // The gateway is back: the same action goes through, to the same number.
            gateway.answerWith(200);
            browser.click(By.id("hd-action-temporary-password"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-status"), "Het tijdelijke wachtwoord is per SMS verstuurd.");
            assertThat(gateway.awaitReceived(number, 1)).hasSize(1);
        } finally {
            gateway.answerWith(200);
            admin.updateRequiredActionConfig(STORINGEN, "tweestap-verify-phone", original);
        }
        assertThat(password(personId)).isNotEqualTo(passwordBefore);
    }

    // ---------------------------------------------------------------- steps

    private JsonNode password(String userId) {
        for (JsonNode credential : admin.credentials(STORINGEN, userId)) {
            if (credential.path("type").asText().equals("password")) {
                return credential.path("createdDate");
            }
        }
        throw new AssertionError("no password for " + userId);
    }

    /** A helpdesk person of the realm (view-users, manage-users), with nothing left to do at login. */
    private String desk(String realm, String prefix) {
        String name = AdminApi.uniqueName(prefix);
        String id = admin.createUser(realm, name, PASSWORD, null);
        admin.put("/admin/realms/" + realm + "/users/" + id, Map.of("requiredActions", List.of()));
        admin.grantRealmManagementRole(realm, id, "view-users");
        admin.grantRealmManagementRole(realm, id, "manage-users");
        return name;
    }

    private String personWithApp(String username) {
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", username).put("email", username + "@test.localhost").put("emailVerified", true)
                .put("enabled", true).put("firstName", "Piet").put("lastName", "Wekkers");
        user.putArray("credentials").add(AdminApi.JSON.valueToTree(Map.of("type", "password", "value", PASSWORD,
                "temporary", false))).add(AdminApi.JSON.valueToTree(Map.of("type", "otp", "userLabel", "kantoor",
                "secretData", "{\"value\":\"" + HelpdeskPageIT.OTP_SECRET + "\"}",
                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}")));
        return HelpdeskPageIT.id(admin.post("/admin/realms/" + LOKET + "/users", user));
    }

    private void logIn(Browser browser, String realm, String username, String language) {
        HelpdeskPage.logIn(browser, HelpdeskPage.url(server, realm, language), username, PASSWORD);
    }

    private static void open(Browser browser, String username, String id) {
        browser.type(By.id("hd-q"), username);
        browser.click(By.id("hd-search-submit"));
        browser.click(By.cssSelector("button[data-user='" + id + "']"));
        awaitText(browser, By.id("hd-person-title"), "Wekkers");
    }

    private String userId(String realm, String username) {
        return admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + username).get(0).path("id").asText();
    }
}
