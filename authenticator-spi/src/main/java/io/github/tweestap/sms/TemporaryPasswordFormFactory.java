package io.github.tweestap.sms;

import io.github.tweestap.support.KeycloakVersion;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/**
 * "Tweestap: username password form (temporary password expiry)": Keycloak's "Username Password Form" that also
 * refuses an expired temporary password sent by SMS ({@link TemporaryPasswordForm}). Use it in a browser flow in
 * place of Keycloak's form wherever the service desk sends temporary passwords by SMS.
 */
public final class TemporaryPasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String ID = "tweestap-username-password-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            // On a Keycloak the pack does not support, this step is Keycloak's own form (no expiry check), so that the
            // login page still opens and the pack's later steps show the refusal page in the person's language (as
            // with Keycloak's form before this step existed); a temporary password still leads to Keycloak's
            // new-password page. Refusing here would leave people on a refusal page before they could even log in.
            return super.create(session);
        }
        return new TemporaryPasswordForm(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: username password form (temporary password expiry)";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's 'Username Password Form', which also refuses a temporary password sent by SMS once its"
                + " lifetime (SMS policy 'Temporary password lifetime') has ended, with a message to ask the service"
                + " desk for a new one. A wrong password gets the usual answer.";
    }
}
