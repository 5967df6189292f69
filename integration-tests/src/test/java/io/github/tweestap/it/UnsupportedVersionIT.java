package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The pack's JARs on a Keycloak version outside the supported range (the newest 26.3 distribution served, unpacked
 * by the build into {@code tweestap.kc.unsupported.home}): the server starts, logs one error naming the supported
 * versions, and the pack's login steps, required actions, pages and APIs refuse with a clear answer instead of a
 * server error.
 */
class UnsupportedVersionIT {

    private static final String DUTCH = "Deze inlogstap is nu niet beschikbaar";
    private static final String ENGLISH = "This sign-in step is not available right now";

    private static Path home;
    private static Path log;
    private static KeycloakServer server;

    @BeforeAll
    static void start() {
        home = Path.of(System.getProperty("tweestap.kc.unsupported.home"));
        log = home.resolveSibling(home.getFileName() + ".log");
        server = KeycloakServer.start(home, log, Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String version() {
        return home.getFileName().toString().replace("keycloak-", "");
    }

    @Test
    void startupLogsOneErrorNamingTheSupportedVersions() throws Exception {
        assertThat(version()).as("the distribution of this test").matches("26\\.[0-3]\\.\\d+");
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("Tweestap")).toList();
        List<String> errors = lines.stream().filter(l -> l.contains("ERROR")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("Tweestap does not support Keycloak " + version() + ".")
                .contains("Supported versions: Keycloak 26.4, 26.5, 26.6 and 26.7")
                .contains("newest patch of your minor version");
        assertThat(lines).noneMatch(l -> l.contains("Tweestap runs on Keycloak"));
    }

    @Test
    void aLoginStepOfThePackShowsTheRefusalPageInTheUsersLanguage() {
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, "werkplek", "jan.jansen", "Werkplek-demo-1");
            assertThat(browser.text(By.cssSelector("body"))).contains(DUTCH).doesNotContain("Exception");
            browser.screenshot("unsupported-version-login-step-nl");
        }
        try (Browser browser = new Browser("en")) {
            LoginPages.passwordStep(browser, server, "werkplek", "jan.jansen", "Werkplek-demo-1");
            assertThat(browser.text(By.cssSelector("body"))).contains(ENGLISH);
        }
    }

    @Test
    void aRequiredActionOfThePackShowsTheRefusalPage() {
        // storingen-stations gives every new user the pack's app enrollment as a default required action.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, "storingen-stations", "anna.devries@nslogin.nl", "Tijdelijk-demo-1");
            String body = browser.text(By.cssSelector("body"));
            if (browser.present(By.id("password-new"))) {
                // Keycloak's own new-password page may come first; the pack's step follows it.
                browser.type(By.id("password-new"), "Nieuw-wachtwoord-1");
                browser.type(By.id("password-confirm"), "Nieuw-wachtwoord-1");
                browser.clickAndAwait(By.cssSelector("[type=submit]"), By.cssSelector("h1"));
                body = browser.text(By.cssSelector("body"));
            }
            assertThat(body).contains(DUTCH).doesNotContain("Exception");
            // The password was right: the refusal comes from the required action, not from a login step.
            assertThat(browser.driver().getCurrentUrl()).contains("required-action")
                    .contains("tweestap-configure-totp");
            browser.screenshot("unsupported-version-required-action-nl");
        }
    }

    @Test
    void thePacksPagesAndApisAnswer503WithoutAServerError() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create(server.realmUrl("werkplek") + "/tweestap-account/username"))
                .header("Accept", "text/html").header("Accept-Language", "nl").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains(DUTCH);

        HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                URI.create(server.realmUrl("werkplek") + "/tweestap-device/poll"))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.body()).contains("\"error\":\"tweestap_unsupported_keycloak_version\"");

        String serverLog = Files.readString(log);
        assertThat(serverLog).doesNotContain("NoClassDefFoundError").doesNotContain("NoSuchMethodError")
                .doesNotContain("AbstractMethodError");
    }
}
