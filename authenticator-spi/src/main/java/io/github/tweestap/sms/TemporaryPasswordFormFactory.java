package io.github.tweestap.sms;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.UnsupportedVersion;
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
            return UnsupportedVersion.authenticator();
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
