package io.github.tweestap.grant;

import io.github.tweestap.device.Devices;
import io.github.tweestap.sms.TemporaryPasswordExpiry;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.UserStepAuthenticator;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The direct-grant guard ({@value DirectGrantGuardFactory#ID}): in a direct grant ({@code grant_type=password}) only
 * the password and Keycloak's own OTP step can be checked. A user whose second factor is something else (a bound app,
 * an SMS code, an authenticator app still to be enrolled, by e-mail or on a page) is refused here, with an OAuth error
 * of its own; a user with an authenticator app goes on to Keycloak's direct-grant OTP step, which the flow must have
 * (fail closed). Put it right after Keycloak's password step: it says nothing before the password was right, so a
 * wrong password gets Keycloak's usual answer and counts for brute-force detection as always. A refusal itself is not
 * counted (the password was right) and gives every refused user the same answer, whatever their factor. A temporary
 * password by SMS whose lifetime has ended ({@link TemporaryPasswordExpiry}) is refused first, with its own message.
 */
final class DirectGrantGuard extends UserStepAuthenticator {

    private static final Logger LOG = Logger.getLogger(DirectGrantGuard.class);

    static final String PASSWORD_STEP = "direct-grant-validate-password";
    static final String OTP_STEP = "direct-grant-validate-otp";
    static final String ERROR = "tweestap_direct_grant_refused";
    static final String MESSAGE = "tweestapDirectGrantRefused";

    /** The second factor the browser login would ask this user for, as far as a direct grant can tell. */
    enum Factor {
        /** A bound companion app (push or its code, checked only against the binding). */
        PUSH,
        /** Keycloak's authenticator-app credential: the direct grant's OTP step can ask for it. */
        TOTP,
        /** A verified mobile number and no app: an SMS code, which a direct grant cannot send and ask. */
        SMS,
        /** Nothing set up yet (the app is still to be enrolled, on a page or by e-mail). */
        NONE
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        List<AuthenticationExecutionModel> steps = enabledSteps(context.getRealm(), context.getTopLevelFlow().getId());
        if (!passwordChecked(context.getAuthenticationSession(), steps)) {
            // Misplaced (before the password, or in a flow without one): answering per user would tell strangers
            // who has which factor. Refuse as Keycloak refuses a wrong password.
            LOG.warnf("realm %s: the step %s must follow %s in the direct grant flow; refusing every direct grant",
                    context.getRealm().getName(), DirectGrantGuardFactory.ID, PASSWORD_STEP);
            context.getEvent().user(user).detail("tweestap_reason", "password_not_checked").error(ERROR);
            context.forceChallenge(error("Invalid user credentials"));
            return;
        }
        if (TemporaryPasswordExpiry.expired(context.getSession(), context.getRealm(), user)) {
            // The right password, but a temporary one by SMS whose lifetime ended: no token, and the person's own
            // message (only someone who knows the password gets here).
            context.getEvent().user(user).detail("tweestap_reason", "temporary_password_expired")
                    .error(TemporaryPasswordExpiry.ERROR);
            context.forceChallenge(error(LocalizedMessages.forUser(context.getSession(), context.getRealm(), user)
                    .get(TemporaryPasswordExpiry.MESSAGE)));
            return;
        }
        Factor factor = factorOf(user);
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        boolean allowWithout = config != null && config.getConfig() != null
                && "true".equalsIgnoreCase(config.getConfig().get(DirectGrantGuardFactory.ALLOW_WITHOUT));
        String refusal = refusal(factor, steps.stream().anyMatch(s -> OTP_STEP.equals(s.getAuthenticator())),
                allowWithout);
        if (refusal == null) {
            context.success();
            return;
        }
        if ("no_otp_step".equals(refusal)) {
            LOG.warnf("realm %s: a direct grant flow with %s has no enabled %s; users with an authenticator app are"
                    + " refused", context.getRealm().getName(), DirectGrantGuardFactory.ID, OTP_STEP);
        }
        context.getEvent().user(user).detail("tweestap_method", factor.name().toLowerCase(Locale.ROOT))
                .detail("tweestap_reason", refusal).error(ERROR);
        String description = LocalizedMessages.forUser(context.getSession(), context.getRealm(), user).get(MESSAGE);
        context.forceChallenge(error(description));
    }

    /**
     * Why the user may not have a token with what a direct grant can check, or null when they may go on (to the OTP
     * step, for a user with an app).
     */
    static String refusal(Factor factor, boolean otpStepInFlow, boolean allowWithoutSecondFactor) {
        return switch (factor) {
            case TOTP -> otpStepInFlow ? null : "no_otp_step";
            case NONE -> allowWithoutSecondFactor ? null : "no_second_factor";
            case PUSH, SMS -> "second_factor_not_in_direct_grant";
        };
    }

    static Factor factorOf(UserModel user) {
        if (user.credentialManager().getStoredCredentialsByTypeStream(Devices.TYPE).findAny().isPresent()) {
            return Factor.PUSH;
        }
        if (user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).findAny().isPresent()) {
            return Factor.TOTP;
        }
        String verified = user.getFirstAttribute(VerifiedPhone.ATTRIBUTE);
        return verified != null && !verified.isBlank() ? Factor.SMS : Factor.NONE;
    }

    private static boolean passwordChecked(AuthenticationSessionModel auth, List<AuthenticationExecutionModel> steps) {
        Map<String, AuthenticationSessionModel.ExecutionStatus> status = auth.getExecutionStatus();
        return steps.stream().filter(s -> PASSWORD_STEP.equals(s.getAuthenticator()))
                .anyMatch(s -> status.get(s.getId()) == AuthenticationSessionModel.ExecutionStatus.SUCCESS);
    }

    /** Every execution of the flow and its sub-flows that is not disabled. */
    static List<AuthenticationExecutionModel> enabledSteps(RealmModel realm, String flowId) {
        List<AuthenticationExecutionModel> steps = new ArrayList<>();
        collect(realm, flowId, steps, 0);
        return steps;
    }

    private static void collect(RealmModel realm, String flowId, List<AuthenticationExecutionModel> steps, int depth) {
        if (depth > 20) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .forEach(e -> {
                    steps.add(e);
                    if (e.isAuthenticatorFlow()) {
                        collect(realm, e.getFlowId(), steps, depth + 1);
                    }
                });
    }

    private static Response error(String description) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(new OAuth2ErrorRepresentation("invalid_grant", description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // A direct grant is a single request: there is no form to post back.
    }
}
