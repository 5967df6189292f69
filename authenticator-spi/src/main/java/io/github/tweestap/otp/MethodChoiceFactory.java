package io.github.tweestap.otp;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.StepFactory;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public final class MethodChoiceFactory implements StepFactory {

    public static final String ID = "tweestap-method-choice";

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.authenticator();
        }
        return new MethodChoiceAuthenticator();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: choose the second factor";
    }

    @Override
    public String getHelpText() {
        return "Shows the second factors the realm offers; the choice is read by the 'Tweestap: chosen method'"
                + " condition of the sub-flows that follow.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return StepFactory.requiredOrDisabled();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().property().name(MethodChoiceAuthenticator.SETTING)
                .label("Methods offered").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(MethodChoiceAuthenticator.KNOWN).defaultValue("app##sms")
                .helpText("Second factors on the choice page, in this order: app (authenticator app), sms (SMS code)."
                        + " With one method the page is skipped.").add().build();
    }
}
