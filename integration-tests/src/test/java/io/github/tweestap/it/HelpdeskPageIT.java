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
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 17, part 2: the helpdesk page of a realm ({@code /realms/werknemerloket/tweestap-helpdesk/}). The employer logs
 * in with their own account (code flow with PKCE, the realm's public client {@code tweestap-helpdesk}), finds a person,
 * sees the seed 004 view ("Tweestapsverificatie actief: Ja/Nee") and acts, each action after a confirmation and ending
 * in an admin event; the effect shows at the person's next login. Someone who may only view sees no actions, and the
 * server refuses them (403) whatever is sent. Every screen passes axe-core.
 */
@ExtendWith(KeycloakExtension.class)
class HelpdeskPageIT {

    static final String REALM = "werknemerloket";
    static final String PASSWORD = "Werknemer-test-1";
    static final String OTP_SECRET = "helpdesk-test-secret-0123";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;
    private final Tokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HelpdeskPageIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
        this.tokens = new Tokens(server);
    }

    @Test
    void theEmployerFindsAPersonSeesTwoStepVerificationAndSwitchesItOffAndBlocksAfterConfirming() {
        String employee = AdminApi.uniqueName("werknemer");
        String employeeId = userWithApp(employee);
        String employer = AdminApi.uniqueName("werkgever");
        String employerId = admin.createUser(REALM, employer, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, employerId, "view-users");
        admin.grantRealmManagementRole(REALM, employerId, "manage-users");

        try (Browser browser = new Browser("nl")) {
            loginOnPage(browser, employer);
            assertNoSeriousViolations(browser, "search");
            openPerson(browser, employee, employeeId);
            assertThat(browser.text(By.id("hd-fields"))).contains("Gebruikersnaam", employee, employee + "@test.localhost");
            assertThat(browser.text(By.id("hd-two-factor"))).startsWith("Ja").contains("Authenticator-app “kantoor”");
            assertThat(browser.text(By.id("hd-blocked"))).isEqualTo("Nee");
            assertNoSeriousViolations(browser, "person");
            browser.screenshot("issue17-helpdesk-person");

            // Switch two-step verification off: asked first; "Annuleren" changes nothing.
            browser.click(By.id("hd-action-two-factor-off"));
            assertThat(browser.await(By.id("hd-confirm-text")).getText()).contains("uitschakelen");
            assertNoSeriousViolations(browser, "confirm");
            browser.click(By.id("hd-confirm-no"));
            assertThat(admin.otpActive(REALM, employeeId)).isTrue();
            browser.click(By.id("hd-action-two-factor-off"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-status"), "is uitgeschakeld");
            awaitText(browser, By.id("hd-two-factor"), "Nee");
            assertThat(admin.otpActive(REALM, employeeId)).isFalse();

            browser.click(By.id("hd-action-block"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-status"), "is geblokkeerd");
            awaitText(browser, By.id("hd-blocked"), "Ja");
            assertThat(browser.present(By.id("hd-action-unblock"))).isTrue();
        }

        JsonNode events = admin.await("the employer's admin events", Duration.ofSeconds(10),
                () -> admin.get("/admin/realms/" + REALM + "/admin-events?authUser=" + employerId + "&max=50"),
                n -> n.toString().contains("/block"));
        assertThat(events.toString()).contains("tweestap-otp/users/" + employeeId + "/otp",
                "tweestap-helpdesk/users/" + employeeId + "/block");

        // The person's next login: blocked.
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.type(By.id("username"), employee);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            awaitText(browser, By.cssSelector("body"), "Account is geblokkeerd");
            assertThat(browser.driver().getCurrentUrl()).doesNotContain("/account/#").doesNotEndWith("/account/");
        }
    }

    @Test
    void anExpiredLoginAsksToLogInAgainAndChangesNothing() {
        String employee = AdminApi.uniqueName("verlopen");
        String employeeId = userWithApp(employee);
        String employer = AdminApi.uniqueName("werkgever");
        String employerId = admin.createUser(REALM, employer, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, employerId, "view-users");
        admin.grantRealmManagementRole(REALM, employerId, "manage-users");
        try (Browser browser = new Browser("nl")) {
            loginOnPage(browser, employer);
            openPerson(browser, employee, employeeId);
            // The helpdesk person's session ends (logged out elsewhere, or expired) while the page is open.
            admin.post("/admin/realms/" + REALM + "/users/" + employerId + "/logout", null);
            browser.click(By.id("hd-action-block"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-error"), "Je sessie is verlopen. Log opnieuw in.");
            assertThat(browser.await(By.id("hd-login-button")).isDisplayed()).isTrue();
        }
        assertThat(admin.get("/admin/realms/" + REALM + "/users/" + employeeId).path("enabled").asBoolean()).isTrue();
    }

    @Test
    void thePersonnelNumberFindsThePersonAndTheViewIsSeed004s() {
        String number = Integer.toString(100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        String employee = AdminApi.uniqueName("pvw");
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", employee).put("email", employee + "@mail.localhost").put("emailVerified", true)
                .put("enabled", true).put("firstName", "P").put("lastName", "Wekkers");
        user.putObject("attributes").put("personeelsnummer", number).put("voorvoegsel", "van");
        user.putArray("credentials").add(AdminApi.JSON.valueToTree(Map.of("type", "password", "value", PASSWORD,
                "temporary", false)));
        String location = admin.post("/admin/realms/" + REALM + "/users", user);
        String employeeId = location.substring(location.lastIndexOf('/') + 1);
        String employer = AdminApi.uniqueName("loket");
        String employerId = admin.createUser(REALM, employer, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, employerId, "view-users");
        admin.grantRealmManagementRole(REALM, employerId, "manage-users");

        try (Browser browser = new Browser("nl")) {
            loginOnPage(browser, employer);
            browser.type(By.id("hd-q"), number);
            browser.click(By.id("hd-search-submit"));
            browser.click(By.cssSelector("button[data-user='" + employeeId + "']"));
            browser.await(By.id("hd-two-factor"));
            // Werknemerloket toegang (seed 004): the realm's profile fields under the realm's own labels.
            String fields = browser.text(By.id("hd-fields"));
            assertThat(fields).contains("Personeelsnummer\n" + number, "Voorletters\nP", "Voorvoegsel\nvan",
                    "Achternaam\nWekkers", employee + "@mail.localhost", "Tweestapsverificatie actief\nNee");
            assertThat(browser.all(By.id("hd-action-username"))).hasSize(1);
            assertThat(browser.all(By.id("hd-action-block"))).hasSize(1);
            browser.screenshot("issue17-helpdesk-seed004");
        }
    }

    @Test
    void someoneWhoMayOnlyViewSeesNoActionsAndTheServerRefusesThem() {
        String employee = AdminApi.uniqueName("bekeken");
        String employeeId = userWithApp(employee);
        String viewer = AdminApi.uniqueName("kijker");
        String viewerId = admin.createUser(REALM, viewer, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, viewerId, "view-users");

        try (Browser browser = new Browser("en")) {
            HelpdeskPage.logIn(browser, HelpdeskPage.url(server, REALM, "en"), viewer, PASSWORD);
            openPerson(browser, employee, employeeId);
            assertThat(browser.text(By.id("hd-two-factor"))).startsWith("Yes");
            assertThat(browser.text(By.id("hd-no-actions"))).contains("not change anything");
            assertThat(browser.all(By.cssSelector("#hd-actions button"))).isEmpty();
            assertNoSeriousViolations(browser, "view-only");
        }

        // Whatever the page sends: the viewer's own token gets 403 for every action, the view itself is allowed.
        String token = tokens.byLogin(REALM, "tweestap-helpdesk", server.realmUrl(REALM) + "/tweestap-helpdesk/", viewer,
                PASSWORD);
        String base = "/admin/realms/" + REALM;
        assertThat(admin.statusWithToken(token, "GET", base + "/tweestap-helpdesk/users/" + employeeId)).isEqualTo(200);
        assertThat(admin.statusWithToken(token, "POST", base + "/tweestap-helpdesk/users/" + employeeId + "/block")).isEqualTo(403);
        assertThat(admin.statusWithToken(token, "DELETE", base + "/tweestap-otp/users/" + employeeId + "/otp")).isEqualTo(403);
        assertThat(admin.statusWithToken(token, "POST", base + "/tweestap-account/users/" + employeeId + "/username-email"))
                .isEqualTo(403);
        assertThat(admin.statusWithToken(token, "GET", base + "/tweestap-helpdesk/users/no-such-person")).isEqualTo(404);
        JsonNode user = admin.get(base + "/users/" + employeeId);
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(admin.otpActive(REALM, employeeId)).isTrue();
        // Someone without any admin role may not even look.
        String nobody = AdminApi.uniqueName("niemand");
        admin.createUser(REALM, nobody, PASSWORD, null);
        String plain = tokens.byLogin(REALM, "tweestap-helpdesk", server.realmUrl(REALM) + "/tweestap-helpdesk/", nobody,
                PASSWORD);
        assertThat(admin.statusWithToken(plain, "GET", base + "/tweestap-helpdesk/users/" + employeeId)).isEqualTo(403);
    }

    @Test
    void theEmployerSeesAndManagesOnlyTheirOwnGroupAndGetsForbiddenForAnyoneElse() {
        // Seed 004's employer with Keycloak's fine-grained admin permissions: members of their own group only.
        String base = "/admin/realms/" + REALM;
        assertThat(admin.get(base).path("adminPermissionsEnabled").asBoolean()).as("switched on by the realm file").isTrue();
        String groupId = id(admin.post(base + "/groups", Map.of("name", AdminApi.uniqueName("bakkerij"))));
        String own = AdminApi.uniqueName("eigen");
        String ownId = userWithApp(own);
        admin.put(base + "/users/" + ownId + "/groups/" + groupId, null);
        String other = AdminApi.uniqueName("ander");
        String otherId = userWithApp(other);
        String employer = AdminApi.uniqueName("baas");
        String employerId = admin.createUser(REALM, employer, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, employerId, "query-users");
        String permissions = admin.get(base + "/clients?clientId=admin-permissions").get(0).path("id").asText();
        String authz = base + "/clients/" + permissions + "/authz/resource-server";
        String policy = "werkgever " + employer;
        admin.post(authz + "/policy/user", Map.of("name", policy, "users", java.util.List.of(employerId)));
        admin.post(authz + "/permission/scope", Map.of("name", "werknemers van " + employer, "resourceType", "Groups",
                "resources", java.util.List.of(groupId), "scopes", java.util.List.of("view-members", "manage-members"),
                "policies", java.util.List.of(policy)));

        try (Browser browser = new Browser("nl")) {
            loginOnPage(browser, employer);
            browser.type(By.id("hd-q"), other);
            browser.click(By.id("hd-search-submit"));
            awaitText(browser, By.id("hd-results-count"), "Niemand gevonden");
            openPerson(browser, own, ownId);
            assertThat(browser.text(By.id("hd-two-factor"))).startsWith("Ja");
            browser.click(By.id("hd-action-block"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-blocked"), "Ja");
        }

        String token = tokens.byLogin(REALM, "tweestap-helpdesk", server.realmUrl(REALM) + "/tweestap-helpdesk/", employer,
                PASSWORD);
        assertThat(admin.statusWithToken(token, "GET", base + "/tweestap-helpdesk/users/" + ownId)).isEqualTo(200);
        assertThat(admin.statusWithToken(token, "GET", base + "/tweestap-helpdesk/users/" + otherId)).isEqualTo(403);
        assertThat(admin.statusWithToken(token, "POST", base + "/tweestap-helpdesk/users/" + otherId + "/block")).isEqualTo(403);
        assertThat(admin.statusWithToken(token, "DELETE", base + "/tweestap-otp/users/" + otherId + "/otp")).isEqualTo(403);
        assertThat(admin.statusWithToken(token, "POST", base + "/tweestap-account/users/" + otherId + "/username-email"))
                .isEqualTo(403);
        assertThat(admin.get(base + "/users/" + otherId).path("enabled").asBoolean()).isTrue();
        assertThat(admin.otpActive(REALM, otherId)).isTrue();
    }

    @Test
    void theServiceDeskCreatesAnAccountAndTheTemporaryPasswordFollowsTheConfirmedNumber() throws Exception {
        // Seed 000: username and mobile number → the username by e-mail; the temporary password by SMS by itself once
        // the person confirms the number with the SMS link.
        String realm = "storingen-stations";
        String desk = AdminApi.uniqueName("servicedesk");
        String deskId = admin.createUser(realm, desk, PASSWORD, null);
        admin.put("/admin/realms/" + realm + "/users/" + deskId, Map.of("requiredActions", java.util.List.of()));
        admin.grantRealmManagementRole(realm, deskId, "view-users");
        admin.grantRealmManagementRole(realm, deskId, "manage-users");
        String username = AdminApi.uniqueName("nieuw") + "@nslogin.nl";
        String email = AdminApi.uniqueName("nieuw") + "@mail.localhost";
        String number = io.github.tweestap.it.support.Phones.randomNumber();

        try (Browser browser = new Browser("nl")) {
            loginOnPage(browser, realm, desk);
            browser.click(By.id("hd-new-button"));
            browser.await(By.id("hd-new-username"));
            assertNoSeriousViolations(browser, "new account");
            browser.type(By.id("hd-new-username"), username);
            browser.type(By.id("hd-new-email"), email);
            browser.type(By.id("hd-new-phone"), "06 " + number.substring(4));
            browser.type(By.id("hd-new-last"), "Nieuwkomer");
            browser.click(By.id("hd-new-submit"));
            assertThat(browser.await(By.id("hd-confirm-text")).getText()).contains(username);
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-status"), "is aangemaakt");
            awaitText(browser, By.id("hd-phone-value"), "nog niet bevestigd");
            browser.screenshot("issue17-helpdesk-new-account");

            // The same username again: a clear message, nothing new.
            browser.click(By.id("hd-back"));
            browser.click(By.id("hd-new-button"));
            browser.type(By.id("hd-new-username"), username);
            browser.type(By.id("hd-new-email"), AdminApi.uniqueName("ander") + "@mail.localhost");
            browser.type(By.id("hd-new-phone"), io.github.tweestap.it.support.Phones.randomNumber());
            browser.click(By.id("hd-new-submit"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-error"), "bestaat al");
        }
        JsonNode found = admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + username);
        assertThat(found).hasSize(1);
        String id = found.get(0).path("id").asText();
        assertThat(admin.get("/admin/realms/" + realm + "/admin-events?authUser=" + deskId + "&operationTypes=CREATE")
                .toString()).contains(id);
        assertThat(Mailbox.plainText(mailbox.await(email, 1))).contains(username);

        // A number the realm's phone policy refuses: 400 with the reason, and no account.
        String token = tokens.byLogin(realm, "tweestap-helpdesk", server.realmUrl(realm) + "/tweestap-helpdesk/", desk,
                PASSWORD);
        String other = AdminApi.uniqueName("fout") + "@nslogin.nl";
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/"
                + realm + "/tweestap-helpdesk/users")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept-Language", "nl")
                .POST(HttpRequest.BodyPublishers.ofString(AdminApi.JSON.writeValueAsString(Map.of("username", other,
                        "email", other.replace("@nslogin.nl", "@mail.localhost"), "phoneNumber", "020 123 4567"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(AdminApi.JSON.readTree(refused.body()).path("errorMessage").asText()).isNotBlank();
        assertThat(admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + other)).isEmpty();

        // The person confirms the number with the link; the temporary password follows by SMS and logs in.
        String link = outbox.awaitLink(realm, number);
        HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(URI.create(link.substring(0, link.indexOf('?'))))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "nl")
                .POST(HttpRequest.BodyPublishers.ofString("t=" + link.substring(link.indexOf("?t=") + 3))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("tweestap-link-password");
        String password = null;
        for (JsonNode sms : outbox.smsTo(realm, number)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("wachtwoord voor .*? is: (\\S+)")
                    .matcher(sms.path("text").asText());
            if (m.find()) {
                password = m.group(1);
            }
        }
        assertThat(password).as("the temporary password SMS").isNotNull();
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(realm) + "/account/");
            browser.type(By.id("username"), username);
            browser.type(By.id("password"), password);
            browser.click(By.id("kc-login"));
            // Seed 000, instruction A: the temporary password lets the person in to the app's QR page.
            browser.await(By.cssSelector("h1"));
            assertThat(browser.present(By.id("input-error"))).as("the temporary password is accepted").isFalse();
            assertThat(browser.driver().getPageSource()).containsAnyOf("tweestap-totp-qr", "password-new");
        }
    }

    @Test
    void theWerkplekServiceDeskEmailsTheBindingQrAndRemovesALostPhone() throws Exception {
        // Seed 001: the Servicedesk e-mails the QR code to bind the app ("QR-code uit de Servicedesk-email") and, when
        // the phone is lost, removes the binding. The Servicedesk person logs in with the realm's second factor too.
        String realm = "werkplek";
        String desk = AdminApi.uniqueName("servicedesk");
        String deskNumber = io.github.tweestap.it.support.Phones.randomNumber();
        String deskId = admin.createUser(realm, desk, PASSWORD, deskNumber);
        admin.grantRealmManagementRole(realm, deskId, "view-users");
        admin.grantRealmManagementRole(realm, deskId, "manage-users");
        String employee = AdminApi.uniqueName("medewerker");
        String number = io.github.tweestap.it.support.Phones.randomNumber();
        String employeeId = admin.createUser(realm, employee, PASSWORD, number);

        io.github.tweestap.companion.CompanionClient phone = new io.github.tweestap.companion.CompanionClient();
        try (Browser browser = new Browser("nl")) {
            HelpdeskPage.startLogIn(browser, HelpdeskPage.url(server, realm), desk, PASSWORD);
            browser.click(By.id("tweestap-enroll-use-sms"));
            browser.type(By.id("code"), outbox.awaitCode(realm, deskNumber, 1));
            browser.click(By.id("kc-login"));
            HelpdeskPage.awaitReady(browser);
            browser.type(By.id("hd-q"), employee);
            browser.click(By.id("hd-search-submit"));
            browser.click(By.cssSelector("button[data-user='" + employeeId + "']"));
            awaitText(browser, By.id("hd-two-factor"), "Nee");
            assertThat(browser.text(By.id("hd-phone-value"))).contains(number, "(bevestigd)");

            browser.click(By.id("hd-action-binding-qr"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-status"), "QR-code is verstuurd");
            jakarta.mail.internet.MimeMessage mail = mailbox.await(employee + "@test.localhost", 1);
            phone.enroll(URI.create(io.github.tweestap.companion.QrLinks.decode(PushLoginIT.inlineImage(mail))), "Testtelefoon");
            assertThat(phone.confirm(outbox.awaitCode(realm, number, 1)).isActive()).isTrue();

            browser.click(By.id("hd-back"));
            browser.click(By.id("hd-search-submit"));
            browser.click(By.cssSelector("button[data-user='" + employeeId + "']"));
            awaitText(browser, By.id("hd-two-factor"), "App “Testtelefoon”");
            assertNoSeriousViolations(browser, "werkplek person with app");
            browser.screenshot("issue17-helpdesk-werkplek-app");

            // The phone is lost: switching two-step verification off removes the binding with its code.
            browser.click(By.id("hd-action-two-factor-off"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-two-factor"), "Nee");
        }
        assertThat(admin.credentialTypes(realm, employeeId)).doesNotContain("tweestap-device", "otp");
        io.github.tweestap.companion.CompanionException gone = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.github.tweestap.companion.CompanionException.class, phone::profile);
        assertThat(gone).as("the lost phone's requests are refused").isNotNull();
    }

    static String id(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void thePageIsServedOnlyWhereTheRealmDeclaresItsClientWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = get(server.realmUrl(REALM) + "/tweestap-helpdesk/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("helpdesk.js");
        HttpResponse<String> config = get(server.realmUrl(REALM) + "/tweestap-helpdesk/config.json");
        JsonNode json = AdminApi.JSON.readTree(config.body());
        assertThat(json.path("clientId").asText()).isEqualTo("tweestap-helpdesk");
        assertThat(json.path("adminUrl").asText()).isEqualTo("/admin/realms/" + REALM);
        assertThat(get(server.realmUrl(REALM) + "/tweestap-helpdesk/other.txt").statusCode()).isEqualTo(404);
        // A realm without the client has no helpdesk page.
        assertThat(get(server.realmUrl("verzuimcoach") + "/tweestap-helpdesk/").statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- steps

    /** A person of the werknemerloket with an authenticator app ("kantoor"). */
    String userWithApp(String username) {
        ObjectNode user = AdminApi.JSON.createObjectNode();
        user.put("username", username).put("email", username + "@test.localhost").put("emailVerified", true)
                .put("enabled", true).put("firstName", "Piet").put("lastName", "Wekkers");
        user.putArray("credentials").add(AdminApi.JSON.valueToTree(Map.of("type", "password", "value", PASSWORD,
                "temporary", false))).add(AdminApi.JSON.valueToTree(Map.of("type", "otp", "userLabel", "kantoor",
                "secretData", "{\"value\":\"" + OTP_SECRET + "\"}",
                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}")));
        String location = admin.post("/admin/realms/" + REALM + "/users", user);
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void loginOnPage(Browser browser, String username) {
        loginOnPage(browser, REALM, username);
    }

    void loginOnPage(Browser browser, String realm, String username) {
        WebElement login = HelpdeskPage.open(browser, HelpdeskPage.url(server, realm));
        assertThat(login.getText()).isEqualTo("Inloggen");
        assertNoSeriousViolations(browser, "login");
        HelpdeskPage.submitLogIn(browser, username, PASSWORD);
        HelpdeskPage.awaitReady(browser);
        assertThat(browser.text(By.id("hd-user"))).contains("Ingelogd als");
        assertThat(browser.driver().getCurrentUrl()).as("the code is not left in the address bar")
                .isEqualTo(HelpdeskPage.url(server, realm));
    }

    void openPerson(Browser browser, String username, String id) {
        browser.type(By.id("hd-q"), username);
        browser.click(By.id("hd-search-submit"));
        browser.click(By.cssSelector("button[data-user='" + id + "']"));
        browser.await(By.id("hd-two-factor"));
        awaitText(browser, By.id("hd-person-title"), "Wekkers");
    }


    static void assertNoSeriousViolations(Browser browser, String screen) {
        assertThat(Accessibility.seriousViolations(browser)).as("axe-core on the helpdesk page: " + screen).isEmpty();
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
