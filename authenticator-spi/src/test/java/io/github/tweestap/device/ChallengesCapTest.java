package io.github.tweestap.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * The cap on open pushes ({@code tweestap.push.maxPending}) on Keycloak's single-use store: at most the cap of open
 * requests per user, and a slot an answered request gives back can be taken again, also when requests made after it
 * still hold theirs (PushCapIT shows the same on the real server).
 */
class ChallengesCapTest {

    /** Keycloak's single-use store as the challenges use it: values, atomic putIfAbsent, removal at once. */
    static final class MemoryStore implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> values = new ConcurrentHashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            values.put(key, new HashMap<>(notes));
        }

        @Override
        public Map<String, String> get(String key) {
            Map<String, String> value = values.get(key);
            return value == null ? null : new HashMap<>(value);
        }

        @Override
        public Map<String, String> remove(String key) {
            return values.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return values.replace(key, new HashMap<>(notes)) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            return values.putIfAbsent(key, new HashMap<>()) == null;
        }

        @Override
        public boolean contains(String key) {
            return values.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final Challenges challenges;
    private final UserModel user = mock(UserModel.class);
    private final Devices.Device device;
    private final DeviceSettings settings = DeviceSettings.of(Map.of());
    private final SecureRandom random = new SecureRandom();

    ChallengesCapTest() {
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.getProvider(SingleUseObjectProvider.class)).thenReturn(store);
        when(user.getId()).thenReturn("user-1");
        CredentialModel credential = new CredentialModel();
        credential.setId("device-1");
        device = new Devices.Device(user, credential, Map.of());
        challenges = new Challenges(session);
    }

    private Challenges.Created unlockRequest() {
        return challenges.create(user, device, "unlock", Map.of(), settings, random, false, false);
    }

    @Test
    void theDefaultCapIsThree() {
        assertThat(settings.maxPending()).isEqualTo(3);
    }

    @Test
    void atTheCapARequestIsRefusedAndAnAnsweredOneFreesItsSlotWhateverItsPlace() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < settings.maxPending(); i++) {
            Challenges.Created created = unlockRequest();
            assertThat(created.refusal()).as("request %d", i).isNull();
            ids.add(created.challenge().id());
        }
        assertThat(unlockRequest().refusal()).isEqualTo(Challenges.Refusal.TOO_MANY);
        assertThat(challenges.open(user, device, settings)).hasSize(settings.maxPending());

        // The oldest is answered: its slot (below the others, still held) is free again, and only that one.
        assertThat(challenges.answer(device, ids.get(0), false, null, false, settings).outcome())
                .isEqualTo(Challenges.Outcome.DENIED);
        Challenges.Created next = unlockRequest();
        assertThat(next.refusal()).isNull();
        assertThat(unlockRequest().refusal()).isEqualTo(Challenges.Refusal.TOO_MANY);
        assertThat(challenges.open(user, device, settings)).extracting(Challenges.Challenge::id)
                .containsExactlyInAnyOrder(ids.get(1), ids.get(2), next.challenge().id());
    }

    @Test
    void aNewLoginPushClosesTheOlderOnesSoLoginsAloneNeverReachTheCap() {
        String previous = null;
        for (int i = 0; i < settings.maxPending() + 2; i++) {
            challenges.closeOtherLogins(user.getId(), null, Challenges.EXPIRED, settings);
            Challenges.Created created = challenges.create(user, device, "login", Map.of(), settings, random);
            assertThat(created.refusal()).as("login %d", i).isNull();
            assertThat(challenges.open(user, device, settings)).extracting(Challenges.Challenge::id)
                    .containsExactly(created.challenge().id());
            if (previous != null) {
                assertThat(challenges.get(previous).status()).isEqualTo(Challenges.EXPIRED);
            }
            previous = created.challenge().id();
        }
    }
}
