package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 18: a one-time SMS binding link opened after the code already confirmed the binding says it was used (it
 * asked "Wil je de Werkplek app koppelen?" and then "De koppeling is gereed"); overlong input on the renewal page and
 * on the reset page gets its own message (not "fill in your username", not "an e-mail was sent").
 */
@ExtendWith(KeycloakExtension.class)
class UsedLinkAndOverlongInputIT {

    private static final Pattern BIND_LINK = Pattern.compile("https?://\\S+/tweestap-app/link\\?t=[A-Za-z0-9_-]+");
    private static final String LONG = "a".repeat(10_000);

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    UsedLinkAndOverlongInputIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    @Test
    void theSmsLinkAfterTheCodeSaysItWasUsed() {
        String realm = "werkplek";
        String name = AdminApi.uniqueName("linkused");
        String number = Phones.randomNumber();
        admin.createUser(realm, name, "Werkplek-demo-1", number);
        try (Browser computer = new Browser("nl"); Browser phoneBrowser = new Browser("nl")) {
            LoginPages.passwordStep(computer, server, realm, name, "Werkplek-demo-1");
            CompanionClient app = Phones.bindFromPage(computer, server, outbox, realm, number, 0);
            LoginPages.awaitAccount(computer, server, realm);
            assertThat(app.status().isActive()).isTrue();

            Matcher link = BIND_LINK.matcher(outbox.smsTo(realm, number).get(0).path("text").asText());
            assertThat(link.find()).isTrue();
            phoneBrowser.open(link.group());
            String page = phoneBrowser.text(By.id("tweestap-link-used"));
            assertThat(page).contains("Deze link is al gebruikt", "de koppeling is al gereed");
            assertThat(phoneBrowser.present(By.id("tweestap-link-confirm"))).as("nothing left to confirm").isFalse();
            assertThat(phoneBrowser.bodyText()).doesNotContain("Wil je de Werkplek app");
        }
    }

    @Test
    void anOverlongUsernameOnTheRenewalPageIsTooLong() {
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl("storingen-stations") + "/tweestap-recovery");
            browser.await(By.id("username"));
            setValue(browser, "username", LONG);
            browser.type(By.id("phone"), "0612345678");
            browser.clickAndAwait(By.id("tweestap-recovery-next"), By.id("username"));
            String text = browser.bodyText();
            assertThat(text).contains("te lang").doesNotContain("Vul je gebruikersnaam en je mobiele nummer in.");
            assertThat(browser.present(By.id("tweestap-recovery-code-intro"))).as("no code step").isFalse();
        }
    }

    @Test
    void anOverlongAddressOnTheResetPageIsTooLong() {
        String realm = "nse-portal";
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(realm) + "/account/");
            browser.click(By.id("tweestap-reset-link"));
            browser.await(By.id("username"));
            setValue(browser, "username", LONG + "@nse-portal.test");
            browser.clickAndAwait(By.cssSelector("[type=submit]"), By.id("username"));
            String text = browser.bodyText();
            assertThat(text).contains("langer dan een gebruikersnaam of e-mailadres", "je hebt ingevuld")
                    .doesNotContain("Je ontvangt binnen enkele minuten een e-mail");
        }
    }

    private static void setValue(Browser browser, String id, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }
}
