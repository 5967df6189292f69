package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.SmsGatewayStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Verified numbers, the allow-list, the verification required action, a failing gateway and the temporary password
 * by SMS, against the real server.
 */
@ExtendWith(KeycloakExtension.class)
class PhoneNumbersIT {

    private static final String WERKPLEK = "werkplek-sms-lab";
    private static final String LAB = "sms-lab";
    private static final String PASSWORD = "Test-wachtwoord-1";
    private static final By CODE = By.id("code");
    private static final By SUBMIT = By.id("kc-login");
    private static final By ALERT = By.cssSelector(".kc-feedback-text");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final SmsGatewayStub gateway;

    PhoneNumbersIT(KeycloakServer server, AdminApi admin, Outbox outbox, SmsGatewayStub gateway) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.gateway = gateway;
    }

    @Test
    void aNumberThatIsNotVerifiedIsNeverUsedForLogin() {
        String name = AdminApi.uniqueName("unverified");
        String id = admin.createUser(WERKPLEK, name, PASSWORD, null);
        // Set through Keycloak's own admin API: stored, but not verified.
        ObjectNode representation = (ObjectNode) user(WERKPLEK, id);
        representation.putObject("attributes").putArray("phoneNumber").add("+31687654321");
        admin.put("/admin/realms/" + WERKPLEK + "/users/" + id, representation);
        try (Browser browser = new Browser()) {
            passwordStep(browser, WERKPLEK, name);
            assertThat(browser.text(ALERT))
                    .isEqualTo("Je mobiele nummer is nog niet bevestigd, dus we kunnen er geen inlogcode naartoe sturen."
                            + " Neem contact op met de Servicedesk.");
            assertThat(browser.present(CODE)).isFalse();
        }
        assertThat(outbox.smsTo(WERKPLEK, "+31687654321")).isEmpty();

        // The admin registers the number; the phone's owner confirms it with the link in the SMS.
        AdminApi.Answer registered = admin.putForAnswer("/admin/realms/" + WERKPLEK + "/tweestap-sms/users/" + id
                + "/phone-number", Map.of("phoneNumber", "06 87654321"));
        assertThat(registered.status()).isEqualTo(202);
        assertThat(registered.body().path("verified").asBoolean()).isFalse();
        String link = outbox.awaitLink(WERKPLEK, "+31687654321");
        try (Browser phone = new Browser()) {
            phone.open(link);
            assertThat(phone.text(By.cssSelector("h1"))).isEqualTo("Mobiel nummer bevestigen");
            assertThat(user(WERKPLEK, id).path("attributes").has("tweestapVerifiedPhone"))
                    .as("opening the link alone verifies nothing").isFalse();
            phone.click(By.id("tweestap-link-confirm"));
            assertThat(phone.text(By.id("tweestap-link-done"))).startsWith("Je mobiele nummer is bevestigd");
            phone.open(link);
            assertThat(phone.text(By.id("tweestap-link-invalid"))).startsWith("Deze link is ongeldig");
        }
        try (Browser browser = new Browser()) {
            passwordStep(browser, WERKPLEK, name);
            submit(browser, outbox.awaitCode(WERKPLEK, "+31687654321", 1));
            assertLoggedIn(browser, WERKPLEK);
        }
    }

    @Test
    void editingTheNumberDoesNotInheritTheVerificationAndNobodyCanWriteIt() {
        String name = AdminApi.uniqueName("edited");
        String id = admin.createUser(WERKPLEK, name, PASSWORD, "+31611223344");
        assertThat(user(WERKPLEK, id).path("attributes").path("tweestapVerifiedPhone").get(0).asText())
                .isEqualTo("+31611223344");

        // An admin edits the number and tries to carry the verification over.
        ObjectNode representation = (ObjectNode) user(WERKPLEK, id);
        ObjectNode edited = representation.putObject("attributes");
        edited.putArray("phoneNumber").add("+31655443322");
        edited.putArray("tweestapVerifiedPhone").add("+31655443322");
        int status = admin.status("PUT", "/admin/realms/" + WERKPLEK + "/users/" + id, representation);
        assertThat(status).isIn(204, 400);
        JsonNode attributes = user(WERKPLEK, id).path("attributes");
        assertThat(attributes.path("tweestapVerifiedPhone").get(0).asText()).isEqualTo("+31611223344");

        try (Browser browser = new Browser()) {
            passwordStep(browser, WERKPLEK, name);
            if (attributes.path("phoneNumber").get(0).asText().equals("+31655443322")) {
                assertThat(browser.text(ALERT)).startsWith("Je mobiele nummer is nog niet bevestigd");
                assertThat(outbox.smsTo(WERKPLEK, "+31655443322")).isEmpty();
            } else {
                // The update was refused as a whole: the old, verified number is still the one used.
                assertThat(browser.await(CODE).isDisplayed()).isTrue();
            }
        }
    }

    @Test
    void aLinkConfirmsOnlyTheNumberItWasSentTo() {
        String id = admin.createUser(WERKPLEK, AdminApi.uniqueName("relink"), PASSWORD, null);
        assertThat(admin.putForAnswer("/admin/realms/" + WERKPLEK + "/tweestap-sms/users/" + id + "/phone-number",
                Map.of("phoneNumber", "+31619191919")).status()).isEqualTo(202);
        String link = outbox.awaitLink(WERKPLEK, "+31619191919");
        ObjectNode representation = (ObjectNode) user(WERKPLEK, id);
        representation.putObject("attributes").putArray("phoneNumber").add("+31629292929");
        admin.put("/admin/realms/" + WERKPLEK + "/users/" + id, representation);
        try (Browser phone = new Browser()) {
            phone.open(link);
            phone.click(By.id("tweestap-link-confirm"));
            assertThat(phone.text(By.id("tweestap-link-invalid"))).startsWith("Het mobiele nummer van je account is gewijzigd");
        }
        assertThat(user(WERKPLEK, id).path("attributes").has("tweestapVerifiedPhone")).isFalse();
    }

    @Test
    void onlyMobileNumbersFromAllowedRegionsCanBeRegistered() {
        String id = admin.createUser(WERKPLEK, AdminApi.uniqueName("region"), PASSWORD, null);
        String path = "/admin/realms/" + WERKPLEK + "/tweestap-sms/users/" + id + "/phone-number";
        AdminApi.Answer belgian = admin.putForAnswer(path, Map.of("phoneNumber", "+32 470 12 34 56"));
        assertThat(belgian.status()).isEqualTo(400);
        assertThat(belgian.body().path("error").asText()).isEqualTo("phone_region_not_allowed");
        assertThat(belgian.body().path("errorMessage").asText()).isNotBlank().doesNotContain("Exception");
        AdminApi.Answer landline = admin.putForAnswer(path, Map.of("phoneNumber", "020 123 4567"));
        assertThat(landline.body().path("error").asText()).isEqualTo("phone_not_mobile");
        AdminApi.Answer nonsense = admin.putForAnswer(path, Map.of("phoneNumber", "bel me"));
        assertThat(nonsense.body().path("error").asText()).isEqualTo("phone_invalid");
        assertThat(user(WERKPLEK, id).path("attributes").has("phoneNumber")).isFalse();
    }

    @Test
    void theVerificationActionChecksTheNumberAndStoresItOnlyAfterTheCode() {
        String name = AdminApi.uniqueName("verify");
        String id = admin.createUser(LAB, name, PASSWORD, null);
        admin.put("/admin/realms/" + LAB + "/users/" + id, Map.of("requiredActions", List.of("tweestap-verify-phone")));
        try (Browser browser = new Browser()) {
            passwordStep(browser, LAB, name);
            assertThat(browser.text(By.cssSelector("h1"))).contains("Mobiel nummer bevestigen");

            typeNumber(browser, "020 123 4567");
            assertThat(browser.text(By.id("input-error-phoneNumber"))).isEqualTo("Dit is geen mobiel nummer. Vul een mobiel nummer in.");
            typeNumber(browser, "+32 470 12 34 56");
            assertThat(browser.text(By.id("input-error-phoneNumber")))
                    .isEqualTo("Naar nummers uit dit land kunnen we geen SMS sturen.");
            assertThat(user(LAB, id).path("attributes").has("phoneNumber")).isFalse();

            typeNumber(browser, "06 44 55 66 77");
            String code = outbox.awaitCode(LAB, "+31644556677", 1);
            assertThat(outbox.codesTo(LAB, "+31644556677").get(0).path("text").asText()).endsWith("#" + code);
            browser.type(CODE, code.equals("000000") ? "000001" : "000000");
            browser.click(SUBMIT);
            assertThat(browser.text(By.id("input-error-code"))).startsWith("De code is onjuist.");
            assertThat(user(LAB, id).path("attributes").has("tweestapVerifiedPhone")).isFalse();

            submit(browser, code);
            assertLoggedIn(browser, LAB);
        }
        JsonNode attributes = user(LAB, id).path("attributes");
        assertThat(attributes.path("phoneNumber").get(0).asText()).isEqualTo("+31644556677");
        assertThat(attributes.path("tweestapVerifiedPhone").get(0).asText()).isEqualTo("+31644556677");
    }

    @Test
    void aFailingGatewayGivesAClearPageAndTheLoginGoesOnWhenItIsBack() {
        ObjectNode original = admin.authenticatorConfig(WERKPLEK, "werkplek browser forms", "werkplek sms code");
        ObjectNode config = original.deepCopy();
        // The realm's own resend cooldown (30 s) stays: a failed send must not start it.
        ((ObjectNode) config.get("config")).put("tweestap.sms.sender", "http");
        admin.updateAuthenticatorConfig(WERKPLEK, config);
        String phone = "+31612121212";
        String name = AdminApi.uniqueName("gateway");
        admin.createUser(WERKPLEK, name, PASSWORD, phone);
        try (Browser browser = new Browser()) {
            gateway.answerWith(503);
            passwordStep(browser, WERKPLEK, name);
            assertThat(browser.text(ALERT)).isEqualTo("De SMS kon niet worden verstuurd. Probeer het over een paar minuten opnieuw.");
            assertThat(browser.source()).doesNotContain("Exception");
            browser.screenshot("werkplek-sms-gateway-down");

            gateway.answerWith(200);
            browser.click(By.id("tweestap-sms-resend"));
            browser.await(By.id("tweestap-sms-instruction"));
            List<SmsGatewayStub.Received> received = gateway.awaitReceived(phone, 1);
            assertThat(received).hasSize(1);
            assertThat(received.get(0).apiKey()).isEqualTo(SmsGatewayStub.API_KEY);
            String code = Outbox.codeIn(received.get(0).text());
            assertThat(received.get(0).text()).endsWith("\n\n@localhost #" + code);
            submit(browser, code);
            assertLoggedIn(browser, WERKPLEK);
        } finally {
            gateway.answerWith(200);
            admin.updateAuthenticatorConfig(WERKPLEK, original);
        }
        JsonNode errors = admin.get("/admin/realms/" + WERKPLEK + "/events?type=CUSTOM_REQUIRED_ACTION_ERROR&max=500");
        assertThat(errors.findValuesAsText("error")).contains("tweestap_sms_send_failed");
    }

    @Test
    void aTemporaryPasswordBySmsLeadsToANewPasswordAndTheSecondFactor() {
        String phone = "+31634343434";
        String name = AdminApi.uniqueName("temp");
        String id = admin.createUser(WERKPLEK, name, "Oud-wachtwoord-123", phone);
        AdminApi.Answer sent = admin.postForAnswer("/admin/realms/" + WERKPLEK + "/tweestap-sms/users/" + id
                + "/temporary-password-sms", null);
        assertThat(sent.status()).isEqualTo(204);
        String sms = outbox.smsTo(WERKPLEK, phone).get(0).path("text").asText();
        String temporary = sms.replaceAll("(?s).*is: (\\S+)\\n.*", "$1");
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(12).isNotEqualTo(sms);
        assertThat(user(WERKPLEK, id).path("requiredActions").toString()).contains("UPDATE_PASSWORD");

        try (Browser browser = new Browser()) {
            passwordStep(browser, WERKPLEK, name, temporary);
            submit(browser, outbox.awaitCode(WERKPLEK, phone, 1));
            browser.type(By.id("password-new"), "Nieuw-wachtwoord-456");
            browser.type(By.id("password-confirm"), "Nieuw-wachtwoord-456");
            browser.screenshot("werkplek-temporary-password-new");
            browser.click(By.cssSelector("[type=submit]"));
            assertLoggedIn(browser, WERKPLEK);
        }
        try (Browser browser = new Browser()) {
            passwordStep(browser, WERKPLEK, name, "Nieuw-wachtwoord-456");
            assertThat(browser.await(CODE).isDisplayed()).isTrue();
        }
    }

    @Test
    void theAdminApiRefusesWhatItCannotDoAndChecksPermissions() {
        String id = admin.createUser(WERKPLEK, AdminApi.uniqueName("noperm"), PASSWORD, null);
        AdminApi.Answer noNumber = admin.postForAnswer("/admin/realms/" + WERKPLEK + "/tweestap-sms/users/" + id
                + "/temporary-password-sms", null);
        assertThat(noNumber.status()).isEqualTo(400);
        assertThat(noNumber.body().path("error").asText()).isEqualTo("phone_missing");
        assertThat(admin.status("POST", "/admin/realms/" + WERKPLEK + "/tweestap-sms/users/no-such-user"
                + "/temporary-password-sms", null)).isEqualTo(404);

        // A user of the realm, with a token of its own, may not use the admin API.
        String userToken = admin.userToken(WERKPLEK, "jan.jansen", "Werkplek-demo-1");
        assertThat(admin.statusWithToken(userToken, "POST", "/admin/realms/" + WERKPLEK + "/tweestap-sms/users/" + id
                + "/temporary-password-sms")).isEqualTo(403);

        // Nor may an admin who can only view users: both actions need manage-users.
        String viewer = AdminApi.uniqueName("viewer");
        String viewerId = admin.createUser(WERKPLEK, viewer, PASSWORD, null);
        JsonNode realmManagement = admin.get("/admin/realms/" + WERKPLEK + "/clients?clientId=realm-management").get(0);
        JsonNode viewUsers = admin.get("/admin/realms/" + WERKPLEK + "/clients/" + realmManagement.get("id").asText()
                + "/roles/view-users");
        admin.post("/admin/realms/" + WERKPLEK + "/users/" + viewerId + "/role-mappings/clients/"
                + realmManagement.get("id").asText(), List.of(viewUsers));
        String viewerToken = admin.userToken(WERKPLEK, viewer, PASSWORD);
        String target = admin.createUser(WERKPLEK, AdminApi.uniqueName("target"), PASSWORD, "+31656565656");
        int smsBefore = outbox.smsTo(WERKPLEK, "+31656565656").size();
        assertThat(admin.statusWithToken(viewerToken, "POST", "/admin/realms/" + WERKPLEK + "/tweestap-sms/users/"
                + target + "/temporary-password-sms")).isEqualTo(403);
        assertThat(admin.statusWithToken(viewerToken, "PUT", "/admin/realms/" + WERKPLEK + "/tweestap-sms/users/"
                + target + "/phone-number", Map.of("phoneNumber", "+31657575757"))).isEqualTo(403);
        assertThat(user(WERKPLEK, target).path("attributes").path("phoneNumber").get(0).asText()).isEqualTo("+31656565656");
        assertThat(outbox.smsTo(WERKPLEK, "+31656565656")).hasSize(smsBefore);
    }

    private void typeNumber(Browser browser, String number) {
        browser.type(By.id("phoneNumber"), number);
        browser.clickAndAwait(By.id("tweestap-verify-send"), By.cssSelector("h1"));
    }

    private JsonNode user(String realm, String id) {
        return admin.get("/admin/realms/" + realm + "/users/" + id);
    }

    private void passwordStep(Browser browser, String realm, String username) {
        passwordStep(browser, realm, username, PASSWORD);
    }

    private void passwordStep(Browser browser, String realm, String username, String password) {
        LoginPages.passwordStep(browser, server, realm, username, password);
    }

    private void submit(Browser browser, String code) {
        LoginPages.submitCode(browser, CODE, SUBMIT, code);
    }

    private void assertLoggedIn(Browser browser, String realm) {
        LoginPages.awaitAccount(browser, server, realm);
    }

}
