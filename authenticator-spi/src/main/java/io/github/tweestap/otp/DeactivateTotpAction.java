package io.github.tweestap.otp;

import io.github.tweestap.support.KeycloakCompat;
import java.util.List;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Application-initiated action {@code tweestap-deactivate-totp} (seed 004): switching two-step verification off
 * always takes a current code from the app, whatever the realm's step-up settings. A valid code removes every OTP
 * credential of the user; wrong codes are limited per login and refused while the user is locked out.
 */
public final class DeactivateTotpAction implements RequiredActionProvider {

    static final String TEMPLATE = "tweestap-deactivate-totp.ftl";
    static final String NOTE_ATTEMPTS = "tweestap.otp.deactivate.attempts";
    static final io.github.tweestap.support.IntSetting MAX_ATTEMPTS = new io.github.tweestap.support.IntSetting(
            "tweestap.otp.deactivateMaxAttempts", "Wrong codes per visit",
            "Wrong codes after which switching off is refused for this visit (each also counts for brute-force"
                    + " detection).", 5, 1, 20);

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(context.form().setAttribute("tweestapDeactivate", new Bean(active(context.getUser())))
                .createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (!active(user)) {
            context.success();
            return;
        }
        String code = context.getHttpRequest().getDecodedFormParameters().getFirst("totp");
        code = code == null ? "" : code.replaceAll("\\s", "");
        if (code.isEmpty()) {
            error(context, "tweestapOtpCodeMissing");
            return;
        }
        int attempts = attempts(context) + 1;
        context.getAuthenticationSession().setAuthNote(NOTE_ATTEMPTS, Integer.toString(attempts));
        if (attempts > MAX_ATTEMPTS.read(context.getConfig() == null ? null : context.getConfig().getConfig())) {
            context.getEvent().clone().event(EventType.REMOVE_CREDENTIAL_ERROR).user(user)
                    .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).error("tweestap_otp_too_many_attempts");
            error(context, "tweestapOtpDeactivateTooMany");
            return;
        }
        BruteForceProtector protector = context.getSession().getProvider(BruteForceProtector.class);
        boolean locked = AuthenticatorUtils.getDisabledByBruteForceEventError(protector, context.getSession(),
                context.getRealm(), user) != null;
        List<CredentialModel> credentials = user.credentialManager()
                .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
        String typed = code;
        boolean valid = !locked && credentials.stream().anyMatch(c -> user.credentialManager()
                .isValid(new UserCredentialModel(c.getId(), OTPCredentialModel.TYPE, typed)));
        if (!valid) {
            context.getEvent().clone().event(EventType.REMOVE_CREDENTIAL_ERROR).user(user)
                    .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).error(Errors.INVALID_USER_CREDENTIALS);
            if (!locked) {
                KeycloakCompat.failedLogin(protector, context.getRealm(), user, context.getConnection(),
                        context.getUriInfo(), java.util.Set.of(OTPCredentialModel.TYPE));
            }
            error(context, "tweestapOtpCodeInvalid");
            return;
        }
        for (CredentialModel credential : credentials) {
            user.credentialManager().removeStoredCredentialById(credential.getId());
        }
        context.getAuthenticationSession().removeAuthNote(NOTE_ATTEMPTS);
        // One event (Keycloak's "email" listener mails the user about it); not also the deprecated REMOVE_TOTP,
        // which would send a second e-mail.
        context.getEvent().clone().event(EventType.REMOVE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).detail("tweestap_method", "totp").success();
        context.success();
    }

    private void error(RequiredActionContext context, String key) {
        context.challenge(context.form().setAttribute("tweestapDeactivate", new Bean(true))
                .addError(new FormMessage("totp", key)).createForm(TEMPLATE));
    }

    private static int attempts(RequiredActionContext context) {
        try {
            String note = context.getAuthenticationSession().getAuthNote(NOTE_ATTEMPTS);
            return note == null ? 0 : Integer.parseInt(note);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE - 1;
        }
    }

    static boolean active(UserModel user) {
        return user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE)
                || user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).findAny().isPresent();
    }

    @Override
    public void close() {
    }

    /** What the template sees as {@code tweestapDeactivate}. */
    public static final class Bean {
        private final boolean active;
        private final boolean activationRefused;

        Bean(boolean active) {
            this(active, false);
        }

        Bean(boolean active, boolean activationRefused) {
            this.active = active;
            this.activationRefused = activationRefused;
        }

        public boolean isActive() {
            return active;
        }

        /** Shown by the activation action to a user who already has an app. */
        public boolean isActivationRefused() {
            return activationRefused;
        }
    }
}
