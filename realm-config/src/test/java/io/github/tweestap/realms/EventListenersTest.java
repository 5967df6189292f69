package io.github.tweestap.realms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * No portal realm uses Keycloak's {@code email} event listener: it mails on every failed login (an address is enough
 * to fill a mailbox) and twice per credential change. Realms that send the "2FA switched on/off" notices use the
 * pack's {@code tweestap-email-notices} instead (one notice per change, throttled per user).
 */
class EventListenersTest {

    @Test
    void portalRealmsSendThePacksNoticesNotKeycloaksEmailListener() throws IOException {
        int withNotices = 0;
        for (Path file : RealmFilesTest.realmFiles()) {
            RealmRepresentation realm = new ObjectMapper().readValue(file.toFile(), RealmRepresentation.class);
            assertThat(realm.getEventsListeners()).as(file.getFileName().toString()).doesNotContain("email");
            if (realm.getEventsListeners().contains("tweestap-email-notices")) {
                withNotices++;
            }
        }
        assertThat(withNotices).as("realms that mail the 2FA notices").isGreaterThanOrEqualTo(3);
    }
}
