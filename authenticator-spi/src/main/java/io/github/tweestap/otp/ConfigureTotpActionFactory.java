package io.github.tweestap.otp;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

public final class ConfigureTotpActionFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "tweestap-configure-totp";

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.requiredAction();
        }
        return new ConfigureTotpAction();
    }




    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Tweestap: set up an authenticator app";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return TotpEnrollmentSettings.configProperties();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        List<String> problems = TotpEnrollmentSettings.problems(model.getConfig());
        if (!problems.isEmpty()) {
            throw new ValidationException(new ValidationError(ID, "config", String.join("; ", problems)));
        }
    }
}
