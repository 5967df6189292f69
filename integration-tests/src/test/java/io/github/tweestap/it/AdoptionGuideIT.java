package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.HelpdeskPage;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.MailParts;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Totp;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Follows the realm admin guide (docs/admin/README.md) step by step against the real server: every test creates a
 * fresh realm, configures it only with the admin REST calls the guide's steps name (step 2's basics, step 3's user
 * profile, then the capability's own steps), and logs a user in through the capability to the account console (the
 * helpdesk page for step 12). The user-profile attributes are read from the guide's own JSON block, and every step or
 * required action the test adds must be named in the guide exactly as the admin console lists it, so the guide cannot
 * drift from what works.
 *
 * <p>The one thing a test adds that the guide leaves to the reader: step 1's SMTP server is the test's GreenMail.
 */
@ExtendWith(KeycloakExtension.class)
class AdoptionGuideIT {

    private static final String PASSWORD = "Adoptie-wachtwoord-1";
    private static final String FLOW = "my browser";
    private static final String FORMS = "my browser forms";
    private static final Path GUIDE = Path.of(System.getProperty("tweestap.root.dir", ".."), "docs/admin/README.md");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;
    private final List<String> realms = new ArrayList<>();

    AdoptionGuideIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    @AfterEach
    void deleteRealms() {
        for (String realm : realms) {
            admin.delete("/admin/realms/" + realm);
        }
        realms.clear();
    }

    // ---- the capabilities ----

    @Test
    void step4SmsCode() {
        String realm = adoptedRealm("adopt-sms", List.of());
        smsFlow(realm);
        TestUser user = user(realm, Phones.randomNumber());
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            assertThat(browser.text(By.cssSelector("h1"))).contains("SMS");
            String code = outbox.awaitCode(realm, user.phone, 1);
            LoginPages.submitCode(browser, By.id("code"), By.id("kc-login"), code);
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step5AuthenticatorAppByQrCode() {
        String realm = adoptedRealm("adopt-qr", List.of());
        // 5.1: the two required actions, with the issuer setting.
        enableRequiredAction(realm, "tweestap-configure-totp", "Tweestap: set up an authenticator app");
        enableRequiredAction(realm, "tweestap-deactivate-totp", "Tweestap: switch off the authenticator app (with a code)");
        put(path(realm, "/authentication/required-actions/tweestap-configure-totp/config"),
                Map.of("config", Map.of("tweestap.otp.issuer", "Adoptie", "tweestap.otp.accountLabel", "username")));
        // 5.2: Keycloak's own browser flow keeps its conditional 2FA sub-flow (with the OTP form).
        JsonNode browserFlow = admin.get(path(realm, "/authentication/flows/browser/executions"));
        assertThat(displayNames(browserFlow)).as("the sub-flow step 5 tells to keep").contains("Browser - Conditional 2FA");
        assertGuideNames("Browser - Conditional 2FA");
        // 5.3: the new user gets the action.
        TestUser user = user(realm, null, List.of("tweestap-configure-totp"));

        String key;
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            String uri = Totp.decodeQr(browser.await(By.id("tweestap-totp-qr")).getAttribute("src"));
            assertThat(uri).startsWith("otpauth://totp/Adoptie:" + user.name + "?");
            key = Totp.parameters(uri).get("secret");
            assertThat(browser.text(By.id("tweestap-totp-key")).replace(" ", "")).isEqualTo(key);
            browser.type(By.id("totp"), Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            browser.clickAndAwait(By.id("tweestap-totp-apply"), By.tagName("body"));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertThat(admin.otpActive(realm, user.id)).isTrue();

        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            // The next 30-second step: the code that activated the app counts as used.
            LoginPages.submitCode(browser, By.id("otp"), By.id("kc-login"),
                    Totp.code(key, Instant.now().getEpochSecond() + 30, 6, 30));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step7PushOrCodeWithTheApp() {
        String realm = adoptedRealm("adopt-push", List.of());
        pushFlow(realm);
        TestUser user = user(realm, Phones.randomNumber());
        CompanionClient phone = bindAtFirstLogin(realm, user);
        assertThat(admin.credentialTypes(realm, user.id)).contains("otp", "tweestap-device");

        // Push: "Logt u in?", approved with the number the browser shows.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            String number = browser.text(By.id("tweestap-push-number"));
            Challenge challenge = Phones.awaitChallenge(phone);
            assertThat(challenge.type()).isEqualTo("login");
            assertThat(phone.approve(challenge.id(), number)).isEqualTo("approved");
            LoginPages.awaitAccount(browser, server, realm);
        }
        // The fallback: the 6-digit code from the same app.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            browser.click(By.id("tweestap-push-use-code"));
            browser.type(By.id("otp"), io.github.tweestap.companion.Totp.code(phone.state().totp(),
                    Instant.now().plusSeconds(30)));
            browser.click(By.id("tweestap-push-code-submit"));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step8SelfServiceUnlock() {
        // Step 8: the event listener tweestap-unlock next to step 2's.
        String realm = adoptedRealm("adopt-unlock", List.of("tweestap-unlock"));
        pushFlow(realm);
        TestUser user = user(realm, Phones.randomNumber());
        CompanionClient phone = bindAtFirstLogin(realm, user);

        // Step 2's failure factor: five wrong passwords lock the account.
        for (int i = 0; i < 5; i++) {
            new FormClient().from("127.0.8.1").login(server, realm, user.name, "Fout-wachtwoord-" + i);
            KeycloakServer.sleep(1100);
        }
        admin.await("the lockout", Duration.ofSeconds(20), () -> admin.bruteForce(realm, user.id),
                n -> n.path("disabled").asBoolean());
        Challenge unlock = Phones.awaitChallenge(phone);
        assertThat(unlock.type()).isEqualTo("unlock");
        assertThat(phone.approve(unlock.id(), null)).isEqualTo("approved");
        admin.await("the lockout lifted", Duration.ofSeconds(15), () -> admin.bruteForce(realm, user.id),
                n -> !n.path("disabled").asBoolean());

        // The same password logs in again.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            String number = browser.text(By.id("tweestap-push-number"));
            assertThat(phone.approve(Phones.awaitChallenge(phone).id(), number)).isEqualTo("approved");
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step6AppByEmailWithTheMethodChoice() throws Exception {
        String realm = adoptedRealm("adopt-choice", List.of());
        copyBrowserFlowWithoutConditional2fa(realm);
        // 6.1: the choice after the password.
        addExecution(realm, FORMS, "tweestap-method-choice", "Tweestap: choose the second factor", "REQUIRED");
        // 6.2: two conditional sub-flows, each with the condition first.
        String appFlow = addSubFlow(realm, FORMS, "my app");
        String conditionApp = addExecution(realm, appFlow, "tweestap-condition-method", "Tweestap: chosen method", "REQUIRED");
        config(realm, conditionApp, "method app", Map.of("tweestap.method", "app"));
        addExecution(realm, appFlow, "tweestap-otp-email", "Tweestap: authenticator app, enrolled by e-mail", "REQUIRED");
        String smsFlow = addSubFlow(realm, FORMS, "my sms");
        String conditionSms = addExecution(realm, smsFlow, "tweestap-condition-method", "Tweestap: chosen method", "REQUIRED");
        config(realm, conditionSms, "method sms", Map.of("tweestap.method", "sms"));
        addExecution(realm, smsFlow, "tweestap-sms-code", "Tweestap: SMS code", "REQUIRED");
        bindBrowserFlow(realm);

        TestUser user = user(realm, Phones.randomNumber());
        String email = user.name + "@test.localhost";
        String key;
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            assertThat(browser.text(By.id("tweestap-method-sms"))).isEqualTo("SMS-CODE");
            browser.click(By.id("tweestap-method-app"));
            MimeMessage mail = mailbox.await(email, 1);
            key = Totp.parameters(Totp.decodeQr(Base64.getEncoder().encodeToString(MailParts.of(mail).image)))
                    .get("secret");
            LoginPages.submitCode(browser, By.id("totp"), By.id("kc-login"),
                    Totp.code(key, Instant.now().getEpochSecond(), 6, 30));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertThat(admin.otpActive(realm, user.id)).isTrue();

        // The other choice: the SMS code.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            browser.click(By.id("tweestap-method-sms"));
            String code = outbox.awaitCode(realm, user.phone, 1);
            LoginPages.submitCode(browser, By.id("code"), By.id("kc-login"), code);
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step10UsernameReminder() throws Exception {
        String realm = adoptedRealm("adopt-username", List.of());
        TestUser user = user(realm, null);
        String email = user.name + "@test.localhost";
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(realm) + "/account/");
            browser.click(By.id("tweestap-forgot-username"));
            assertThat(browser.driver().getCurrentUrl()).startsWith(server.realmUrl(realm) + "/tweestap-account/username");
            browser.type(By.id("email"), email);
            browser.click(By.id("tweestap-username-submit"));
            browser.await(By.id("tweestap-username-sent"));
            assertThat(Mailbox.plainText(mailbox.await(email, 1))).contains(user.name);

            browser.click(By.id("tweestap-back-to-login"));
            browser.type(By.id("username"), user.name);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step11PasswordExpiry() throws Exception {
        String realm = adoptedRealm("adopt-expiry", List.of());
        // 11.1: "Expire password" (10 days, so a new password is inside the 14 days of the banner at once).
        put(path(realm, ""), Map.of("passwordPolicy", "forceExpiredPasswordChange(10)"));
        // 11.2: the notice after the password.
        copyBrowserFlowWithoutConditional2fa(realm);
        String notice = addExecution(realm, FORMS, "tweestap-password-expiry-notice", "Tweestap: password expiry notice",
                "REQUIRED");
        config(realm, notice, "my expiry", Map.of("bannerDays", "14", "reminderDays", "14,7,1"));
        bindBrowserFlow(realm);

        TestUser user = user(realm, null);
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            assertThat(browser.text(By.id("tweestap-password-expiry-banner"))).startsWith("Uw wachtwoord verloopt over ");
            browser.click(By.id("tweestap-password-later"));
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
        // The reminder e-mail of the 14-day threshold.
        assertThat(mailbox.await(user.name + "@test.localhost", 1).getSubject()).startsWith("Uw wachtwoord verloopt over ");
    }

    @Test
    void step14DirectGrantsAreClosed() {
        String realm = adoptedRealm("adopt-grant", List.of());
        smsFlow(realm);
        TestUser user = user(realm, Phones.randomNumber());
        // Why step 13 is there: the realm's admin-cli hands out a token for the password alone.
        assertThat(directGrant(realm, user.name).has("access_token")).isTrue();

        // Step 13, the guard: a copy of "direct grant" with the guard right after "Password", bound.
        admin.post(path(realm, "/authentication/flows/direct%20grant/copy"), Map.of("newName", "my direct grant"));
        String guard = addExecution(realm, "my direct grant", "tweestap-direct-grant-guard",
                "Tweestap: direct grant guard (second factor)", "REQUIRED");
        JsonNode executions = admin.get(path(realm, "/authentication/flows/my%20direct%20grant/executions"));
        int password = indexOf(executions, "direct-grant-validate-password");
        for (int moves = 0; indexOf(executions(realm, "my direct grant"), guard) > password + 1; moves++) {
            assertThat(moves).as("raise-priority moves the guard up").isLessThan(10);
            admin.post(path(realm, "/authentication/executions/" + guard + "/raise-priority"), null);
        }
        put(path(realm, ""), Map.of("directGrantFlow", "my direct grant"));
        JsonNode guarded = directGrant(realm, user.name);
        assertThat(guarded.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(guarded.has("access_token")).isFalse();

        // Step 13, direct grants off on admin-cli: unauthorized_client.
        JsonNode cli = admin.get(path(realm, "/clients?clientId=admin-cli")).get(0);
        put(path(realm, "/clients/" + cli.get("id").asText()), Map.of("directAccessGrantsEnabled", false));
        JsonNode closed = directGrant(realm, user.name);
        assertThat(closed.path("error").asText()).isEqualTo("unauthorized_client");

        // The browser login through the SMS code still works.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            String code = outbox.awaitCode(realm, user.phone, 1);
            LoginPages.submitCode(browser, By.id("code"), By.id("kc-login"), code);
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step9RenewalBySmsCodeAndSecretQuestion() {
        String realm = adoptedRealm("adopt-renew", List.of());
        pushFlow(realm);
        // Step 9: the secret-question action, given to the user.
        enableRequiredAction(realm, "tweestap-secret-question", "Tweestap: set secret question");
        TestUser user = user(realm, Phones.randomNumber(), List.of("tweestap-secret-question"));
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            Phones.bindFromPage(browser, server, outbox, realm, user.phone, 0);
            browser.await(By.id("tweestap-question-intro"));
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("question")))
                    .selectByValue("tweestapQuestionFirstPet");
            browser.type(By.id("answer"), "Bello de Hond");
            browser.type(By.id("answer-confirm"), "Bello de Hond");
            browser.click(By.id("tweestap-question-save"));
            LoginPages.awaitAccount(browser, server, realm);
        }

        // A new phone: the login page's renewal link, the mobile number, the SMS code, the question, "renew".
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(realm) + "/account/");
            browser.click(By.id("tweestap-renew-link"));
            assertThat(browser.driver().getCurrentUrl()).startsWith(server.realmUrl(realm) + "/tweestap-recovery");
            browser.type(By.id("username"), user.name);
            browser.type(By.id("phone"), user.phone);
            browser.click(By.id("tweestap-recovery-next"));
            browser.type(By.id("code"), outbox.awaitCode(realm, user.phone, 2));
            browser.click(By.id("tweestap-recovery-next"));
            browser.type(By.id("answer"), "bello de hond");
            browser.click(By.id("tweestap-recovery-next"));
            browser.click(By.id("tweestap-recovery-renew"));
            browser.await(By.id("tweestap-recovery-done"));
        }
        assertThat(admin.credentialTypes(realm, user.id)).doesNotContain("otp", "tweestap-device");

        // The next login binds the new phone and lands in the account console.
        int codes = outbox.codesTo(realm, user.phone).size();
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            Phones.bindFromPage(browser, server, outbox, realm, user.phone, codes);
            LoginPages.awaitAccount(browser, server, realm);
        }
        assertSession(realm, user.id);
    }

    @Test
    void step12TheHelpdeskPage() {
        String realm = adoptedRealm("adopt-helpdesk", List.of());
        smsFlow(realm);
        // 12.1: the public client with PKCE.
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", "tweestap-helpdesk");
        client.put("protocol", "openid-connect");
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.put("implicitFlowEnabled", false);
        client.put("attributes", Map.of("pkce.code.challenge.method", "S256"));
        client.put("redirectUris", List.of(server.realmUrl(realm) + "/tweestap-helpdesk/*"));
        client.put("webOrigins", List.of(server.baseUrl()));
        admin.post(path(realm, "/clients"), client);
        // 12.2: a service desk person with the three realm-management roles.
        TestUser desk = user(realm, Phones.randomNumber());
        for (String role : List.of("query-users", "view-users", "manage-users")) {
            admin.grantRealmManagementRole(realm, desk.id, role);
        }
        TestUser person = user(realm, null);

        try (Browser browser = new Browser("nl")) {
            HelpdeskPage.startLogIn(browser, HelpdeskPage.url(server, realm), desk.name, PASSWORD);
            // The realm's second factor (step 4) guards the helpdesk page too.
            LoginPages.submitCode(browser, By.id("code"), By.id("kc-login"), outbox.awaitCode(realm, desk.phone, 1));
            HelpdeskPage.awaitReady(browser);
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(HelpdeskPage.url(server, realm));
            browser.type(By.id("hd-q"), person.name);
            browser.click(By.id("hd-search-submit"));
            browser.click(By.cssSelector("button[data-user='" + person.id + "']"));
            assertThat(browser.await(By.id("hd-fields")).getText()).contains(person.name);
            assertThat(browser.all(By.id("hd-action-block"))).hasSize(1);
        }
        assertSession(realm, desk.id);
    }

    // ---- the guide's steps ----

    /** Steps 1 (SMTP: the test's GreenMail), 2 and 3 on a new realm; {@code listeners} are added to step 2's. */
    private String adoptedRealm(String prefix, List<String> listeners) {
        String realm = letters(AdminApi.uniqueName(prefix));
        admin.post("/admin/realms", Map.of("realm", realm, "enabled", true));
        realms.add(realm);
        // Step 1: the realm sends e-mail (here: to the test's SMTP server).
        put(path(realm, ""), Map.of("smtpServer", Map.of("host", "127.0.0.1", "port", Integer.toString(mailbox.port()),
                "from", "noreply@" + realm + ".test", "fromDisplayName", realm)));
        // Step 2: themes, languages, brute-force detection, events.
        Map<String, Object> basics = new LinkedHashMap<>();
        basics.put("loginTheme", "tweestap");
        basics.put("emailTheme", "tweestap");
        basics.put("internationalizationEnabled", true);
        basics.put("supportedLocales", List.of("nl", "en"));
        basics.put("defaultLocale", "nl");
        basics.put("bruteForceProtected", true);
        basics.put("permanentLockout", false);
        basics.put("failureFactor", 5);
        put(path(realm, ""), basics);
        List<String> eventListeners = new ArrayList<>(List.of("jboss-logging", "tweestap-email-notices"));
        eventListeners.addAll(listeners);
        put(path(realm, "/events/config"), Map.of("eventsListeners", eventListeners, "eventsEnabled", true));
        // Step 3: the guide's two attributes added to the realm's user profile.
        ObjectNode profile = (ObjectNode) admin.get(path(realm, "/users/profile"));
        ((ArrayNode) profile.get("attributes")).addAll(guideProfileAttributes());
        put(path(realm, "/users/profile"), profile);
        List<String> names = admin.get(path(realm, "/users/profile")).get("attributes").findValuesAsText("name");
        assertThat(names).contains("phoneNumber", "tweestapVerifiedPhone");
        return realm;
    }

    /** The guide names a step as the admin console shows it (what an admin looks for in the lists). */
    private static void assertGuideNames(String displayName) {
        try {
            String guide = Files.readString(GUIDE).replaceAll("\\s+", " ");
            assertThat(guide).as("docs/admin/README.md names \"" + displayName + "\"").contains(displayName);
        } catch (IOException e) {
            throw new IllegalStateException(GUIDE.toString(), e);
        }
    }

    /** The JSON of step 3, exactly as the guide shows it. */
    private static ArrayNode guideProfileAttributes() {
        try {
            String guide = Files.readString(GUIDE);
            int section = guide.indexOf("## 3. The mobile number in the user profile");
            Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(guide);
            assertThat(block.find(section)).as("step 3's JSON block").isTrue();
            return (ArrayNode) AdminApi.JSON.readTree("[" + block.group(1) + "]");
        } catch (IOException e) {
            throw new IllegalStateException(GUIDE.toString(), e);
        }
    }

    /** Step 4: the SMS code after the password in a copy of the browser flow, the verify action, bound. */
    private void smsFlow(String realm) {
        copyBrowserFlowWithoutConditional2fa(realm);
        String sms = addExecution(realm, FORMS, "tweestap-sms-code", "Tweestap: SMS code", "REQUIRED");
        // 4.3: the gateway the operator named (here: the server's default, the dev outbox).
        config(realm, sms, "my sms code", Map.of("tweestap.sms.sender", "dev-outbox",
                "tweestap.phone.allowedRegions", "NL"));
        enableRequiredAction(realm, "tweestap-verify-phone", "Tweestap: verify mobile number");
        bindBrowserFlow(realm);
    }

    /** Step 7: push or code after the password, the bind action, bound. */
    private void pushFlow(String realm) {
        copyBrowserFlowWithoutConditional2fa(realm);
        addExecution(realm, FORMS, "tweestap-push", "Tweestap: push or code (companion app)", "REQUIRED");
        enableRequiredAction(realm, "tweestap-bind-app", "Tweestap: bind the app");
        bindBrowserFlow(realm);
    }

    /** Step 4.1 and 4.2's first half: duplicate "browser", remove its conditional 2FA sub-flow from the forms. */
    private void copyBrowserFlowWithoutConditional2fa(String realm) {
        admin.post(path(realm, "/authentication/flows/browser/copy"), Map.of("newName", FLOW));
        JsonNode forms = executions(realm, FORMS);
        String conditional = null;
        for (JsonNode execution : forms) {
            if (execution.path("level").asInt() == 0 && execution.path("authenticationFlow").asBoolean()
                    && execution.path("displayName").asText().endsWith("Conditional 2FA")) {
                conditional = execution.get("id").asText();
            }
        }
        assertThat(conditional).as("the copy's conditional 2FA sub-flow in " + displayNames(forms)).isNotNull();
        assertGuideNames(FLOW + " Browser - Conditional 2FA");
        admin.delete(path(realm, "/authentication/executions/" + conditional));
        assertThat(displayNames(executions(realm, FORMS))).noneMatch(name -> name.contains("Conditional"));
    }

    /** Adds a step to a flow, checks the name the admin console shows, sets its requirement; returns its id. */
    private String addExecution(String realm, String flow, String provider, String displayName, String requirement) {
        admin.post(path(realm, "/authentication/flows/" + encode(flow) + "/executions/execution"),
                Map.of("provider", provider));
        ObjectNode execution = null;
        for (JsonNode candidate : executions(realm, flow)) {
            if (provider.equals(candidate.path("providerId").asText())) {
                execution = (ObjectNode) candidate;
            }
        }
        assertThat(execution).as(provider + " in " + flow).isNotNull();
        assertThat(execution.path("displayName").asText()).isEqualTo(displayName);
        assertGuideNames(displayName);
        execution.put("requirement", requirement);
        put(path(realm, "/authentication/flows/" + encode(flow) + "/executions"), execution);
        return execution.get("id").asText();
    }

    /** A conditional sub-flow (step 6.2); returns its alias. */
    private String addSubFlow(String realm, String flow, String alias) {
        admin.post(path(realm, "/authentication/flows/" + encode(flow) + "/executions/flow"),
                Map.of("alias", alias, "type", "basic-flow", "description", ""));
        for (JsonNode candidate : executions(realm, flow)) {
            if (alias.equals(candidate.path("displayName").asText())) {
                ((ObjectNode) candidate).put("requirement", "CONDITIONAL");
                put(path(realm, "/authentication/flows/" + encode(flow) + "/executions"), candidate);
                return alias;
            }
        }
        throw new AssertionError("no sub-flow " + alias + " in " + flow);
    }

    private void config(String realm, String executionId, String alias, Map<String, String> values) {
        admin.post(path(realm, "/authentication/executions/" + executionId + "/config"),
                Map.of("alias", alias, "config", values));
    }

    /** Registers the required action if it is not listed yet, checks its name, enables it. */
    private void enableRequiredAction(String realm, String alias, String name) {
        JsonNode registered = admin.get(path(realm, "/authentication/required-actions"));
        if (!registered.findValuesAsText("alias").contains(alias)) {
            admin.post(path(realm, "/authentication/register-required-action"), Map.of("providerId", alias, "name", name));
        }
        ObjectNode action = (ObjectNode) admin.get(path(realm, "/authentication/required-actions/" + alias));
        assertThat(action.path("name").asText()).isEqualTo(name);
        assertGuideNames(name);
        action.put("enabled", true);
        put(path(realm, "/authentication/required-actions/" + alias), action);
    }

    private void bindBrowserFlow(String realm) {
        put(path(realm, ""), Map.of("browserFlow", FLOW));
    }

    // ---- users and logins ----

    private record TestUser(String id, String name, String phone) {
    }

    /** A user created through the admin API; a number is registered and confirmed as step 3 says. */
    private TestUser user(String realm, String phone) {
        return user(realm, phone, List.of());
    }

    private TestUser user(String realm, String phone, List<String> requiredActions) {
        String name = letters(AdminApi.uniqueName("adoptie"));
        String id = admin.createUser(realm, name, PASSWORD, phone);
        if (!requiredActions.isEmpty()) {
            ObjectNode representation = (ObjectNode) admin.get(path(realm, "/users/" + id));
            representation.set("requiredActions", AdminApi.JSON.valueToTree(requiredActions));
            put(path(realm, "/users/" + id), representation);
        }
        return new TestUser(id, name, phone);
    }

    /** The first login after step 7: the binding page, the phone binds with the SMS code, the account console. */
    private CompanionClient bindAtFirstLogin(String realm, TestUser user) {
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, user.name, PASSWORD);
            CompanionClient phone = Phones.bindFromPage(browser, server, outbox, realm, user.phone, 0);
            LoginPages.awaitAccount(browser, server, realm);
            return phone;
        }
    }

    private void assertSession(String realm, String userId) {
        JsonNode sessions = admin.await("a user session", Duration.ofSeconds(10),
                () -> admin.get(path(realm, "/users/" + userId + "/sessions")), s -> s.size() > 0);
        assertThat(sessions.get(0).path("userId").asText()).isEqualTo(userId);
    }

    /** Step 14's curl: a password grant through the realm's admin-cli. */
    private JsonNode directGrant(String realm, String username) {
        String form = "grant_type=password&client_id=admin-cli&username=" + username + "&password=" + PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return AdminApi.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- small helpers ----

    /** A PUT of the admin API; Keycloak answers some with 200 or 202 and a body, most with 204. */
    private void put(String path, Object body) {
        AdminApi.Answer answer = admin.putForAnswer(path, body);
        assertThat(answer.status() / 100).as("PUT " + path + ": " + answer.status() + " " + answer.body()).isEqualTo(2);
    }

    private JsonNode executions(String realm, String flow) {
        return admin.get(path(realm, "/authentication/flows/" + encode(flow) + "/executions"));
    }

    private static int indexOf(JsonNode executions, String providerOrId) {
        for (int i = 0; i < executions.size(); i++) {
            JsonNode execution = executions.get(i);
            if (providerOrId.equals(execution.path("providerId").asText()) || providerOrId.equals(execution.path("id").asText())) {
                return i;
            }
        }
        throw new AssertionError("no " + providerOrId + " in " + executions);
    }

    private static List<String> displayNames(JsonNode executions) {
        return executions.findValuesAsText("displayName");
    }

    /**
     * A unique name without digits: SMS texts name the realm, and six digits in a row there (a hex name may have
     * them) would read as the code.
     */
    private static String letters(String uniqueName) {
        StringBuilder result = new StringBuilder();
        for (char c : uniqueName.toCharArray()) {
            result.append(c >= '0' && c <= '9' ? (char) ('g' + (c - '0')) : c);
        }
        return result.toString();
    }

    private static String path(String realm, String rest) {
        return "/admin/realms/" + realm + rest;
    }

    private static String encode(String flow) {
        return URLEncoder.encode(flow, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
