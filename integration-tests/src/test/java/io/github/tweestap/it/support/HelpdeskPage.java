package io.github.tweestap.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * The helpdesk page of a realm ({@code /realms/<realm>/tweestap-helpdesk/}) as the tests drive it: open it, log in with
 * the helpdesk person's own account through Keycloak's login form, and wait until the page itself says it is ready
 * (the search is shown, "Ingelogd als …" is filled in and the login's code is gone from the address bar). Every wait
 * goes through {@link Browser#until}, so a page that replaces itself while being read is read again.
 */
public final class HelpdeskPage {

    private HelpdeskPage() {
    }

    /** The address of the realm's helpdesk page. */
    public static String url(KeycloakServer server, String realm) {
        return server.realmUrl(realm) + "/tweestap-helpdesk/";
    }

    /** The address of the realm's helpdesk page in {@code language} ({@code ?lang=}). */
    public static String url(KeycloakServer server, String realm, String language) {
        return url(server, realm) + "?lang=" + language;
    }

    /**
     * Logs in on the page at {@code pageUrl} (see {@link #url}) with username and password only, and returns once the
     * page is ready. A realm that asks more (a second factor, a required action) needs {@link #startLogIn}, the steps
     * the realm asks, then {@link #awaitReady}.
     */
    public static void logIn(Browser browser, String pageUrl, String username, String password) {
        startLogIn(browser, pageUrl, username, password);
        awaitReady(browser);
    }

    /** Opens the page and waits for its "Inloggen" button (the page before anyone logged in); returns the button. */
    public static WebElement open(Browser browser, String pageUrl) {
        browser.open(pageUrl);
        return browser.await(By.id("hd-login-button"));
    }

    /** Opens the page, presses "Inloggen" and submits Keycloak's login form; returns on the page that answers. */
    public static void startLogIn(Browser browser, String pageUrl, String username, String password) {
        open(browser, pageUrl);
        submitLogIn(browser, username, password);
    }

    /** On the opened page: presses "Inloggen" and submits Keycloak's login form; returns on the page that answers. */
    public static void submitLogIn(Browser browser, String username, String password) {
        browser.clickAndAwait(By.id("hd-login-button"), By.id("username"));
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), password);
        browser.clickAndAwait(By.id("kc-login"), By.tagName("body"));
    }

    /**
     * Waits for the page's own sign that the login is done: the search field is shown, the header names the person
     * logged in, and the address no longer carries the login's code.
     */
    public static void awaitReady(Browser browser) {
        browser.until("the helpdesk page, logged in", d ->
                d.findElement(By.id("hd-q")).isDisplayed()
                        && !d.findElement(By.id("hd-user")).getText().isBlank()
                        && !d.getCurrentUrl().contains("code="));
    }

    /** Waits until the element {@code by} shows {@code text} (the page renders a person or a status anew as it goes). */
    public static void awaitText(Browser browser, By by, String text) {
        String[] seen = {""};
        try {
            browser.until("'" + text + "' in " + by, d -> {
                seen[0] = d.findElement(by).getText();
                return seen[0].contains(text);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("expected '" + text + "' in " + by + ", saw: " + seen[0], e);
        }
    }
}
