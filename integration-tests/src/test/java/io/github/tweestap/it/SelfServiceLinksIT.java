package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18: the login page offers "Account geblokkeerd? Ontgrendel met de app" and "Tweestapsverificatie vernieuwen"
 * only in a realm that can serve them, decided from the realm's configuration (a flow binding the app plus the unlock
 * listener; the secret-question action), and those pages answer 404 elsewhere. Werknemerloket (seed 004: no app, no
 * secret question, "neem contact op met je werkgever") shows neither.
 */
@ExtendWith(KeycloakExtension.class)
class SelfServiceLinksIT {

    private static final String UNLOCK = "id=\"tweestap-unlock-link\"";
    private static final String RENEW = "id=\"tweestap-renew-link\"";

    /** realm → {unlock link, renew link}. */
    private static final Map<String, boolean[]> EXPECTED = Map.of(
            "werknemerloket", new boolean[] {false, false},
            "werkplek", new boolean[] {true, false},
            "storingen-stations", new boolean[] {false, true},
            "verzuimcoach", new boolean[] {false, false},
            "nse-portal", new boolean[] {false, false},
            // A realm on the stock tweestap theme (no theme switch at all) that can serve both.
            "unlock-lab", new boolean[] {true, true},
            // The same theme, a realm that binds the app but has no unlock listener and no secret question.
            "push-lab", new boolean[] {false, false});

    private final KeycloakServer server;

    SelfServiceLinksIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void theLoginPageOffersOnlyWhatTheRealmCanServe() {
        EXPECTED.forEach((realm, expected) -> {
            FormClient.Page login = new FormClient().openLogin(server, realm);
            assertThat(login.status()).as(realm).isEqualTo(200);
            assertThat(login.html().contains(UNLOCK)).as(realm + ": unlock link").isEqualTo(expected[0]);
            assertThat(login.html().contains(RENEW)).as(realm + ": renew link").isEqualTo(expected[1]);
            assertThat(new FormClient().get(server.realmUrl(realm) + "/tweestap-unlock").status())
                    .as(realm + ": the unlock page").isEqualTo(expected[0] ? 200 : 404);
            assertThat(new FormClient().get(server.realmUrl(realm) + "/tweestap-recovery").status())
                    .as(realm + ": the renewal page").isEqualTo(expected[1] ? 200 : 404);
        });
        String werknemerloket = new FormClient().openLogin(server, "werknemerloket").html();
        assertThat(werknemerloket).doesNotContain("Ontgrendel met de app").doesNotContain("Tweestapsverificatie vernieuwen");
    }
}
