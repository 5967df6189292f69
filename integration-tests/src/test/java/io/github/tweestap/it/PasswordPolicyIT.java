package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The realm's password policy as a checklist on the "new password" page (seeds 002, 003: the requirements on
 * screen): plain text without JavaScript, ticking as the user types with it, and the browser's verdict equal to
 * the server's for every kind of character.
 */
@ExtendWith(KeycloakExtension.class)
class PasswordPolicyIT {

    private static final String REALM = "policy-lab";
    private static final String PASSWORD = "Test-wachtwoord-1";
    private static final By CHECKLIST = By.id("tweestap-password-policy");

    private final KeycloakServer server;
    private final AdminApi admin;

    PasswordPolicyIT(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
    }

    @Test
    void withoutJavaScriptTheRequirementsAreListedAsText() {
        String name = userWhoMustChangeThePassword();
        try (Browser browser = new Browser("nl", false)) {
            // The account console needs JavaScript; the authorization endpoint's login pages do not.
            browser.open(server.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=account-console"
                    + "&response_type=code&scope=openid&redirect_uri="
                    + java.net.URLEncoder.encode(server.realmUrl(REALM) + "/account/", java.nio.charset.StandardCharsets.UTF_8)
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
            browser.type(By.id("username"), name);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            assertThat(browser.text(CHECKLIST)).contains("Uw wachtwoord moet voldoen aan:", "minimaal 10 tekens",
                    "minimaal 1 kleine letter", "minimaal 1 hoofdletter", "minimaal 1 cijfer",
                    "minimaal 1 speciaal teken").doesNotContain("(s)");
            assertThat(browser.all(By.cssSelector("#tweestap-password-policy li.tweestap-policy-met"))).isEmpty();
            browser.screenshot("policy-no-javascript");
        }
    }

    @Test
    void theChecklistTicksAsTheUserTypes() {
        String name = userWhoMustChangeThePassword();
        try (Browser browser = new Browser("en")) {
            LoginPages.passwordStep(browser, server, REALM, name, PASSWORD);
            assertThat(browser.text(CHECKLIST)).contains("at least 10 characters");
            browser.type(By.id("password-new"), "abc");
            assertThat(met(browser)).containsExactly("lowerCase");
            browser.type(By.id("password-new"), "Abcdefgh1_");
            assertThat(met(browser)).containsExactlyInAnyOrder("length", "lowerCase", "upperCase", "digits", "specialChars");
            browser.screenshot("policy-all-met");
        }
    }

    @Test
    void theBrowserAndTheServerAgreeOnEveryKindOfCharacter() {
        String name = userWhoMustChangeThePassword();
        String id = admin.get("/admin/realms/" + REALM + "/users?exact=true&username=" + name).get(0).path("id").asText();
        List<String> passwords = List.of(
                "Wachtwoord_12",          // underscore: special on the server (keycloak.v2's script says no)
                "Wachtwoord 12",          // space
                "wachtwoordé1A",          // é is a letter, not a special character
                "Wachtwoordé12",          // no special character at all
                "Wachtwoord1\uD83D\uDE00",  // emoji: two UTF-16 units, both special
                "WACHTWOORD1!",           // no lowercase
                "ÉCOLEÉCOLE1!é",          // accented capitals count as uppercase
                "Kort1!a",                // too short
                "Wachtwoord١٢!",          // Arabic-Indic digits are digits to Java
                "ǅwachtwoord1!");          // titlecase letter: neither upper nor lower
        List<String> disagreements = new ArrayList<>();
        try (Browser browser = new Browser()) {
            LoginPages.passwordStep(browser, server, REALM, name, PASSWORD);
            for (String password : passwords) {
                ((JavascriptExecutor) browser.driver()).executeScript(
                        "const f = document.getElementById('password-new'); f.value = arguments[0];"
                                + " f.dispatchEvent(new Event('input'));", password);
                boolean browserSaysOk = met(browser).size() == 5;
                int status = admin.status("PUT", "/admin/realms/" + REALM + "/users/" + id + "/reset-password",
                        Map.of("type", "password", "value", password, "temporary", false));
                boolean serverSaysOk = status == 204;
                if (browserSaysOk != serverSaysOk) {
                    disagreements.add(password + " browser=" + browserSaysOk + " server=" + serverSaysOk);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static List<String> met(Browser browser) {
        List<String> met = new ArrayList<>();
        for (WebElement item : browser.all(By.cssSelector("#tweestap-password-policy li.tweestap-policy-met"))) {
            met.add(item.getAttribute("data-policy"));
        }
        return met;
    }

    private String userWhoMustChangeThePassword() {
        String name = AdminApi.uniqueName("policy");
        String id = admin.createUser(REALM, name, PASSWORD, null);
        admin.put("/admin/realms/" + REALM + "/users/" + id, Map.of("requiredActions", List.of("UPDATE_PASSWORD")));
        return name;
    }
}
