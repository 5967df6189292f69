package io.github.tweestap.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;

class DeviceCredentialProviderTest {

    private final DeviceCredentialProvider provider = new DeviceCredentialProvider(mock(KeycloakSession.class));

    private static CredentialModel binding(String label, Map<String, Object> data) {
        CredentialModel model = new CredentialModel();
        model.setId("c1");
        model.setType(Devices.TYPE);
        model.setUserLabel(label);
        model.setCreatedDate(1_700_000_000_000L);
        model.setSecretData("{}");
        model.setCredentialData(Devices.write(data));
        return model;
    }

    @Test
    void theConsolesSeeTheStateButNoKeyMaterialAndTheStoredCredentialStaysAsItWas() {
        CredentialModel stored = binding("Testtelefoon", Map.of("status", "active", "activatedAt", "1700000100",
                "lastUsedAt", "1700000200", "jwk", Map.of("x", "abc", "y", "def"), "pushEndpoint", "https://push.example/x",
                "pushAuth", "secret-auth", "pushP256dh", "secret-key", "enrollJti", "jti-1", "otpCredentialId", "o1"));
        String before = stored.getCredentialData();

        CredentialModel shown = provider.getCredentialForPresentationFromModel(stored);

        assertThat(shown).isNotSameAs(stored);
        assertThat(shown.getUserLabel()).isEqualTo("Testtelefoon");
        assertThat(shown.getSecretData()).isNull();
        Map<String, Object> data = Devices.read(shown.getCredentialData());
        assertThat(data).containsEntry("status", "active").containsEntry("boundAt", "2023-11-14T22:15:00Z")
                .containsEntry("lastUsedAt", "2023-11-14T22:16:40Z").containsEntry("pushNotifications", true);
        assertThat(data.keySet()).doesNotContainAnyElementsOf(
                Set.of("jwk", "pushEndpoint", "pushAuth", "pushP256dh", "enrollJti", "otpCredentialId"));
        assertThat(stored.getCredentialData()).isEqualTo(before);
        assertThat(stored.getSecretData()).isEqualTo("{}");
    }

    @Test
    void aPendingBindingIsShownUnderThePhonesNameWithoutPush() {
        CredentialModel pending = binding(null, Map.of("status", "pending", "name", "Nieuwe telefoon", "pushEndpoint", ""));

        CredentialModel shown = provider.getCredentialForPresentationFromModel(pending);

        assertThat(shown.getUserLabel()).isEqualTo("Nieuwe telefoon");
        assertThat(Devices.read(shown.getCredentialData())).containsEntry("status", "pending")
                .containsEntry("pushNotifications", false).doesNotContainKey("boundAt");
    }

    @Test
    void thePushStepNamesTheBindingOnlyAsAnOptionalCategoryAndStillCountsAsOtp() {
        PushOrCodeAuthenticatorFactory factory = new PushOrCodeAuthenticatorFactory();
        assertThat(factory.getReferenceCategory()).isEqualTo("otp");
        assertThat(factory.getOptionalReferenceCategories(mock(KeycloakSession.class))).containsExactly(Devices.TYPE);
    }
}
