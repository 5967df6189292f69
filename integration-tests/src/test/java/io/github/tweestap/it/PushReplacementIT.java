package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.CompanionException;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Issue 18: an abandoned login page left its push pending, so the next login's push came second and the phone
 * answered the stale one while the current page kept waiting. A new login push closes the user's older pending ones
 * (the old page is told), and "dit was ik niet" reaches the page that waits.
 */
@ExtendWith(KeycloakExtension.class)
class PushReplacementIT {

    private static final String REALM = PushLoginIT.REALM;
    private static final String PASSWORD = PushLoginIT.PASSWORD;
    private static final By NUMBER = By.id("tweestap-push-number");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    PushReplacementIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    private record Bound(String name, CompanionClient phone) {
    }

    private Bound bound(String prefix) {
        String name = AdminApi.uniqueName(prefix);
        String number = Phones.randomNumber();
        admin.createUser(REALM, name, PASSWORD, number);
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, REALM, name, PASSWORD);
            CompanionClient phone = Phones.bindFromPage(browser, server, outbox, REALM, number, 0);
            LoginPages.awaitAccount(browser, server, REALM);
            return new Bound(name, phone);
        }
    }

    @Test
    void aNewLoginPushClosesTheAbandonedOne() {
        Bound user = bound("stale");
        try (Browser abandoned = new Browser("nl"); Browser current = new Browser("nl")) {
            LoginPages.passwordStep(abandoned, server, REALM, user.name(), PASSWORD);
            abandoned.await(NUMBER);
            Challenge stale = Phones.awaitChallenge(user.phone());

            LoginPages.passwordStep(current, server, REALM, user.name(), PASSWORD);
            String number = current.text(NUMBER);
            // The phone sees only the current login's push, not the abandoned page's first.
            List<Challenge> pending = user.phone().poll(Duration.ofSeconds(5));
            assertThat(pending).hasSize(1);
            assertThat(pending.get(0).id()).isNotEqualTo(stale.id());
            CompanionException closed = catchThrowableOfType(CompanionException.class,
                    () -> user.phone().approve(stale.id(), number));
            assertThat(closed).as("the stale push can no longer be answered").isNotNull();
            assertThat(closed.status()).isEqualTo(409);
            // The abandoned page learns that its push is gone (no endless waiting).
            abandoned.awaitText("De melding is verlopen");

            user.phone().approve(pending.get(0).id(), number);
            LoginPages.awaitAccount(current, server, REALM);
        }
    }

    @Test
    void ditWasIkNietReachesTheWaitingPage() {
        Bound user = bound("mute");
        try (Browser waiting = new Browser("nl")) {
            LoginPages.passwordStep(waiting, server, REALM, user.name(), PASSWORD);
            waiting.await(NUMBER);
            Challenge push = Phones.awaitChallenge(user.phone());
            user.phone().deny(push.id(), true);
            // The page that waited goes on by itself, to the code, and says why.
            waiting.awaitText("dit was ik niet");
            assertThat(waiting.present(By.id("otp"))).isTrue();
        }
        // And the mute holds: the next login sends no push.
        try (Browser next = new Browser("nl")) {
            LoginPages.passwordStep(next, server, REALM, user.name(), PASSWORD);
            next.awaitText("Er worden voorlopig geen meldingen naar de app gestuurd");
            assertThat(user.phone().poll(Duration.ofSeconds(2))).isEmpty();
        }
    }
}
