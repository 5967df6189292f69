package io.github.tweestap.sms;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.validation.Validation;

/**
 * Keycloak's username and password form, and after a correct password one check more: a temporary password sent by
 * SMS whose lifetime has ended ({@link TemporaryPasswordExpiry}) is refused like a wrong password (a failure for
 * brute-force detection, the user cleared), but with its own message on the login page: the temporary password has
 * expired, ask the service desk for a new one. A wrong password gets Keycloak's usual answer, so only someone who
 * knows the password learns that it expired.
 */
final class TemporaryPasswordForm extends UsernamePasswordForm {

    TemporaryPasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public boolean validatePassword(AuthenticationFlowContext context, UserModel user,
            MultivaluedMap<String, String> inputData, boolean clearUser) {
        if (!super.validatePassword(context, user, inputData, clearUser)) {
            return false;
        }
        if (!TemporaryPasswordExpiry.expired(context.getSession(), context.getRealm(), user)) {
            return true;
        }
        context.getAuthenticationSession().removeAuthNote(AuthenticationManager.PASSWORD_VALIDATED);
        context.getEvent().user(user).detail(SmsCodeAuthenticator.DETAIL_STEP, "temporary_password_expired")
                .error(TemporaryPasswordExpiry.ERROR);
        Response challenge = challenge(context, TemporaryPasswordExpiry.MESSAGE, Validation.FIELD_PASSWORD);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
        if (clearUser) {
            context.clearUser();
        }
        return false;
    }
}
