package io.github.tweestap.otp;

import io.github.tweestap.support.UserStepAuthenticator;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.MessageType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.CredentialValidation;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.utils.CredentialHelper;

/**
 * "AUTHENTICATOR APP" with enrollment by e-mail (seed 003). A user who has an app asks for its code (Keycloak's OTP
 * credential and rules). A user who has none gets, automatically, an e-mail with the account name, the key and the
 * QR code; the page asks for the code the app then shows. The pending key belongs to this login only (an auth
 * note), expires, is replaced (and so voided) by "Nieuwe code", and becomes a credential only after a correct code.
 */
public final class OtpEmailAuthenticator extends UserStepAuthenticator {

    static final String TEMPLATE = "tweestap-otp-email.ftl";
    static final String NOTE_SECRET = "tweestap.otp.email.secret";
    static final String NOTE_EXPIRES = "tweestap.otp.email.expiresAt";
    static final String NOTE_SENT = "tweestap.otp.email.sentAt";
    static final String FIELD = "totp";

    private static final Logger LOG = Logger.getLogger(OtpEmailAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (hasApp(context.getUser())) {
            context.challenge(form(context, false).createForm(TEMPLATE));
            return;
        }
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        if (auth.getAuthNote(NOTE_SECRET) != null && !expired(auth)) {
            context.challenge(form(context, true).createForm(TEMPLATE));
            return;
        }
        sendEnrollment(context, false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> params = context.getHttpRequest().getDecodedFormParameters();
        UserModel user = context.getUser();
        boolean enrolling = !hasApp(user);
        if (enrolling && params.containsKey("resend")) {
            sendEnrollment(context, true);
            return;
        }
        String code = params.getFirst(FIELD) == null ? "" : params.getFirst(FIELD).replaceAll("\\s", "");
        if (code.isEmpty()) {
            context.challenge(form(context, enrolling).addError(new FormMessage(FIELD, "tweestapOtpCodeMissing"))
                    .createForm(TEMPLATE));
            return;
        }
        String bruteForce = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForce != null) {
            context.getEvent().user(user).error(bruteForce);
            context.challenge(form(context, enrolling).addError(new FormMessage(FIELD, "tweestapOtpCodeInvalid"))
                    .createForm(TEMPLATE));
            return;
        }
        if (enrolling) {
            enroll(context, code);
        } else {
            login(context, code);
        }
    }

    private void login(AuthenticationFlowContext context, String code) {
        UserModel user = context.getUser();
        List<CredentialModel> credentials = user.credentialManager()
                .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
        boolean valid = credentials.stream().anyMatch(c -> user.credentialManager()
                .isValid(new UserCredentialModel(c.getId(), OTPCredentialModel.TYPE, code)));
        if (!valid) {
            wrongCode(context, false);
            return;
        }
        context.success(OTPCredentialModel.TYPE);
    }

    private void enroll(AuthenticationFlowContext context, String code) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        String secret = auth.getAuthNote(NOTE_SECRET);
        if (secret == null || expired(auth)) {
            auth.removeAuthNote(NOTE_SECRET);
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL_ERROR).user(context.getUser())
                    .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).error("tweestap_otp_enrollment_expired");
            context.challenge(form(context, true).addError(new FormMessage(FIELD, "tweestapOtpEnrollExpired"))
                    .createForm(TEMPLATE));
            return;
        }
        RealmModel realm = context.getRealm();
        OtpEmailSettings settings = settings(context);
        String label = ConfigureTotpAction.issuer(realm, settings.naming());
        OTPCredentialModel credential = OTPCredentialModel.createFromPolicy(realm, secret, label);
        if (!CredentialValidation.validOTP(code, credential, realm.getOTPPolicy().getLookAheadWindow())) {
            wrongCode(context, true);
            return;
        }
        try {
            CredentialHelper.createOTPCredential(context.getSession(), realm, context.getUser(), code, credential);
        } catch (ModelDuplicateException e) {
            credential = OTPCredentialModel.createFromPolicy(realm, secret, label + " (" + Time.currentTime() + ")");
            CredentialHelper.createOTPCredential(context.getSession(), realm, context.getUser(), code, credential);
        }
        UsedCodes.markUsed(context.getSession(), context.getUser(), realm.getOTPPolicy(), code);
        auth.removeAuthNote(NOTE_SECRET);
        auth.removeAuthNote(NOTE_EXPIRES);
        auth.removeAuthNote(NOTE_SENT);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(context.getUser())
                .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).detail("tweestap_method", "totp_email").success();
        context.success(OTPCredentialModel.TYPE);
    }

    private void wrongCode(AuthenticationFlowContext context, boolean enrolling) {
        context.getEvent().user(context.getUser()).detail("tweestap_method", enrolling ? "totp_email" : "totp")
                .error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, enrolling)
                .addError(new FormMessage(FIELD, "tweestapOtpCodeInvalid")).createForm(TEMPLATE));
    }

    private void sendEnrollment(AuthenticationFlowContext context, boolean requested) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        OtpEmailSettings settings = settings(context);
        long now = Time.currentTimeMillis();
        long lastSent = parse(auth.getAuthNote(NOTE_SENT));
        if (requested && lastSent > 0 && now < lastSent + settings.resendCooldownSeconds() * 1000L) {
            long wait = Math.max(1, (lastSent + settings.resendCooldownSeconds() * 1000L - now + 999) / 1000);
            context.challenge(form(context, true).setMessage(MessageType.WARNING, "tweestapOtpResendWait", wait)
                    .createForm(TEMPLATE));
            return;
        }
        UserModel user = context.getUser();
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            context.challenge(form(context, true).setError("tweestapOtpNoEmail").createForm(TEMPLATE));
            return;
        }
        if (!user.isEmailVerified()) {
            // The key must not go to an address nobody confirmed (a typo would hand it to a stranger).
            context.challenge(form(context, true).setError("tweestapOtpEmailUnverified").createForm(TEMPLATE));
            return;
        }
        io.github.tweestap.support.SlotQuota quota = new io.github.tweestap.support.SlotQuota(
                context.getSession().getProvider(org.keycloak.models.SingleUseObjectProvider.class));
        if (!quota.tryAcquire("otp.mail", context.getRealm().getId() + "|" + user.getId(), settings.mailsPerHour(), 3600,
                Time.currentTime())) {
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL_ERROR).user(user)
                    .detail("tweestap_method", "totp_email").detail("tweestap_quota", "user")
                    .error("tweestap_otp_mail_quota_exceeded");
            context.challenge(form(context, true).setError("tweestapOtpMailQuota").createForm(TEMPLATE));
            return;
        }
        RealmModel realm = context.getRealm();
        String secret = HmacOTP.generateSecret(20);
        String issuer = ConfigureTotpAction.issuer(realm, settings.naming());
        String account = ConfigureTotpAction.account(user, settings.naming());
        try {
            EnrollmentMail.send(context.getSession(), realm, user, issuer, account,
                    OtpKeyUri.of(realm.getOTPPolicy(), issuer, account, secret), OtpKeyUri.manualKey(secret),
                    Math.max(1, settings.pendingTtlSeconds() / 60));
        } catch (EnrollmentMail.MailException e) {
            LOG.warnf("enrollment e-mail for user %s could not be sent: %s", user.getId(), e.getMessage());
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL_ERROR).user(user)
                    .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).detail("tweestap_method", "totp_email")
                    .detail("tweestap_step", "enrollment_mail_sent").error("tweestap_otp_mail_failed");
            context.challenge(form(context, true).setError("tweestapOtpMailFailed").createForm(TEMPLATE));
            return;
        }
        // Replacing the note voids any key sent earlier in this login.
        auth.setAuthNote(NOTE_SECRET, secret);
        auth.setAuthNote(NOTE_EXPIRES, Long.toString(now + settings.pendingTtlSeconds() * 1000L));
        auth.setAuthNote(NOTE_SENT, Long.toString(now));
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                .detail("custom_required_action", OtpEmailAuthenticatorFactory.ID).detail("tweestap_method", "totp_email")
                .detail("tweestap_step", "enrollment_mail_sent").success();
        context.challenge(form(context, true).setMessage(MessageType.INFO, "tweestapOtpMailSent", mask(user.getEmail()))
                .createForm(TEMPLATE));
    }

    private LoginFormsProvider form(AuthenticationFlowContext context, boolean enrolling) {
        return context.form().setAttribute("tweestapOtpEmail", new Bean(enrolling,
                enrolling && context.getUser().getEmail() != null ? mask(context.getUser().getEmail()) : null));
    }

    static String mask(String email) {
        int at = email.indexOf('@');
        if (at <= 1) {
            return "***" + email.substring(Math.max(at, 0));
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    private static boolean expired(AuthenticationSessionModel auth) {
        return Time.currentTimeMillis() >= parse(auth.getAuthNote(NOTE_EXPIRES));
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean hasApp(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).findAny().isPresent();
    }

    private static OtpEmailSettings settings(AuthenticationFlowContext context) {
        Map<String, String> config = context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig();
        return OtpEmailSettings.from(config);
    }





    /** What the template sees as {@code tweestapOtpEmail}. */
    public static final class Bean {
        private final boolean enrolling;
        private final String maskedEmail;

        Bean(boolean enrolling, String maskedEmail) {
            this.enrolling = enrolling;
            this.maskedEmail = maskedEmail;
        }

        public boolean isEnrolling() {
            return enrolling;
        }

        public String getMaskedEmail() {
            return maskedEmail;
        }
    }
}
