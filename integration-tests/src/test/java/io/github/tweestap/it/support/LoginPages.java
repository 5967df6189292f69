package io.github.tweestap.it.support;

import org.openqa.selenium.By;

/** The steps every browser test takes on Keycloak's login pages. */
public final class LoginPages {

    private LoginPages() {
    }

    /** Opens the realm's account console, which sends the browser to the login page, and signs in. */
    public static void passwordStep(Browser browser, KeycloakServer server, String realm, String username, String password) {
        browser.open(server.realmUrl(realm) + "/account/");
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), password);
        browser.click(By.id("kc-login"));
        browser.await(By.cssSelector("h1"));
    }

    /** Types a code into the field and presses the button. */
    public static void submitCode(Browser browser, By field, By button, String code) {
        browser.type(field, code);
        org.openqa.selenium.WebElement page = browser.await(By.tagName("html"));
        browser.click(button);
        // Wait for the answer page: the page before it may show a message too (a loaded machine shows the race).
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
        } catch (org.openqa.selenium.TimeoutException stillThere) {
            // the click did not leave the page; what follows asserts on what it shows
        }
        browser.await(By.cssSelector("body"));
    }

    /** Waits until the login is done and the browser is back at the account console. */
    public static void awaitAccount(Browser browser, KeycloakServer server, String realm) {
        browser.awaitUrl(url -> url.startsWith(server.realmUrl(realm) + "/account") && !url.contains("login-actions"));
    }
}
