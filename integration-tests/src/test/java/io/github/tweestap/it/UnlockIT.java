package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Smoke;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Seed 001, "Unlocken": after too many wrong passwords the bound app gets an unlock request; approving it lifts the
 * lockout and the password stays as it was — no help desk, no admin.
 */
@ExtendWith(KeycloakExtension.class)
class UnlockIT {

    private static final String REALM = "unlock-lab";
    static final String PASSWORD = "Test-wachtwoord-1";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;

    UnlockIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    record Bound(String name, String id, CompanionClient phone) {
    }

    Bound bound(String prefix) {
        String name = AdminApi.uniqueName(prefix);
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        try (Browser browser = new Browser("nl")) {
            password(browser, name, PASSWORD);
            CompanionClient phone = Phones.bindFromPage(browser, server, outbox, REALM, number, 0);
            LoginPages.awaitAccount(browser, server, REALM);
            return new Bound(name, id, phone);
        }
    }

    void password(Browser browser, String name, String password) {
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), password);
        browser.clickAndAwait(By.id("kc-login"), By.cssSelector("h1"));
    }

    /** Three wrong passwords (the realm's failure factor), from an address of our own. */
    void lockOut(Bound b, String address) {
        for (int i = 0; i < 3; i++) {
            new FormClient().from(address).login(server, REALM, b.name(), "Fout-wachtwoord-" + i);
            KeycloakServer.sleep(300);
        }
        admin.await("the lockout", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, b.id()),
                n -> n.path("disabled").asBoolean());
    }

    JsonNode passwordCredential(String userId) {
        for (JsonNode credential : admin.get("/admin/realms/" + REALM + "/users/" + userId + "/credentials")) {
            if ("password".equals(credential.path("type").asText())) {
                return credential;
            }
        }
        throw new AssertionError("no password");
    }

    @Test
    @Smoke
    void aLockoutSendsAnUnlockRequestAndApprovingItLetsTheRightPasswordInAgain() {
        Bound b = bound("ontgrendel");
        JsonNode before = passwordCredential(b.id());
        lockOut(b, "127.0.4.1");
        Challenge request = Phones.awaitChallenge(b.phone());
        assertThat(request.type()).isEqualTo("unlock");
        assertThat(request.ip()).isNullOrEmpty();
        // One request per lockout, although Keycloak repeats the lockout event on later failures.
        new FormClient().from("127.0.4.1").login(server, REALM, b.name(), "Nog-een-fout");
        KeycloakServer.sleep(2000);
        assertThat(b.phone().poll(java.time.Duration.ZERO)).hasSize(1);

        // Locked: even the right password does not get through.
        FormClient.Page locked = new FormClient().from("127.0.4.2").login(server, REALM, b.name(), PASSWORD);
        assertThat(locked.html()).doesNotContain("tweestap-push-number");

        assertThat(b.phone().approve(request.id(), null)).isEqualTo("approved");
        admin.await("the lockout lifted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, b.id()),
                n -> !n.path("disabled").asBoolean() && n.path("numFailures").asInt() == 0);
        JsonNode after = passwordCredential(b.id());
        assertThat(after.path("id").asText()).isEqualTo(before.path("id").asText());
        assertThat(after.path("createdDate").asLong()).isEqualTo(before.path("createdDate").asLong());

        try (Browser browser = new Browser("nl")) {
            password(browser, b.name(), PASSWORD);
            String number = browser.text(By.id("tweestap-push-number"));
            b.phone().approve(Phones.awaitChallenge(b.phone()).id(), number);
            LoginPages.awaitAccount(browser, server, REALM);
        }
    }

    @Test
    void notMeKeepsTheLockMailsTheUserAndEmitsAnEvent() throws Exception {
        Bound b = bound("nietik");
        lockOut(b, "127.0.5.1");
        Challenge request = Phones.awaitChallenge(b.phone());
        assertThat(b.phone().deny(request.id(), true)).isEqualTo("reported");
        KeycloakServer.sleep(1000);
        assertThat(admin.bruteForce(REALM, b.id()).path("disabled").asBoolean()).isTrue();
        MimeMessage mail = mailbox.await(b.name() + "@test.localhost", 1);
        assertThat(mail.getSubject()).isEqualTo("Iemand probeerde in te loggen op uw account");
        assertThat(Mailbox.plainText(mail)).contains("Uw account blijft geblokkeerd", "127.0.5.1");
        JsonNode events = admin.get("/admin/realms/" + REALM + "/events?user=" + b.id() + "&max=100");
        assertThat(events.findValuesAsText("tweestap_step")).contains("unlock_requested", "unlock_reported");
    }

    @Test
    void theLoginPageOffersUnlockToEveryoneAndTheAppMatchesItsNumber() {
        Bound b = bound("pagina");
        lockOut(b, "127.0.6.1");
        Challenge automatic = Phones.awaitChallenge(b.phone());
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.click(By.id("tweestap-unlock-link"));
            assertThat(browser.text(By.cssSelector("h1"))).contains("Account ontgrendelen met de app");
            browser.type(By.id("username"), b.name());
            browser.click(By.id("tweestap-unlock-submit"));
            String number = browser.text(By.id("tweestap-unlock-number"));
            browser.screenshot("unlock-number");
            // The page answers first; the request reaches the phone right after.
            Challenge fromPage = awaitOther(b.phone(), automatic.id());
            assertThat(fromPage.type()).isEqualTo("unlock");
            assertThat(b.phone().approve(fromPage.id(), number)).isEqualTo("approved");
        }
        admin.await("the lockout lifted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, b.id()),
                n -> !n.path("disabled").asBoolean());

        // Unknown users and users who are not locked get the same page, with a number.
        for (String who : new String[] {"bestaat-niet-" + System.nanoTime(), b.name()}) {
            FormClient client = new FormClient().from("127.0.6.9");
            FormClient.Page form = client.get(server.realmUrl(REALM) + "/tweestap-unlock");
            FormClient.Page answer = client.submit(form, "kc-tweestap-unlock-form", Map.of("username", who, "back", ""));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.html()).contains("id=\"tweestap-unlock-number\"", "Open de melding in de app");
        }
        KeycloakServer.sleep(1000);
        assertThat(b.phone().poll(Duration.ZERO)).as("not locked: nothing reaches the phone").isEmpty();
    }

    /** Long-polls until a challenge other than {@code known} reaches the phone. */
    static Challenge awaitOther(CompanionClient phone, String known) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(25);
        while (java.time.Instant.now().isBefore(deadline)) {
            for (Challenge c : phone.poll(Duration.ofSeconds(5))) {
                if (!c.id().equals(known)) {
                    return c;
                }
            }
        }
        throw new AssertionError("no new challenge reached the phone");
    }

    FormClient.Page unlockPage(String address, String username) {
        FormClient client = new FormClient().from(address);
        return client.submit(client.get(server.realmUrl(REALM) + "/tweestap-unlock"), "kc-tweestap-unlock-form",
                Map.of("username", username, "back", ""));
    }

    @Test
    void afterDitWasIkNietThePageSendsNoUnlockRequestToThePhone() {
        Bound b = bound("stil");
        lockOut(b, "127.0.8.1");
        Challenge automatic = Phones.awaitChallenge(b.phone());
        assertThat(b.phone().deny(automatic.id(), true)).isEqualTo("reported");
        // Anyone can type the username on the page: the reported phone is left alone (the page looks the same).
        FormClient.Page page = unlockPage("127.0.8.2", b.name());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("id=\"tweestap-unlock-number\"");
        admin.await("the muted request's event", Duration.ofSeconds(15),
                () -> admin.get("/admin/realms/" + REALM + "/events?user=" + b.id() + "&max=100"),
                events -> events.findValuesAsText("tweestap_step").contains("unlock_muted"));
        assertThat(b.phone().poll(Duration.ofSeconds(2))).as("nothing reaches the reported phone").isEmpty();
        assertThat(admin.bruteForce(REALM, b.id()).path("disabled").asBoolean()).isTrue();
    }

    @Test
    void thePhoneHearsTheTruthWhenAPermanentLockoutMayNoLongerBeLifted() {
        Bound b = bound("waarheid");
        ObjectNode realm = (ObjectNode) admin.get("/admin/realms/" + REALM);
        ObjectNode config = admin.authenticatorConfig(REALM, "unlock browser", "unlock lab");
        admin.put("/admin/realms/" + REALM, Map.of("permanentLockout", true));
        ((ObjectNode) config.get("config")).put("tweestap.unlock.permanent", "1");
        admin.updateAuthenticatorConfig(REALM, config);
        try {
            lockOut(b, "127.0.8.5");
            Challenge request = Phones.awaitChallenge(b.phone());
            assertThat(request.permanent()).isTrue();
            // Between the request and the answer, the realm stops allowing permanent lockouts to be lifted.
            ((ObjectNode) config.get("config")).put("tweestap.unlock.permanent", "0");
            admin.updateAuthenticatorConfig(REALM, config);
            io.github.tweestap.companion.CompanionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> b.phone().approve(request.id(), null), io.github.tweestap.companion.CompanionException.class);
            assertThat(refused).as("not \"approved\"").isNotNull();
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.error()).isEqualTo("unlock_not_allowed");
            KeycloakServer.sleep(1000);
            assertThat(admin.get("/admin/realms/" + REALM + "/users/" + b.id()).path("enabled").asBoolean()).isFalse();
        } finally {
            admin.put("/admin/realms/" + REALM, Map.of("permanentLockout", realm.path("permanentLockout").asBoolean()));
            ((ObjectNode) config.get("config")).put("tweestap.unlock.permanent", "0");
            admin.updateAuthenticatorConfig(REALM, config);
        }
    }

    @Test
    void aPermanentLockoutIsUnlockedOnlyWhenTheRealmAllowsIt() {
        Bound b = bound("permanent");
        ObjectNode realm = (ObjectNode) admin.get("/admin/realms/" + REALM);
        ObjectNode config = admin.authenticatorConfig(REALM, "unlock browser", "unlock lab");
        admin.put("/admin/realms/" + REALM, Map.of("permanentLockout", true));
        try {
            lockOut(b, "127.0.7.1");
            KeycloakServer.sleep(3000);
            assertThat(b.phone().poll(Duration.ZERO)).as("default: temporary lockouts only").isEmpty();
            FormClient client = new FormClient().from("127.0.7.2");
            client.submit(client.get(server.realmUrl(REALM) + "/tweestap-unlock"), "kc-tweestap-unlock-form",
                    Map.of("username", b.name(), "back", ""));
            KeycloakServer.sleep(1000);
            assertThat(b.phone().poll(Duration.ZERO)).isEmpty();

            ((ObjectNode) config.get("config")).put("tweestap.unlock.permanent", "1");
            admin.updateAuthenticatorConfig(REALM, config);
            FormClient.Page page = client.submit(client.get(server.realmUrl(REALM) + "/tweestap-unlock"),
                    "kc-tweestap-unlock-form", Map.of("username", b.name(), "back", ""));
            String number = page.html().replaceAll("(?s).*id=\"tweestap-unlock-number\"[^>]*>(\\d+)<.*", "$1");
            Challenge request = Phones.awaitChallenge(b.phone());
            assertThat(b.phone().approve(request.id(), number)).isEqualTo("approved");
            admin.await("the permanent lockout lifted", Duration.ofSeconds(10), () -> admin.get("/admin/realms/" + REALM
                    + "/users/" + b.id()), n -> n.path("enabled").asBoolean());
            assertThat(admin.bruteForce(REALM, b.id()).path("disabled").asBoolean()).isFalse();
        } finally {
            admin.put("/admin/realms/" + REALM, Map.of("permanentLockout", realm.path("permanentLockout").asBoolean()));
            ((ObjectNode) config.get("config")).put("tweestap.unlock.permanent", "0");
            admin.updateAuthenticatorConfig(REALM, config);
        }
    }
}
