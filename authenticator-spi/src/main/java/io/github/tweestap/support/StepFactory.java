package io.github.tweestap.support;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

/**
 * A configurable login step of the pack: a realm admin may make it required, alternative or disabled, and it never
 * sets a credential up on its own (each step handles a missing setup on its own page).
 */
public interface StepFactory extends AuthenticatorFactory, SimpleFactory<Authenticator> {

    @Override
    default boolean isConfigurable() {
        return true;
    }

    @Override
    default boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    default Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    /** For steps that only make sense as required (or switched off). */
    static Requirement[] requiredOrDisabled() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }
}
