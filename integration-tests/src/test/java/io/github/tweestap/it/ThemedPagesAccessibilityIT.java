package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Totp;
import io.github.tweestap.it.support.Walkthrough;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * axe-core on the themed pages that are not one portal's walkthrough: for every imported realm that uses one of the
 * pack's login themes, its login page (also with an error), and the self-service pages its login page links to
 * (forgotten username and its answer, unlock, renewal, forgotten password); and the pages of the pack's login steps
 * in the lab realms (binding page, SMS code with an error, method choice, e-mail enrollment, QR activation with an
 * error, deactivation), in Dutch and English. No serious or critical violation may remain.
 */
@ExtendWith(KeycloakExtension.class)
class ThemedPagesAccessibilityIT {

    private static final Set<String> OUR_THEMES = Set.of("tweestap", "storingen-stations", "werkplek", "nse-portal",
            "verzuimcoach", "werknemerloket");
    private static final String PASSWORD = "Toegang-2025!x";
    private static final String CALLBACK = "http://localhost:1/callback";

    private final KeycloakServer server;
    private final AdminApi admin;

    ThemedPagesAccessibilityIT(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
    }

    @Test
    void loginAndSelfServicePagesOfEveryThemedRealm() {
        List<String> realms = new ArrayList<>();
        for (JsonNode realm : admin.get("/admin/realms")) {
            if (OUR_THEMES.contains(realm.path("loginTheme").asText())) {
                realms.add(realm.path("realm").asText());
            }
        }
        assertThat(realms).contains("werkplek", "push-lab", "otp-lab");
        for (String language : List.of("nl", "en")) {
            for (String realm : realms) {
                try (Browser browser = new Browser(language)) {
                    Walkthrough walk = new Walkthrough(browser, "accessibility-" + language + "/" + realm);
                    browser.open(server.realmUrl(realm) + "/account/");
                    browser.await(By.id("username"));
                    walk.step("login");
                    browser.type(By.id("username"), "niemand");
                    browser.type(By.id("password"), "fout");
                    browser.click(By.id("kc-login"));
                    browser.await(By.id("username"));
                    walk.step("login-error");
                    String login = browser.driver().getCurrentUrl();
                    for (String link : List.of("tweestap-forgot-username", "tweestap-unlock-link", "tweestap-renew-link")) {
                        if (!browser.present(By.id(link))) {
                            continue;
                        }
                        browser.click(By.id(link));
                        browser.await(By.tagName("h1"));
                        walk.step(link);
                        if (link.equals("tweestap-forgot-username")) {
                            browser.type(By.id("email"), "niemand@example.test");
                            browser.click(By.id("tweestap-username-submit"));
                            browser.await(By.id("tweestap-username-sent"));
                            walk.step("username-sent");
                        }
                        browser.open(login);
                        browser.await(By.id("username"));
                    }
                    By forgotPassword = By.cssSelector("a[href*='login-actions/reset-credentials']");
                    if (browser.present(forgotPassword)) {
                        browser.click(forgotPassword);
                        browser.await(By.id("username"));
                        walk.step("reset-credentials");
                    }
                    assertThat(walk.steps()).isGreaterThanOrEqualTo(2);
                    walk.finish();
                }
            }
        }
    }

    @Test
    void pagesOfTheLoginSteps() {
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "accessibility-steps");

            // Binding page of the push step, its SMS fallback, and the SMS page with a wrong code.
            String pushUser = AdminApi.uniqueName("a11y-push");
            admin.createUser("push-lab", pushUser, PASSWORD, "+31612340101");
            logIn(browser, "push-lab", pushUser);
            browser.await(By.id("tweestap-enroll-qr"));
            walk.step("push-binding-page");
            browser.click(By.id("tweestap-enroll-use-sms"));
            browser.await(By.id("code"));
            walk.step("sms-code");
            browser.type(By.id("code"), "000000");
            browser.click(By.id("kc-login"));
            browser.await(By.id("code"));
            walk.step("sms-code-error");
            browser.driver().manage().deleteAllCookies();

            // Method choice and enrollment by e-mail.
            String mailUser = AdminApi.uniqueName("a11y-mail");
            admin.createUser("app-mail-lab", mailUser, PASSWORD, null);
            logIn(browser, "app-mail-lab", mailUser);
            browser.await(By.id("tweestap-method-app"));
            walk.step("method-choice");
            browser.click(By.id("tweestap-method-app"));
            browser.await(By.id("totp"));
            walk.step("otp-email");
            browser.type(By.id("totp"), "000000");
            browser.click(By.id("kc-login"));
            browser.await(By.id("totp"));
            walk.step("otp-email-error");
            browser.driver().manage().deleteAllCookies();

            // QR activation on the page (with a wrong code), then the deactivation page.
            String otpUser = AdminApi.uniqueName("a11y-otp");
            admin.createUser("otp-lab", otpUser, PASSWORD, null);
            browser.open(action("tweestap-configure-totp"));
            browser.type(By.id("username"), otpUser);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            browser.await(By.id("tweestap-totp-qr"));
            walk.step("totp-activation");
            browser.type(By.id("totp"), "000000");
            browser.click(By.id("tweestap-totp-apply"));
            browser.await(By.id("tweestap-totp-qr"));
            walk.step("totp-activation-error");
            String key = Totp.parameters(Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src")))
                    .get("secret");
            long step = Instant.now().getEpochSecond() / 30;
            browser.type(By.id("totp"), Totp.code(Totp.base32Decode(key), step, 6));
            browser.click(By.id("tweestap-totp-apply"));
            browser.awaitUrl(url -> url.startsWith(CALLBACK));
            // Keycloak's own code page in our theme: it repeats the username in a read-only field (label repaired).
            // (Cookies are per host: forget Keycloak's from one of its pages, not from the application's.)
            browser.open(server.realmUrl("otp-lab") + "/tweestap-account/username");
            browser.driver().manage().deleteAllCookies();
            logIn(browser, "otp-lab", otpUser);
            browser.await(By.id("otp"));
            assertThat(browser.present(By.id("kc-attempted-username"))).isTrue();
            walk.step("otp-login");
            browser.open(action("tweestap-deactivate-totp"));
            browser.await(By.id("tweestap-deactivate-apply"));
            walk.step("deactivate");
            walk.finish();
        }
    }

    private void logIn(Browser browser, String realm, String username) {
        browser.open(server.realmUrl(realm) + "/account/");
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), PASSWORD);
        browser.click(By.id("kc-login"));
        browser.await(By.tagName("h1"));
    }

    private String action(String action) {
        return server.realmUrl("otp-lab") + "/protocol/openid-connect/auth?client_id=test-app&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                + "&kc_action=" + action;
    }
}
