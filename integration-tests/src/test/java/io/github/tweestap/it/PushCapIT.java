package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Phones.BoundUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The cap on open pushes per user ({@code tweestap.push.maxPending}, 3 by default), against push bombing. What the
 * design does with more requests than the cap: a new login push closes the user's older login pushes (their pages are
 * told it expired), so logins alone never pile up on the phone; every open request (login pushes and unlock requests
 * together) holds one of the user's 3 slots, and a request beyond them is not sent: an unlock request is dropped, a
 * login gets the code page with "answer those, or enter the code". In both cases the person's newest login still
 * works end to end: approved from the phone, the page released, the account console.
 */
@ExtendWith(KeycloakExtension.class)
class PushCapIT {

    private static final String REALM = "unlock-lab";
    private static final String PASSWORD = "Test-wachtwoord-1";
    private static final int CAP = 3;
    private static final String EXPIRED = "De melding is verlopen.";
    private static final String TOO_MANY = "Er staan al meldingen open in de app.";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private ObjectNode original;

    PushCapIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    @BeforeEach
    void timeToAnswer() {
        // The lab's pushes expire after 60 s; a loaded machine needs longer for the steps below. The cap is the default.
        original = admin.authenticatorConfig(REALM, "unlock browser", "unlock lab").deepCopy();
        ObjectNode config = original.deepCopy();
        ((ObjectNode) config.get("config")).put("tweestap.push.challengeTtlSeconds", "600");
        assertThat(config.get("config").has("tweestap.push.maxPending")).isFalse();
        admin.updateAuthenticatorConfig(REALM, config);
    }

    @AfterEach
    void restore() {
        admin.updateAuthenticatorConfig(REALM, original);
    }

    @Test
    void moreLoginsThanTheCapCloseTheOlderPushesAndTheNewestLoginIsApproved() {
        BoundUser b = bound("vierlogins");
        // Four logins (one more than the cap) from four browsers, each waiting on its push.
        List<FormClient> pages = new ArrayList<>();
        List<FormClient.Page> waiting = new ArrayList<>();
        for (int i = 0; i < CAP + 1; i++) {
            FormClient client = new FormClient().from("127.0.9." + (i + 1));
            FormClient.Page page = client.login(server, REALM, b.name(), PASSWORD);
            assertThat(page.html()).as("login %d waits on a push", i).contains("id=\"tweestap-push-number\"");
            pages.add(client);
            waiting.add(page);
            // The phone sees one login push: this newest one; the older ones were closed.
            List<Challenge> open = b.phone().poll(Duration.ZERO);
            assertThat(open).as("open pushes after login %d", i).hasSize(1);
            assertThat(open.get(0).type()).isEqualTo(Challenge.LOGIN);
        }
        // The older pages learn their push expired (they offer a new push or the code), none is let in.
        for (int i = 0; i < CAP; i++) {
            FormClient.Page answer = pages.get(i).submit(waiting.get(i), "kc-tweestap-push-form",
                    Map.of("continue", ""));
            assertThat(answer.html()).as("older login %d", i).contains(EXPIRED)
                    .doesNotContain("id=\"tweestap-push-number\"");
        }
        // The person's newest login, in a real browser: approved from the phone, released, the account console.
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, b.name(), PASSWORD);
            String number = browser.text(By.id("tweestap-push-number"));
            List<Challenge> open = b.phone().poll(Duration.ZERO);
            assertThat(open).hasSize(1);
            assertThat(b.phone().approve(open.get(0).id(), number)).isEqualTo("approved");
            LoginPages.awaitAccount(browser, server, REALM, "Test Gebruiker");
        }
    }

    @Test
    void atTheCapNoFurtherPushIsSentAndTheNewestLoginGetsThroughOnceOneIsAnswered() {
        BoundUser b = bound("volle-app");
        // A lockout sends one unlock request; the unlock page asks for more, as anyone typing the username can.
        lockOut(b);
        Phones.awaitChallenge(b.phone());
        for (int i = 0; i < CAP; i++) {
            FormClient client = new FormClient().from("127.0.10." + (i + 1));
            FormClient.Page page = client.submit(client.get(server.realmUrl(REALM) + "/tweestap-unlock"),
                    "kc-tweestap-unlock-form", Map.of("username", b.name(), "back", ""));
            assertThat(page.status()).isEqualTo(200);
        }
        // Four requests, three slots: the phone holds exactly the cap.
        List<Challenge> open = b.phone().poll(Duration.ZERO);
        assertThat(open).as("open requests on the phone").hasSize(CAP);
        assertThat(open).allMatch(Challenge::isUnlock);
        admin.await("the dropped request's event", Duration.ofSeconds(15),
                () -> admin.get("/admin/realms/" + REALM + "/events?user=" + b.id() + "&max=200"),
                events -> events.findValuesAsText("tweestap_step").stream().filter("unlock_requested"::equals)
                        .count() == CAP);

        // The service desk lifts the lockout; the unlock requests are still open in the app.
        admin.delete("/admin/realms/" + REALM + "/attack-detection/brute-force/users/" + b.id());
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, b.name(), PASSWORD);
            // No push beyond the cap: the page offers the code and says why.
            browser.await(By.id("tweestap-push-use-push"));
            assertThat(browser.bodyText()).contains(TOO_MANY);
            assertThat(browser.present(By.id("tweestap-push-number"))).isFalse();
            assertThat(b.phone().poll(Duration.ZERO)).hasSize(CAP).allMatch(Challenge::isUnlock);

            // The person answers one request in the app ("no"): a slot is free, and a new push goes out.
            assertThat(b.phone().deny(open.get(0).id(), false)).isEqualTo("denied");
            browser.clickAndAwait(By.id("tweestap-push-use-push"), By.id("tweestap-push-number"));
            String number = browser.text(By.id("tweestap-push-number"));
            Challenge login = null;
            for (Challenge c : b.phone().poll(Duration.ZERO)) {
                if (Challenge.LOGIN.equals(c.type())) {
                    login = c;
                }
            }
            assertThat(login).as("the login push on the phone").isNotNull();
            assertThat(b.phone().approve(login.id(), number)).isEqualTo("approved");
            LoginPages.awaitAccount(browser, server, REALM, "Test Gebruiker");
        }
    }

    // ---- helpers ----

    private BoundUser bound(String prefix) {
        return Phones.boundUser(server, admin, outbox, REALM, prefix, PASSWORD);
    }

    /** Three wrong passwords (the realm's failure factor), from an address of our own. */
    private void lockOut(BoundUser b) {
        for (int i = 0; i < 3; i++) {
            new FormClient().from("127.0.11.1").login(server, REALM, b.name(), "Fout-wachtwoord-" + i);
            KeycloakServer.sleep(300);
        }
        admin.await("the lockout", Duration.ofSeconds(15), () -> admin.bruteForce(REALM, b.id()),
                n -> n.path("disabled").asBoolean());
    }
}
