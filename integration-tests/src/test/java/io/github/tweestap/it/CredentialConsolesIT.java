package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.Totp;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 17, part 1: an app binding is a first-class credential type in Keycloak's own consoles. The account console's
 * API ("Signing in") lists it under two-factor authentication with the phone's name, when it was bound and when it was
 * last used; the admin API behind the admin console's Credentials tab shows its label and state without key material,
 * and deleting it there takes its OTP credential along. Brute-force counting of the push step is unchanged: a wrong
 * code from the app still counts (category {@code otp}).
 */
@ExtendWith(KeycloakExtension.class)
class CredentialConsolesIT {

    static final String LAB = "unbind-lab";
    static final String LAB_PASSWORD = "Test-wachtwoord-1";
    static final String WERKPLEK = "werkplek";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CredentialConsolesIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    record Bound(String realm, String name, String id, String number, CompanionClient phone) {
    }

    @Test
    void theAccountApiListsTheBindingUnderTwoFactorAndAWrongCodeStillCountsAsOtp() {
        Bound b = bound(LAB, LAB_PASSWORD, "signing-in");
        Instant now = Instant.now();
        String token = token(b, Totp.code(b.phone().state().totp(), now));

        JsonNode container = deviceContainer(accountCredentials(b, token));
        assertThat(container).as("the account console lists the app binding").isNotNull();
        assertThat(container.path("category").asText()).isEqualTo("two-factor");
        assertThat(container.path("removeable").asBoolean()).as("unbinding is the app's or the service desk's").isFalse();
        assertThat(container.path("displayName").asText()).isNotBlank();
        JsonNode binding = single(container.path("userCredentialMetadatas"));
        assertThat(binding.path("credential").path("userLabel").asText()).isEqualTo("Testtelefoon");
        assertThat(binding.path("credential").has("credentialData") && binding.path("credential").path("credentialData")
                .asText().contains("jwk")).as("the account API shows no key material").isFalse();
        String today = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag("nl"))
                .format(LocalDate.now());
        assertThat(property(binding, "tweestapDeviceBoundOn")).isEqualTo(today);
        assertThat(property(binding, "tweestapDeviceLastUsed")).as("bound in this login, not yet used to log in")
                .isEqualTo("nog niet");

        // The push step's code: a wrong one counts for brute-force detection exactly as before, a right one is a use.
        try (Browser browser = new Browser("nl")) {
            password(browser, b, LAB_PASSWORD);
            browser.click(By.id("tweestap-push-use-code"));
            String next = Totp.code(b.phone().state().totp(), now.plusSeconds(30));
            browser.type(By.id("otp"), "000000".equals(next) ? "111111" : "000000");
            browser.click(By.id("tweestap-push-code-submit"));
            assertThat(browser.text(By.cssSelector("body"))).contains("De code is onjuist");
            admin.await("the wrong code counted", Duration.ofSeconds(10), () -> admin.bruteForce(LAB, b.id()),
                    n -> n.path("numFailures").asInt() == 1);
            KeycloakServer.sleep(1100);
            browser.type(By.id("otp"), next);
            browser.click(By.id("tweestap-push-code-submit"));
            awaitAccount(browser, b.realm());
        }
        assertThat(admin.bruteForce(LAB, b.id()).path("numFailures").asInt()).as("a right code resets the count").isZero();
        JsonNode after = single(deviceContainer(accountCredentials(b, token)).path("userCredentialMetadatas"));
        assertThat(property(after, "tweestapDeviceLastUsed")).isEqualTo(today);
    }

    @Test
    void theAdminApiShowsTheLabelAndStateButNoKeysAndItsDeleteTakesTheCodeAlong() {
        Bound b = bound(LAB, LAB_PASSWORD, "admin-tab");
        JsonNode binding = null;
        for (JsonNode c : admin.credentials(LAB, b.id())) {
            if ("tweestap-device".equals(c.path("type").asText())) {
                binding = c;
            }
        }
        assertThat(binding).isNotNull();
        assertThat(binding.path("userLabel").asText()).isEqualTo("Testtelefoon");
        JsonNode data = parse(binding.path("credentialData").asText());
        assertThat(data.path("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(data.path("boundAt").asText())).isBetween(Instant.now().minusSeconds(300), Instant.now().plusSeconds(5));
        assertThat(data.has("pushNotifications")).isTrue();
        assertThat(binding.path("credentialData").asText()).as("no device key, push keys or enrollment id")
                .doesNotContain("jwk", "pushAuth", "pushP256dh", "enrollJti", "otpCredentialId");
        assertThat(binding.path("secretData").isMissingNode() || binding.path("secretData").isNull()).isTrue();

        admin.delete("/admin/realms/" + LAB + "/users/" + b.id() + "/credentials/" + binding.path("id").asText());
        assertThat(admin.credentialTypes(LAB, b.id())).doesNotContain("tweestap-device", "otp");
    }

    @Test
    void theAdminConsolesCredentialsTabShowsTheBindingAndDeletesItWithItsCode() {
        Bound b = bound(LAB, LAB_PASSWORD, "console-tab");
        String bindingId = null;
        for (JsonNode c : admin.credentials(LAB, b.id())) {
            if ("tweestap-device".equals(c.path("type").asText())) {
                bindingId = c.path("id").asText();
            }
        }
        assertThat(bindingId).isNotNull();
        try (Browser browser = new Browser("en")) {
            browser.open(server.baseUrl() + "/admin/master/console/#/" + LAB + "/users/" + b.id() + "/credentials");
            browser.type(By.id("username"), "admin");
            browser.type(By.id("password"), "admin");
            browser.click(By.id("kc-login"));
            By row = By.cssSelector("tr[id='" + bindingId + "']");
            assertThat(browser.text(row)).contains("Tweestap-device", "Testtelefoon");
            browser.click(By.cssSelector("tr[id='" + bindingId + "'] [data-testid='showDataBtn']"));
            assertThat(browser.text(By.cssSelector("[role='dialog']"))).contains("status", "active", "boundAt")
                    .doesNotContain("jwk", "pushAuth");
            browser.screenshot("issue17-admin-console-binding-data");
            browser.click(By.cssSelector("[role='dialog'] button[aria-label='Close']"));
            browser.click(By.cssSelector("tr[id='" + bindingId + "'] button[aria-label='Kebab toggle']"));
            browser.click(By.cssSelector("[data-testid='deleteDropdownItem']"));
            browser.click(By.cssSelector("[data-testid='confirm']"));
            String deleted = bindingId;
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                    .until(d -> d.findElements(By.cssSelector("tr[id='" + deleted + "']")).isEmpty());
        }
        assertThat(admin.credentialTypes(LAB, b.id())).as("the binding and its code went together")
                .doesNotContain("tweestap-device", "otp");
    }

    @Test
    void theAccountConsoleShowsTheWerkplekAppUnderTwoStepVerification() {
        String name = AdminApi.uniqueName("console");
        String number = Phones.randomNumber();
        String password = "Werkplek-test-1";
        String id = admin.createUser(WERKPLEK, name, password, number);
        try (Browser browser = new Browser("nl")) {
            password(browser, new Bound(WERKPLEK, name, id, number, null), password);
            Phones.bindFromPage(browser, server, outbox, WERKPLEK, number, 0);
            awaitAccount(browser, WERKPLEK);
            browser.open(server.realmUrl(WERKPLEK) + "/account/account-security/signing-in");
            browser.await(By.cssSelector("[data-testid='tweestap-device/title']"));
            assertThat(browser.text(By.cssSelector("[data-testid='tweestap-device/title']"))).isEqualTo("Werkplek app");
            String list = browser.text(By.cssSelector("[data-testid='tweestap-device/credential-list']"));
            assertThat(list).contains("Testtelefoon", "Gekoppeld op", "Laatst gebruikt", "nog niet");
            assertThat(browser.text(By.id("two-factor-categ-title"))).isEqualTo("Tweestapsverificatie");
            // The binding's help text in the portal's voice: werkplek says "je" (account theme tweestap-je), never "u".
            String page = browser.bodyText();
            assertThat(page).contains("De app op je telefoon: bevestig een aanmelding met een melding, of typ de code uit de app.")
                    .doesNotContainPattern("(?<![\\p{L}.])(U|u|Uw|uw)(?![\\p{L}])");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                    browser.await(By.cssSelector("[data-testid='tweestap-device/title']")));
            browser.screenshot("issue17-account-console-signing-in");
        }
    }

    @Test
    void theAccountConsoleSetsTheAppUpWhereTheRealmAllowsIt() {
        // Werkplek enables the required action tweestap-bind-app: a user who logged in with an SMS code ("Nu niet")
        // sets the app up from "Signing in", binds it on the QR page and is back in the account console.
        String name = AdminApi.uniqueName("instellen");
        String number = Phones.randomNumber();
        String password = "Werkplek-test-1";
        String id = admin.createUser(WERKPLEK, name, password, number);
        try (Browser browser = new Browser("nl")) {
            password(browser, new Bound(WERKPLEK, name, id, number, null), password);
            browser.click(By.id("tweestap-enroll-use-sms"));
            browser.type(By.id("code"), outbox.awaitCode(WERKPLEK, number, 1));
            browser.click(By.id("kc-login"));
            awaitAccount(browser, WERKPLEK);
            browser.open(server.realmUrl(WERKPLEK) + "/account/account-security/signing-in");
            assertThat(browser.text(By.cssSelector("[data-testid='tweestap-device/not-set-up']"))).contains("Werkplek app");
            browser.click(By.cssSelector("[data-testid='tweestap-device/create']"));
            Phones.bindFromPage(browser, server, outbox, WERKPLEK, number, 1);
            browser.awaitUrl(url -> url.startsWith(server.realmUrl(WERKPLEK) + "/account") && !url.contains("login-actions")
                    && !url.contains("protocol/openid-connect"));
            browser.open(server.realmUrl(WERKPLEK) + "/account/account-security/signing-in");
            assertThat(browser.text(By.cssSelector("[data-testid='tweestap-device/credential-list']")))
                    .contains("Testtelefoon", "Gekoppeld op");
        }
        assertThat(admin.credentialTypes(WERKPLEK, id)).contains("tweestap-device", "otp");
        JsonNode events = admin.await("the binding's event", Duration.ofSeconds(10),
                () -> admin.get("/admin/realms/" + WERKPLEK + "/events?user=" + id + "&type=UPDATE_CREDENTIAL"),
                n -> n.toString().contains("device_bound"));
        assertThat(events.toString()).contains("tweestap-device");
    }

    // ---------------------------------------------------------------- steps

    Bound bound(String realm, String password, String prefix) {
        String name = AdminApi.uniqueName(prefix);
        String number = Phones.randomNumber();
        String id = admin.createUser(realm, name, password, number);
        try (Browser browser = new Browser("nl")) {
            Bound b = new Bound(realm, name, id, number, null);
            password(browser, b, password);
            CompanionClient phone = Phones.bindFromPage(browser, server, outbox, realm, number, 0);
            awaitAccount(browser, realm);
            return new Bound(realm, name, id, number, phone);
        }
    }

    void password(Browser browser, Bound b, String password) {
        browser.open(server.realmUrl(b.realm()) + "/account/");
        browser.type(By.id("username"), b.name());
        browser.type(By.id("password"), password);
        browser.click(By.id("kc-login"));
        browser.await(By.cssSelector("h1"));
    }

    void awaitAccount(Browser browser, String realm) {
        browser.awaitUrl(url -> url.startsWith(server.realmUrl(realm) + "/account") && !url.contains("login-actions"));
    }

    /** A token of the user from Keycloak's stock direct grant with the app's code (client otp-check of the lab). */
    String token(Bound b, String code) {
        String form = "grant_type=password&client_id=otp-check&username=" + URLEncoder.encode(b.name(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(LAB_PASSWORD, StandardCharsets.UTF_8) + "&totp=" + code;
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(server.realmUrl(b.realm()) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body()).path("access_token").asText();
    }

    /** Keycloak's account REST API behind "Signing in", in Dutch. */
    JsonNode accountCredentials(Bound b, String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(server.realmUrl(b.realm()) + "/account/credentials"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Accept-Language", "nl").GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    static JsonNode deviceContainer(JsonNode containers) {
        for (JsonNode container : containers) {
            if ("tweestap-device".equals(container.path("type").asText())) {
                return container;
            }
        }
        return null;
    }

    static JsonNode single(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    static String property(JsonNode credentialMetadata, String key) {
        for (JsonNode p : credentialMetadata.path("infoProperties")) {
            if (key.equals(p.path("key").asText())) {
                return p.path("parameters").path(0).asText();
            }
        }
        throw new AssertionError("no info property " + key + " in " + credentialMetadata);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return AdminApi.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
