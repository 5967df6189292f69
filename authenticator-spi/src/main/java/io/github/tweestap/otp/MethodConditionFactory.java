package io.github.tweestap.otp;

import io.github.tweestap.support.SimpleFactory;
import org.keycloak.authentication.Authenticator;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Condition "Tweestap: chosen method": true when the user chose this sub-flow's method on the choice page. */
public final class MethodConditionFactory implements ConditionalAuthenticatorFactory, SimpleFactory<Authenticator> {

    public static final String ID = "tweestap-condition-method";
    static final String SETTING = "tweestap.method";

    private static final ConditionalAuthenticator CONDITION = new ConditionalAuthenticator() {
        @Override
        public boolean matchCondition(AuthenticationFlowContext context) {
            String wanted = context.getAuthenticatorConfig() == null ? null
                    : context.getAuthenticatorConfig().getConfig().get(SETTING);
            String chosen = context.getAuthenticationSession().getAuthNote(MethodChoiceAuthenticator.NOTE);
            return wanted != null && wanted.equals(chosen);
        }

        @Override
        public void action(AuthenticationFlowContext context) {
        }

        @Override
        public boolean requiresUser() {
            return false;
        }

        @Override
        public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public ConditionalAuthenticator getSingleton() {
        return CONDITION;
    }




    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: chosen method";
    }

    @Override
    public String getHelpText() {
        return "Matches when the user chose this method on the 'Tweestap: choose the second factor' page.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().property().name(SETTING).label("Method")
                .type(ProviderConfigProperty.LIST_TYPE).options(MethodChoiceAuthenticator.KNOWN).defaultValue("app")
                .helpText("The method of this sub-flow: app or sms.").add().build();
    }
}
