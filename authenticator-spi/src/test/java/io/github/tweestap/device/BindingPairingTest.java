package io.github.tweestap.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

class BindingPairingTest {

    /** A user's credential store as Keycloak's JPA store behaves: given ids kept, one credential per type and label. */
    static final class Store {
        final Map<String, CredentialModel> credentials = new LinkedHashMap<>();
        final UserModel user = mock(UserModel.class);

        Store() {
            SubjectCredentialManager manager = mock(SubjectCredentialManager.class);
            when(user.credentialManager()).thenReturn(manager);
            when(manager.getStoredCredentialById(anyString())).thenAnswer(i -> credentials.get(i.<String>getArgument(0)));
            when(manager.getStoredCredentialsByTypeStream(anyString())).thenAnswer(i -> credentials.values().stream()
                    .filter(c -> c.getType().equals(i.getArgument(0))).toList().stream());
            when(manager.removeStoredCredentialById(anyString()))
                    .thenAnswer(i -> credentials.remove(i.<String>getArgument(0)) != null);
            when(manager.createStoredCredential(any())).thenAnswer(i -> {
                CredentialModel c = i.getArgument(0);
                if (c.getUserLabel() != null && credentials.values().stream().anyMatch(
                        o -> o.getType().equals(c.getType()) && c.getUserLabel().equals(o.getUserLabel()))) {
                    throw new ModelDuplicateException("Device already exists with the same name", "userLabel");
                }
                if (c.getId() == null) {
                    c.setId(UUID.randomUUID().toString());
                }
                credentials.put(c.getId(), c);
                return c;
            });
            org.mockito.Mockito.doAnswer(i -> {
                CredentialModel c = i.getArgument(0);
                credentials.put(c.getId(), c);
                return null;
            }).when(manager).updateStoredCredential(any());
        }

        CredentialModel otp(String id, String label, long created) {
            CredentialModel c = new CredentialModel();
            c.setId(id);
            c.setType(OTPCredentialModel.TYPE);
            c.setUserLabel(label);
            c.setCreatedDate(created);
            c.setSecretData("{\"value\":\"secret-of-" + label + "\"}");
            c.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
            credentials.put(id, c);
            return c;
        }

        CredentialModel binding(String id, String label, long created, Map<String, Object> data) {
            CredentialModel c = new CredentialModel();
            c.setId(id);
            c.setType(Devices.TYPE);
            c.setUserLabel(label);
            c.setCreatedDate(created);
            c.setSecretData("{}");
            c.setCredentialData(Devices.write(data));
            credentials.put(id, c);
            return c;
        }

        /** An active binding made by this version: its OTP credential under the derived id. */
        CredentialModel bound(String id, String label) {
            otp(BindingPairing.otpIdFor(id), label, 2_000L);
            return binding(id, label, 1_000L, Map.of("status", "active", "otpCredentialId", BindingPairing.otpIdFor(id),
                    "activatedAt", "2"));
        }

        Set<String> ids() {
            return new HashSet<>(credentials.keySet());
        }
    }

    @Test
    void theOtpIdIsAStableUuidOfItsOwnPerBinding() {
        String a = BindingPairing.otpIdFor("0b6d3c1e-1111-4222-8333-444455556666");
        assertThat(a).isEqualTo(BindingPairing.otpIdFor("0b6d3c1e-1111-4222-8333-444455556666")).hasSize(36);
        UUID uuid = UUID.fromString(a);
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(BindingPairing.otpIdFor("0b6d3c1e-1111-4222-8333-444455556667")).isNotEqualTo(a);
        // Keycloak's own ids are random (version 4): a derived id is never one of them.
        assertThat(UUID.randomUUID().version()).isNotEqualTo(uuid.version());
    }

    @Test
    void removingABindingRemovesItsOtpCredentialAndNothingElse() {
        Store store = new Store();
        CredentialModel binding = store.bound("b1", "Telefoon");
        store.otp("own-app", "Authenticator", 500L);
        BindingPairing.remove(store.user, binding);
        assertThat(store.ids()).containsExactly("own-app");
    }

    @Test
    void aBindingFromBeforeTheDerivedIdTakesItsRecordedOtpCredentialAlong() {
        Store store = new Store();
        store.otp("random-otp", "Telefoon", 2_000L);
        store.otp("own-app", "Authenticator", 500L);
        CredentialModel binding = store.binding("b1", "Telefoon", 1_000L,
                Map.of("status", "active", "otpCredentialId", "random-otp"));
        BindingPairing.remove(store.user, binding);
        assertThat(store.ids()).containsExactly("own-app");
    }

    @Test
    void aBindingDeletedElsewhereLeavesItsIdWhichNamesItsOtpCredential() {
        Store store = new Store();
        store.bound("b1", "Telefoon");
        store.otp("own-app", "Authenticator", 500L);
        // What Keycloak's admin console does: removeStoredCredentialById of the binding alone.
        store.credentials.remove("b1");
        BindingPairing.Removed removed = BindingPairing.afterRemoval(store.user, "b1");
        assertThat(removed.otpIds()).containsExactly(BindingPairing.otpIdFor("b1"));
        assertThat(store.ids()).containsExactly("own-app");
    }

    @Test
    void anOtpCredentialDeletedFirstTakesItsBindingAlong() {
        Store store = new Store();
        store.bound("b1", "Telefoon");
        store.credentials.remove(BindingPairing.otpIdFor("b1"));
        BindingPairing.Removed removed = BindingPairing.afterRemoval(store.user, BindingPairing.otpIdFor("b1"));
        assertThat(removed.bindingIds()).containsExactly("b1");
        assertThat(store.ids()).isEmpty();
    }

    @Test
    void anIdThatStillExistsRemovesNothing() {
        Store store = new Store();
        store.bound("b1", "Telefoon");
        Set<String> before = store.ids();
        assertThat(BindingPairing.afterRemoval(store.user, "b1").nothing()).isTrue();
        assertThat(BindingPairing.afterRemoval(store.user, null).nothing()).isTrue();
        assertThat(store.ids()).isEqualTo(before);
    }

    @Test
    void anActiveBindingWithoutItsOtpCredentialIsRemovedWhenLoadedAndAPendingOneStays() {
        Store store = new Store();
        store.binding("orphan", "Oud", 1_000L, Map.of("status", "active", "otpCredentialId", "gone"));
        store.binding("pending", null, 3_000L, Map.of("status", "pending", "name", "Nieuw"));
        store.otp("own-app", "Authenticator", 500L);
        List<Devices.Device> devices = Devices.all(store.user);
        assertThat(devices).extracting(d -> d.credential().getId()).containsExactly("pending");
        assertThat(devices.get(0).name()).isEqualTo("Nieuw");
        assertThat(store.ids()).containsExactlyInAnyOrder("pending", "own-app");
    }

    @Test
    void aPendingBindingRemovesNoOtpCredential() {
        Store store = new Store();
        store.otp("own-app", "Telefoon", 5_000L);
        CredentialModel pending = store.binding("pending", null, 3_000L, Map.of("status", "pending", "name", "Telefoon"));
        BindingPairing.remove(store.user, pending);
        assertThat(store.ids()).containsExactly("own-app");
    }

    @Test
    void withoutARecordedIdTheOtpCredentialMadeAtActivationIsTheOne() {
        Store store = new Store();
        CredentialModel binding = store.binding("b1", "Telefoon", 10_000L, Map.of("status", "active", "activatedAt", "20"));
        Map<String, Object> data = Devices.read(binding.getCredentialData());
        store.otp("before", "Telefoon", 9_000L); // older than the binding
        store.otp("other-name", "Authenticator", 20_000L);
        store.otp("later", "Telefoon", 200_000L); // long after the activation
        assertThat(BindingPairing.pairedOtp(binding, data, BindingPairing.otps(store.user))).isNull();
        store.otp("at-activation", "Telefoon", 20_500L);
        assertThat(BindingPairing.pairedOtp(binding, data, BindingPairing.otps(store.user))).isEqualTo("at-activation");
        // Two that fit: no guess.
        store.otp("also-at-activation", "Telefoon", 21_000L);
        assertThat(BindingPairing.pairedOtp(binding, data, BindingPairing.otps(store.user))).isNull();
    }

    @Test
    void aBindingFromBeforeTheDerivedIdMovesItsOtpCredentialOnceWithTheSameSecret() {
        Store store = new Store();
        CredentialModel old = store.otp("random-otp", "Telefoon", 2_000L);
        store.binding("b1", "Telefoon", 1_000L, Map.of("status", "active", "otpCredentialId", "random-otp"));
        KeycloakSession session = mock(KeycloakSession.class);
        SingleUseObjectProvider singleUse = mock(SingleUseObjectProvider.class);
        when(session.getProvider(SingleUseObjectProvider.class)).thenReturn(singleUse);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenReturn(true, false);

        Devices.Device device = Devices.all(store.user).get(0);
        BindingPairing.migrate(session, device);
        String derived = BindingPairing.otpIdFor("b1");
        assertThat(store.ids()).containsExactlyInAnyOrder("b1", derived);
        CredentialModel moved = store.credentials.get(derived);
        assertThat(moved.getSecretData()).isEqualTo(old.getSecretData());
        assertThat(moved.getCredentialData()).isEqualTo(old.getCredentialData());
        assertThat(moved.getUserLabel()).isEqualTo("Telefoon");
        assertThat(moved.getCreatedDate()).isEqualTo(2_000L);
        assertThat(Devices.read(store.credentials.get("b1").getCredentialData())).containsEntry("otpCredentialId", derived);
        // From now on a deletion of the binding elsewhere names its OTP credential.
        store.credentials.remove("b1");
        BindingPairing.afterRemoval(store.user, "b1");
        assertThat(store.ids()).isEmpty();
    }

    @Test
    void theMoveRunsOnceAcrossTheClusterAndNotForCurrentBindings() {
        Store store = new Store();
        store.otp("random-otp", "Telefoon", 2_000L);
        store.binding("b1", "Telefoon", 1_000L, Map.of("status", "active", "otpCredentialId", "random-otp"));
        KeycloakSession session = mock(KeycloakSession.class);
        SingleUseObjectProvider singleUse = mock(SingleUseObjectProvider.class);
        when(session.getProvider(SingleUseObjectProvider.class)).thenReturn(singleUse);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenReturn(false);
        BindingPairing.migrate(session, Devices.all(store.user).get(0));
        assertThat(store.ids()).containsExactlyInAnyOrder("b1", "random-otp");

        Store current = new Store();
        current.bound("b2", "Telefoon");
        Set<String> before = current.ids();
        BindingPairing.migrate(mock(KeycloakSession.class), Devices.all(current.user).get(0));
        assertThat(current.ids()).isEqualTo(before);
    }

    @Test
    void theStoreRefusesTwoCredentialsOfATypeWithOneName() {
        // The fake behaves as Keycloak's store does, which is why the old credential must go before the new one.
        Store store = new Store();
        store.otp("a", "Telefoon", 1L);
        CredentialModel twin = new CredentialModel();
        twin.setType(OTPCredentialModel.TYPE);
        twin.setUserLabel("Telefoon");
        assertThatThrownBy(() -> store.user.credentialManager().createStoredCredential(twin))
                .isInstanceOf(ModelDuplicateException.class);
    }

    @Test
    void anAdminEventOnAUserNamesTheUserAndTheCredentialWhenItIsOnOne() {
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, "users/u1/credentials/c1"))
                .containsExactly("u1", "c1");
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, "users/u1/credentials/c1/userLabel"))
                .containsExactly("u1", "c1");
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, "users/u1/disable-credential-types"))
                .containsExactly("u1", null);
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, "tweestap-otp/users/u1/otp"))
                .containsExactly("u1", null);
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, "users/u1")).containsExactly("u1", null);
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, "users")).isNull();
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, "a/b/users/u1")).isNull();
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.CLIENT, "users/u1/credentials/c1")).isNull();
        assertThat(BindingPairingListenerFactory.userOfAdminPath(ResourceType.USER, null)).isNull();
        assertThat(Objects.requireNonNull(new BindingPairingListenerFactory()).isGlobal()).isTrue();
    }
}
