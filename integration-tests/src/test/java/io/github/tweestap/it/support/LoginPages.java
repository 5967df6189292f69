package io.github.tweestap.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/** The steps every browser test takes on Keycloak's login pages, and the page a login lands on. */
public final class LoginPages {

    /** What Keycloak's account console shows instead of its pages when its own API refuses the person (nl, en). */
    private static final List<String> CONSOLE_ERRORS = List.of("Er is iets fout gegaan", "Something went wrong",
            "onverwachte fout", "unexpected error");
    /** The personal-information form's fields; they get their values from the account console's API. */
    private static final By PERSONAL_INFO = By.cssSelector("input#username, input#email, input#firstName");

    private LoginPages() {
    }

    /** Opens the realm's account console, which sends the browser to the login page, and signs in. */
    public static void passwordStep(Browser browser, KeycloakServer server, String realm, String username, String password) {
        browser.open(server.realmUrl(realm) + "/account/");
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), password);
        browser.clickAndAwait(By.id("kc-login"), By.cssSelector("h1"));
    }

    /** Types a code into the field and presses the button, then waits for the page that answers. */
    public static void submitCode(Browser browser, By field, By button, String code) {
        browser.type(field, code);
        try {
            // The page before may show a message too (a loaded machine shows the race): wait for the answer page.
            browser.clickAndAwait(button, By.tagName("body"));
        } catch (TimeoutException stillThere) {
            // the click did not leave the page; what follows asserts on what it shows
        }
    }

    /**
     * Waits until the login is done and the browser is back at the account console (the page a person lands on),
     * and checks that the console works: it shows the person's own data, loaded through its API, and no error.
     */
    public static void awaitAccount(Browser browser, KeycloakServer server, String realm) {
        awaitAccount(browser, server, realm, null);
    }

    /** As {@link #awaitAccount(Browser, KeycloakServer, String)}, and the console shows {@code fullName}. */
    public static void awaitAccount(Browser browser, KeycloakServer server, String realm, String fullName) {
        browser.awaitUrl(url -> url.startsWith(server.realmUrl(realm) + "/account") && !url.contains("login-actions"));
        if (browser.javascript()) {
            // Keycloak's account console is a JavaScript application: without JavaScript the address is all there is.
            assertAccountConsoleWorks(browser, fullName);
        }
    }

    /** The account console on screen shows the person's data (and {@code fullName} when not null), no error. */
    public static void assertAccountConsoleWorks(Browser browser, String fullName) {
        String outcome = browser.until(Duration.ofSeconds(60), "the account console showing the person's data", d -> {
            String body = d.findElement(By.tagName("body")).getText();
            for (String error : CONSOLE_ERRORS) {
                if (body.contains(error)) {
                    return "the account console shows an error: " + body;
                }
            }
            boolean loaded = false;
            for (WebElement field : d.findElements(PERSONAL_INFO)) {
                String value = field.getDomProperty("value");
                loaded |= value != null && !value.isBlank();
            }
            if (!loaded || (fullName != null && !body.contains(fullName))) {
                return null;
            }
            return "ok";
        });
        assertThat(outcome).isEqualTo("ok");
    }
}
