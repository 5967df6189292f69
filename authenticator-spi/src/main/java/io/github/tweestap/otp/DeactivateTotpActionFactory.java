package io.github.tweestap.otp;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.support.UnsupportedVersion;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

public final class DeactivateTotpActionFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "tweestap-deactivate-totp";

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.requiredAction();
        }
        return new DeactivateTotpAction();
    }




    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Tweestap: switch off the authenticator app (with a code)";
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return java.util.List.of(DeactivateTotpAction.MAX_ATTEMPTS.toProperty());
    }

    @Override
    public void validateConfig(org.keycloak.models.KeycloakSession session, org.keycloak.models.RealmModel realm,
            org.keycloak.models.RequiredActionConfigModel model) {
        String problem = DeactivateTotpAction.MAX_ATTEMPTS.problem(model.getConfig());
        if (problem != null) {
            throw new org.keycloak.userprofile.ValidationException(
                    new org.keycloak.validate.ValidationError(ID, "config", problem));
        }
    }
}
