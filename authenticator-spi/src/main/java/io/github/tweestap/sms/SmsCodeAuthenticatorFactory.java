package io.github.tweestap.sms;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.StepFactory;
import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

public final class SmsCodeAuthenticatorFactory implements StepFactory {

    public static final String ID = "tweestap-sms-code";

    private SecureCodes codes;

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.authenticator();
        }
        return new SmsCodeAuthenticator(codes);
    }

    @Override
    public void init(Config.Scope config) {
        codes = SecureCodes.create();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: SMS code";
    }

    @Override
    public String getHelpText() {
        return "Sends a one-time code by SMS to the user's mobile number (attribute phoneNumber) and asks for it."
                + " Wrong codes count for brute-force detection.";
    }

    /** Counted by Keycloak's brute-force detector, like the OTP form. */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new java.util.ArrayList<>(SmsCodeSettings.configProperties());
        properties.addAll(SmsPolicySettings.configProperties());
        return properties;
    }
}
