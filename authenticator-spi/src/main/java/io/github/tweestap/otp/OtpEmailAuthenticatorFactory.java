package io.github.tweestap.otp;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.StepFactory;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

public final class OtpEmailAuthenticatorFactory implements StepFactory {

    public static final String ID = "tweestap-otp-email";

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.authenticator();
        }
        return new OtpEmailAuthenticator();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: authenticator app, enrolled by e-mail";
    }

    @Override
    public String getHelpText() {
        return "Asks the code of the user's authenticator app; a user without one first receives an e-mail with the"
                + " account name, key and QR code (seed 003).";
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return OtpEmailSettings.configProperties();
    }
}
