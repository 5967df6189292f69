package io.github.tweestap.account;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.UnsupportedVersion;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.resetcred.ResetCredentialChooseUser;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;

/**
 * Keycloak's "Choose User" of the reset-credentials flow, plus one answer of its own: input longer than any username
 * or e-mail address can be (255 characters) gets "too long" on the form, where Keycloak's step would look for the
 * user, find none and claim an e-mail was sent. Everything else is Keycloak's step unchanged.
 */
public final class ResetChooseUser extends ResetCredentialChooseUser {

    public static final String ID = "tweestap-reset-choose-user";
    static final int MAX_LENGTH = 255;

    @Override
    public void action(AuthenticationFlowContext context) {
        String username = context.getHttpRequest().getDecodedFormParameters().getFirst("username");
        if (username != null && username.trim().length() > MAX_LENGTH) {
            context.getEvent().detail("tweestap_reason", "too_long").error("tweestap_username_too_long");
            Response challenge = context.form()
                    .addError(new FormMessage("username", "tweestapResetUsernameTooLong"))
                    .createPasswordReset();
            context.failureChallenge(AuthenticationFlowError.INVALID_USER, challenge);
            return;
        }
        super.action(context);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.authenticator();
        }
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: choose user (reset)";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's 'Choose User' for the reset-credentials flow, which also tells a person who typed more than"
                + " 255 characters that the input is too long (Keycloak's own step claims an e-mail was sent).";
    }
}
