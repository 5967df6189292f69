package io.github.tweestap.otp;

import io.github.tweestap.support.SimpleFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public final class MethodChoiceFactory implements AuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "tweestap-method-choice";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public Authenticator create(KeycloakSession session) {
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
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
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
