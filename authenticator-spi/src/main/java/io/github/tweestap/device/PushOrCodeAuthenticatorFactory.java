package io.github.tweestap.device;

import io.github.tweestap.support.StepFactory;
import io.github.tweestap.sms.SmsCodeSettings;
import io.github.tweestap.sms.SmsPolicySettings;
import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Push-or-code with the companion app (seed 001): "Logt u in?" on the bound phone with a number to match, or the
 * 6-digit code from the same app; users without a bound app log in with an SMS code and are offered the binding.
 */
public final class PushOrCodeAuthenticatorFactory implements StepFactory {

    public static final String ID = "tweestap-push";

    private final SecureCodes codes = SecureCodes.create();

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.authenticator();
        }
        return new PushOrCodeAuthenticator(DeviceRuntime.of(session), codes);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: push or code (companion app)";
    }

    @Override
    public String getHelpText() {
        return "After the password: a push 'Logt u in?' to the user's bound companion app with a number to match,"
                + " or the 6-digit code from the same app. Users without a bound app get an SMS code and the QR code"
                + " to bind the app. Wrong codes, denied pushes and wrong numbers count for brute-force detection.";
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    /**
     * The app binding as an optional category: Keycloak's account console lists only credential types that some flow
     * step names, and this one names {@value Devices#TYPE} besides {@code otp}. Optional categories count neither for
     * brute-force detection (which takes {@link #getReferenceCategory()} alone: failures stay {@code otp}) nor for the
     * level of authentication.
     */
    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(Devices.TYPE);
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(DeviceSettings.configProperties());
        properties.addAll(SmsCodeSettings.configProperties());
        properties.addAll(SmsPolicySettings.configProperties());
        return properties;
    }
}
