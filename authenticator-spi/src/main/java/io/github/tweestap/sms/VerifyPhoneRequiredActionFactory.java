package io.github.tweestap.sms;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

public final class VerifyPhoneRequiredActionFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "tweestap-verify-phone";

    private SecureCodes codes;

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.requiredAction();
        }
        return new VerifyPhoneRequiredAction(codes);
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
    public String getDisplayText() {
        return "Tweestap: verify mobile number";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(SmsCodeSettings.configProperties());
        properties.addAll(SmsPolicySettings.configProperties());
        return properties;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        List<String> problems = new ArrayList<>(SmsCodeSettings.problems(model.getConfig()));
        problems.addAll(SmsPolicySettings.problems(model.getConfig()));
        if (!problems.isEmpty()) {
            throw new ValidationException(new ValidationError(ID, "config", String.join("; ", problems)));
        }
    }
}
