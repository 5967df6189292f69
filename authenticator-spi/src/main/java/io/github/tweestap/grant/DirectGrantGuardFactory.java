package io.github.tweestap.grant;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.StepFactory;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** "Tweestap: direct grant guard", for a realm's direct grant flow (see {@link DirectGrantGuard}). */
public final class DirectGrantGuardFactory implements StepFactory {

    public static final String ID = "tweestap-direct-grant-guard";
    static final String ALLOW_WITHOUT = "tweestap.directGrant.allowWithoutSecondFactor";

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.authenticator();
        }
        return new DirectGrantGuard();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: direct grant guard (second factor)";
    }

    @Override
    public String getHelpText() {
        return "For the direct grant flow (grant_type=password), right after 'Password'. Refuses, with its own"
                + " invalid_grant error, users whose second factor a direct grant cannot ask: a bound app (push), an"
                + " SMS code, an app still to be enrolled (on a page or by e-mail), no second factor yet (unless the"
                + " setting below allows that). Users with an authenticator app go on to Keycloak's 'OTP' step, which"
                + " the flow must contain (otherwise they are refused too).";
    }

    @Override
    public String getReferenceCategory() {
        // Not a credential check. A refusal (after a right password) ends the request without Keycloak's failure
        // handling, so it is not a brute-force failure; a wrong password failed in Keycloak's step before.
        return null;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return StepFactory.requiredOrDisabled();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().property().name(ALLOW_WITHOUT)
                .label("Users without a second factor may pass").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .helpText("Only for realms where a second factor is optional (the browser flow lets users without one"
                        + " in with their password). Off: a user who has no second factor yet is refused too.")
                .add().build();
    }
}
