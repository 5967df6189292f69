package io.github.tweestap.sms;

import io.github.tweestap.support.CodeHasher;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.SecureCodes;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.MessageType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Second factor by SMS: sends a one-time code to the user's mobile number and verifies it.
 *
 * <p>The code is drawn from a CSPRNG; only its keyed hash lives in the authentication session (cluster-wide), and
 * it is compared in constant time. A code expires, is void after a number of wrong entries, and a new one can be
 * requested only after a cooldown. Every wrong entry is a {@code failureChallenge} with reference category
 * {@code otp}, so the realm's brute-force detection counts it; success is recorded as an OTP credential so the
 * counters reset.
 */
public final class SmsCodeAuthenticator implements Authenticator {

    static final String FIELD_CODE = "code";
    static final String FIELD_RESEND = "resend";
    static final String TEMPLATE = "tweestap-sms-code.ftl";
    static final String METHOD = "sms";

    /** Event details (Keycloak events), so admins can audit and alert on each step. */
    static final String DETAIL_METHOD = "tweestap_method";
    static final String DETAIL_STEP = "tweestap_step";
    static final String DETAIL_REASON = "tweestap_reason";
    static final String DETAIL_PHONE = "tweestap_phone";

    private static final Logger LOG = Logger.getLogger(SmsCodeAuthenticator.class);

    private final SecureCodes codes;

    SmsCodeAuthenticator(SecureCodes codes) {
        this.codes = codes;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SmsCodeSettings settings = settings(context);
        String phone = PhoneNumbers.of(context.getUser());
        if (phone == null) {
            noPhone(context);
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PendingSmsCode pending = PendingSmsCode.read(authSession);
        long now = Time.currentTimeMillis();
        if (pending != null && !pending.expired(now) && !pending.exhausted(settings.maxAttempts())) {
            // A reload of the page: the code already sent is still good, send nothing.
            context.challenge(form(context, settings, phone).createForm(TEMPLATE));
            return;
        }
        sendUnlessTooSoon(context, settings, phone, false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        SmsCodeSettings settings = settings(context);
        UserModel user = context.getUser();
        String phone = PhoneNumbers.of(user);
        if (phone == null) {
            noPhone(context);
            return;
        }
        MultivaluedMap<String, String> params = context.getHttpRequest().getDecodedFormParameters();
        if (params.containsKey(FIELD_RESEND)) {
            sendUnlessTooSoon(context, settings, phone, true);
            return;
        }

        String typed = SecureCodes.normaliseTyped(params.getFirst(FIELD_CODE));
        if (typed == null) {
            context.challenge(form(context, settings, phone)
                    .addError(new FormMessage(FIELD_CODE, "tweestapSmsCodeMissing")).createForm(TEMPLATE));
            return;
        }
        if (!SecureCodes.isDigits(typed, settings.codeLength())) {
            context.challenge(form(context, settings, phone)
                    .addError(new FormMessage(FIELD_CODE, "tweestapSmsCodeFormat", settings.codeLength()))
                    .createForm(TEMPLATE));
            return;
        }

        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForceError != null) {
            // Keycloak does not reveal a lockout: the same answer as a wrong code, and nothing is verified.
            context.getEvent().user(user).detail(DETAIL_METHOD, METHOD).error(bruteForceError);
            context.challenge(form(context, settings, phone)
                    .addError(new FormMessage(FIELD_CODE, "tweestapSmsCodeInvalid")).createForm(TEMPLATE));
            return;
        }

        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PendingSmsCode pending = PendingSmsCode.read(authSession);
        long now = Time.currentTimeMillis();
        if (pending == null) {
            context.challenge(form(context, settings, phone)
                    .addError(new FormMessage(FIELD_CODE, "tweestapSmsCodeNone")).createForm(TEMPLATE));
            return;
        }
        if (pending.exhausted(settings.maxAttempts())) {
            PendingSmsCode.voidCode(authSession);
            errorEvent(context, "tweestap_sms_code_void", "attempts_exhausted");
            context.challenge(form(context, settings, phone)
                    .addError(new FormMessage(FIELD_CODE, "tweestapSmsCodeExhausted")).createForm(TEMPLATE));
            return;
        }
        if (pending.expired(now)) {
            PendingSmsCode.voidCode(authSession);
            errorEvent(context, "tweestap_sms_code_expired", "expired");
            context.challenge(form(context, settings, phone)
                    .addError(new FormMessage(FIELD_CODE, "tweestapSmsCodeExpired")).createForm(TEMPLATE));
            return;
        }

        int attempts = pending.attempts() + 1;
        PendingSmsCode.recordAttempts(authSession, attempts);
        CodeHasher hasher = hasher(context);
        boolean valid = hasher.matches(CodeHasher.decodeSalt(pending.salt()), hashContext(authSession), typed,
                pending.hash());
        if (valid) {
            PendingSmsCode.clear(authSession);
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                    .detail(DETAIL_METHOD, METHOD).detail(DETAIL_STEP, "code_verified")
                    .detail(DETAIL_PHONE, PhoneNumbers.masked(phone)).success();
            context.success(OTPCredentialModel.TYPE);
            return;
        }

        int left = settings.maxAttempts() - attempts;
        if (left <= 0) {
            PendingSmsCode.voidCode(authSession);
        }
        context.getEvent().user(user).detail(DETAIL_METHOD, METHOD).detail(DETAIL_STEP, "code_checked")
                .detail(DETAIL_REASON, left <= 0 ? "wrong_code_last_attempt" : "wrong_code")
                .error(Errors.INVALID_USER_CREDENTIALS);
        FormMessage message = left <= 0 ? new FormMessage(FIELD_CODE, "tweestapSmsCodeExhausted")
                : new FormMessage(FIELD_CODE, "tweestapSmsCodeInvalidAttemptsLeft", left);
        Response challenge = form(context, settings, phone).addError(message).createForm(TEMPLATE);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
    }

    /**
     * Sends a new code, or, inside the resend cooldown, sends nothing and says how long to wait.
     *
     * @param requested true when the user asked for a new code (a refusal is then an audited event)
     */
    private void sendUnlessTooSoon(AuthenticationFlowContext context, SmsCodeSettings settings, String phone,
            boolean requested) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long now = Time.currentTimeMillis();
        if (!cooldownPassed(authSession, settings, now)) {
            if (requested) {
                errorEvent(context, "tweestap_sms_resend_too_soon", "cooldown");
            }
            context.challenge(form(context, settings, phone)
                    .setMessage(MessageType.WARNING, "tweestapSmsResendWait", secondsLeft(authSession, settings, now))
                    .createForm(TEMPLATE));
            return;
        }
        LoginFormsProvider form = sendCode(context, settings, phone);
        context.challenge(form.createForm(TEMPLATE));
    }

    /** Sends a fresh code (voiding any previous one) and returns the form to show, with the outcome as message. */
    private LoginFormsProvider sendCode(AuthenticationFlowContext context, SmsCodeSettings settings, String phone) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long now = Time.currentTimeMillis();

        String code = codes.numeric(settings.codeLength());
        byte[] salt = codes.bytes(16);
        String hash = hasher(context).hash(salt, hashContext(authSession), code);
        new PendingSmsCode(hash, CodeHasher.encodeSalt(salt), now + settings.ttlSeconds() * 1000L, 0, now)
                .write(authSession);

        LocalizedMessages messages = LocalizedMessages.forUser(session, realm, user);
        int minutes = Math.max(1, (settings.ttlSeconds() + 59) / 60);
        String body = messages.get("tweestapSmsBody", code, minutes, realm.getDisplayName() != null
                ? realm.getDisplayName() : realm.getName());
        SmsMessage message = new SmsMessage(realm.getName(), phone, body, List.of(code));
        SmsSenderProvider sender = session.getProvider(SmsSenderProvider.class);
        try {
            if (sender == null) {
                throw new SmsException("no SMS sender provider is available");
            }
            sender.send(message);
        } catch (SmsException | RuntimeException e) {
            PendingSmsCode.voidCode(authSession);
            LOG.warnf("SMS to %s could not be sent: %s", PhoneNumbers.masked(phone), e.getMessage());
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).user(user)
                    .detail(DETAIL_METHOD, METHOD).detail(DETAIL_STEP, "code_sent")
                    .detail(DETAIL_PHONE, PhoneNumbers.masked(phone)).error("tweestap_sms_send_failed");
            return form(context, settings, phone).setError("tweestapSmsSendFailed");
        }
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                .detail(DETAIL_METHOD, METHOD).detail(DETAIL_STEP, "code_sent")
                .detail(DETAIL_PHONE, PhoneNumbers.masked(phone)).success();
        return form(context, settings, phone).setMessage(MessageType.INFO, "tweestapSmsSent", PhoneNumbers.masked(phone));
    }

    private void noPhone(AuthenticationFlowContext context) {
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).user(context.getUser())
                .detail(DETAIL_METHOD, METHOD).detail(DETAIL_STEP, "code_sent").error("tweestap_sms_no_phone");
        context.challenge(context.form().setAttribute("tweestapSms", new SmsCodeBean(null, 0, false))
                .setError("tweestapSmsNoPhone").createForm(TEMPLATE));
    }

    private void errorEvent(AuthenticationFlowContext context, String error, String reason) {
        EventBuilder event = context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                .user(context.getUser()).detail(DETAIL_METHOD, METHOD).detail(DETAIL_REASON, reason);
        event.error(error);
    }

    private LoginFormsProvider form(AuthenticationFlowContext context, SmsCodeSettings settings, String phone) {
        return context.form().setAttribute("tweestapSms",
                new SmsCodeBean(PhoneNumbers.masked(phone), settings.codeLength(), true));
    }

    private static boolean cooldownPassed(AuthenticationSessionModel authSession, SmsCodeSettings settings, long now) {
        long lastSent = PendingSmsCode.lastSent(authSession);
        return lastSent == 0 || now >= lastSent + settings.resendCooldownSeconds() * 1000L;
    }

    private static long secondsLeft(AuthenticationSessionModel authSession, SmsCodeSettings settings, long now) {
        long until = PendingSmsCode.lastSent(authSession) + settings.resendCooldownSeconds() * 1000L;
        return Math.max(1, (until - now + 999) / 1000);
    }

    private static String hashContext(AuthenticationSessionModel authSession) {
        return authSession.getParentSession().getId() + "/" + authSession.getTabId();
    }

    private static SmsCodeSettings settings(AuthenticationFlowContext context) {
        java.util.Map<String, String> config = context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig();
        for (String problem : SmsCodeSettings.problems(config)) {
            LOG.warnf("realm %s, SMS-code authenticator config: %s", context.getRealm().getName(), problem);
        }
        return SmsCodeSettings.from(config);
    }

    private static CodeHasher hasher(AuthenticationFlowContext context) {
        KeyWrapper key = context.getSession().keys().getActiveKey(context.getRealm(), KeyUse.SIG, Algorithm.HS512);
        SecretKey secret = key == null ? null : key.getSecretKey();
        if (secret == null || secret.getEncoded() == null) {
            throw new IllegalStateException("realm " + context.getRealm().getName()
                    + " has no active HS512 key; the SMS code cannot be protected");
        }
        return new CodeHasher(secret.getEncoded());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Always true: a user without a usable number gets this authenticator's own localised page rather than
     * Keycloak's generic "credential setup required" error.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }

    /** What the template sees as {@code tweestapSms}. */
    public static final class SmsCodeBean {
        private final String maskedNumber;
        private final int codeLength;
        private final boolean phoneKnown;

        SmsCodeBean(String maskedNumber, int codeLength, boolean phoneKnown) {
            this.maskedNumber = maskedNumber;
            this.codeLength = codeLength;
            this.phoneKnown = phoneKnown;
        }

        public String getMaskedNumber() {
            return maskedNumber;
        }

        public int getCodeLength() {
            return codeLength;
        }

        public boolean isPhoneKnown() {
            return phoneKnown;
        }
    }
}
