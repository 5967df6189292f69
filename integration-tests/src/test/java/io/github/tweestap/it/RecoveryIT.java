package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Seed 000 part B: a new phone. Username and mobile number → SMS code → secret question → "Vernieuw tweestaps
 * verificatie code voor mobiele app" → the old app is unlinked → the next login binds the app again.
 */
@ExtendWith(KeycloakExtension.class)
class RecoveryIT {

    private static final String REALM = "unlock-lab";
    private static final String PASSWORD = "Test-wachtwoord-1";
    private static final String ANSWER = "Bello de Hond";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Mailbox mailbox;

    RecoveryIT(KeycloakServer server, AdminApi admin, Outbox outbox, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.mailbox = mailbox;
    }

    record Account(String name, String id, String number, CompanionClient phone) {
    }

    /** A user who binds the app and then sets the secret question (required action) at the first login. */
    Account account(String prefix) {
        String name = AdminApi.uniqueName(prefix);
        String number = Phones.randomNumber();
        String id = admin.createUser(REALM, name, PASSWORD, number);
        admin.put("/admin/realms/" + REALM + "/users/" + id, Map.of("requiredActions", List.of("tweestap-secret-question")));
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.type(By.id("username"), name);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            CompanionClient phone = Phones.bindFromPage(browser, server, outbox, REALM, number, 0);
            assertThat(browser.await(By.id("tweestap-question-intro")).getText()).contains("geheime vraag");
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("question")))
                    .selectByValue("tweestapQuestionFirstPet");
            browser.type(By.id("answer"), ANSWER);
            browser.type(By.id("answer-confirm"), "bello de hond");
            browser.click(By.id("tweestap-question-save"));
            LoginPages.awaitAccount(browser, server, REALM);
            return new Account(name, id, number, phone);
        }
    }

    @Test
    @Smoke
    void aNewPhoneRenewsTheAppBindingWithAnSmsCodeAndTheSecretQuestion() throws Exception {
        Account a = account("nieuwetelefoon");
        assertThat(admin.credentialTypes(REALM, a.id())).contains("otp", "tweestap-device", "tweestap-secret-question");
        JsonNode secret = admin.get("/admin/realms/" + REALM + "/users/" + a.id() + "/credentials");
        assertThat(secret.toString()).doesNotContainIgnoringCase("bello");

        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.click(By.id("tweestap-renew-link"));
            assertThat(browser.text(By.cssSelector("h1"))).contains("Tweestapsverificatie vernieuwen");
            browser.type(By.id("username"), a.name());
            browser.type(By.id("phone"), "06 " + a.number().substring(4));
            browser.click(By.id("tweestap-recovery-next"));
            assertThat(browser.text(By.id("tweestap-recovery-code-intro"))).contains("ontvangt u binnen enkele minuten een SMS");
            browser.type(By.id("code"), outbox.awaitCode(REALM, a.number(), 2));
            browser.click(By.id("tweestap-recovery-next"));
            assertThat(browser.text(By.id("tweestap-recovery-question"))).isEqualTo("Wat was de naam van uw eerste huisdier?");
            browser.type(By.id("answer"), "  BELLO   de hond ");
            browser.click(By.id("tweestap-recovery-next"));
            browser.await(By.id("tweestap-recovery-options"));
            List<WebElement> options = browser.all(By.cssSelector("#tweestap-recovery-options button"));
            assertThat(options).extracting(WebElement::getText).containsExactly("Nieuw wachtwoord instellen",
                    "Account ontgrendelen", "Vernieuw tweestaps verificatie code voor mobiele app");
            browser.screenshot("recovery-choice");
            browser.click(By.id("tweestap-recovery-renew"));
            assertThat(browser.text(By.id("tweestap-recovery-done"))).contains("oude koppeling met de app is verwijderd");
        }
        assertThat(admin.credentialTypes(REALM, a.id())).doesNotContain("otp", "tweestap-device").contains("password",
                "tweestap-secret-question");
        assertThat(Mailbox.plainText(mailbox.await(a.name() + "@test.localhost", 1))).contains("Tweestapsverificatie vernieuwen");
        outbox.awaitCode(REALM, a.number(), 2);
        assertThat(outbox.smsTo(REALM, a.number()).get(0).path("text").asText()).contains("vernieuwd");

        // The next login binds the app again.
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(REALM) + "/account/");
            browser.type(By.id("username"), a.name());
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            assertThat(browser.await(By.id("tweestap-enroll-qr")).isDisplayed()).isTrue();
        }
    }

    @Test
    void aWrongNumberAnUnknownUserAndAWrongAnswerGetTheSameFirstAnswerCountAndChangeNothing() {
        Account a = account("fout");
        int smsBefore = outbox.smsTo(REALM, a.number()).size();
        int codesBefore = outbox.codesTo(REALM, a.number()).size();
        String right = start(new FormClient().from("127.0.9.1"), a.name(), a.number()).html();
        String wrongNumber = start(new FormClient().from("127.0.9.2"), a.name(), "+31699999999").html();
        String unknown = start(new FormClient().from("127.0.9.3"), "niemand-" + System.nanoTime(), a.number()).html();
        assertThat(intro(wrongNumber)).isEqualTo(intro(right)).isEqualTo(intro(unknown));
        KeycloakServer.sleep(1500);
        assertThat(outbox.smsTo(REALM, a.number())).as("one SMS, for the right pair only").hasSize(smsBefore + 1);

        // Wrong number: whatever code is typed, it is wrong; five tries, then start over.
        FormClient stranger = new FormClient().from("127.0.9.4");
        FormClient.Page page = start(stranger, a.name(), "+31699999998");
        for (int i = 0; i < 4; i++) {
            page = stranger.submit(page, "kc-tweestap-recovery-form", Map.of("step", "code", "code", "12345" + i, "back", ""));
            assertThat(page.html()).contains("De code is onjuist.");
        }
        page = stranger.submit(page, "kc-tweestap-recovery-form", Map.of("step", "code", "code", "999999", "back", ""));
        assertThat(page.html()).contains("Te veel onjuiste pogingen");

        // Right number and code, wrong answers: counted, and after three the request is over.
        FormClient owner = new FormClient().from("127.0.9.5");
        page = start(owner, a.name(), a.number());
        page = owner.submit(page, "kc-tweestap-recovery-form", Map.of("step", "code",
                "code", outbox.awaitCode(REALM, a.number(), codesBefore + 2), "back", ""));
        assertThat(page.html()).contains("Wat was de naam van uw eerste huisdier?");
        for (int i = 0; i < 2; i++) {
            page = owner.submit(page, "kc-tweestap-recovery-form", Map.of("step", "answer", "answer", "Minoes " + i, "back", ""));
            assertThat(page.html()).contains("Het antwoord is onjuist.");
            KeycloakServer.sleep(1100);
        }
        admin.await("wrong answers counted", Duration.ofSeconds(10), () -> admin.bruteForce(REALM, a.id()),
                n -> n.path("numFailures").asInt() >= 2);
        page = owner.submit(page, "kc-tweestap-recovery-form", Map.of("step", "answer", "answer", "Minoes 3", "back", ""));
        assertThat(page.html()).as("three wrong answers end the request").contains("Te veel onjuiste pogingen");
        assertThat(admin.credentialTypes(REALM, a.id())).contains("otp", "tweestap-device");
        // Choosing an option without having passed the steps does nothing.
        FormClient.Page sneaky = owner.submit(page, "kc-tweestap-recovery-form", Map.of("step", "choose", "option", "renew", "back", ""));
        assertThat(sneaky.status()).isEqualTo(400);
        assertThat(admin.credentialTypes(REALM, a.id())).contains("otp", "tweestap-device");
    }

    @Test
    void aStrangerCannotUseUpTheRenewalsOfAChosenUsername() {
        // Counted per username and client address, under a higher ceiling per username: the limits hold for any
        // username typed, whether or not it exists.
        String username = "doelwit-" + System.nanoTime();
        String number = "+31612345678";
        io.github.tweestap.it.support.QuotaWindows.awaitRoom(3600, 60);
        for (int i = 0; i < 5; i++) {
            assertThat(start(new FormClient().from("127.0.10.1"), username, number).status()).isEqualTo(200);
        }
        assertThat(start(new FormClient().from("127.0.10.1"), username, number).status()).as("5 per username and address")
                .isEqualTo(429);
        // The owner, from an address of their own, is not locked out by the stranger's tries ...
        assertThat(start(new FormClient().from("127.0.10.2"), username, number).status()).isEqualTo(200);
        // ... until all addresses together reach the ceiling per username (20): a denial costs 4 addresses.
        int granted = 6;
        for (int client = 3; granted < 20; client++) {
            for (int i = 0; i < 5 && granted < 20; i++, granted++) {
                assertThat(start(new FormClient().from("127.0.10." + client), username, number).status()).isEqualTo(200);
            }
        }
        FormClient.Page over = start(new FormClient().from("127.0.10.99"), username, number);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.html()).doesNotContain("Exception");
    }

    FormClient.Page start(FormClient client, String username, String number) {
        FormClient.Page form = client.get(server.realmUrl(REALM) + "/tweestap-recovery");
        return client.submit(form, "kc-tweestap-recovery-form", Map.of("step", "start", "username", username,
                "phone", number, "back", ""));
    }

    static String intro(String html) {
        int at = html.indexOf("id=\"tweestap-recovery-code-intro\"");
        assertThat(at).as("the code step").isPositive();
        return html.substring(html.indexOf('>', at) + 1, html.indexOf("</p>", at));
    }
}
