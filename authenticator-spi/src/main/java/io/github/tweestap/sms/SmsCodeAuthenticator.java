package io.github.tweestap.sms;

import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.UserStepAuthenticator;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
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

/**
 * Second factor by SMS: sends a one-time code to the user's verified mobile number and verifies it.
 *
 * <p>The code is drawn from a CSPRNG; only its keyed hash lives in the authentication session (cluster-wide), and
 * it is compared in constant time. A code expires, is void after a number of wrong entries, and a new one can be
 * requested only after a cooldown and within the SMS quotas. Every wrong entry is a {@code failureChallenge} with
 * reference category {@code otp}, so the realm's brute-force detection counts it; success is recorded as an OTP
 * credential so the counters reset. An unverified number is never used.
 */
public final class SmsCodeAuthenticator extends UserStepAuthenticator {

    static final String FIELD_CODE = "code";
    static final String FIELD_RESEND = "resend";
    static final String TEMPLATE = "tweestap-sms-code.ftl";
    static final String NOTE_PREFIX = "tweestap.sms.login";
    static final String METHOD = "sms";

    /** Event details (Keycloak events), so admins can audit and alert on each step. */
    public static final String DETAIL_METHOD = "tweestap_method";
    public static final String DETAIL_STEP = "tweestap_step";
    public static final String DETAIL_REASON = "tweestap_reason";
    public static final String DETAIL_PHONE = "tweestap_phone";
    public static final String DETAIL_QUOTA = "tweestap_quota";

    private static final Logger LOG = Logger.getLogger(SmsCodeAuthenticator.class);

    private final SecureCodes codes;

    public SmsCodeAuthenticator(SecureCodes codes) {
        this.codes = codes;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Config config = config(context);
        VerifiedPhone.Lookup phone = VerifiedPhone.of(context.getUser(), config.policy.phonePolicy());
        if (!phone.ok()) {
            noUsablePhone(context, phone);
            return;
        }
        SmsCodeChallenge challenge = challenge(context, config);
        if (challenge.hasUsableCode() && phone.e164().equals(challenge.number())) {
            // A reload of the page: the code already sent is still good; send nothing.
            context.challenge(form(context, config, phone.e164()).createForm(TEMPLATE));
            return;
        }
        sendUnlessTooSoon(context, config, challenge, phone.e164(), false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Config config = config(context);
        UserModel user = context.getUser();
        VerifiedPhone.Lookup phone = VerifiedPhone.of(user, config.policy.phonePolicy());
        if (!phone.ok()) {
            noUsablePhone(context, phone);
            return;
        }
        SmsCodeChallenge challenge = challenge(context, config);
        MultivaluedMap<String, String> params = context.getHttpRequest().getDecodedFormParameters();
        if (params.containsKey(FIELD_RESEND)) {
            sendUnlessTooSoon(context, config, challenge, phone.e164(), true);
            return;
        }

        String typed = SecureCodes.normaliseTyped(params.getFirst(FIELD_CODE));
        if (typed == null) {
            codeError(context, config, phone.e164(), "tweestapSmsCodeMissing");
            return;
        }
        if (!SecureCodes.isDigits(typed, config.code.codeLength())) {
            codeError(context, config, phone.e164(), "tweestapSmsCodeFormat", config.code.codeLength());
            return;
        }

        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForceError != null) {
            // Keycloak does not reveal a lockout: the same answer as a wrong code, and nothing is verified.
            context.getEvent().user(user).detail(DETAIL_METHOD, METHOD).error(bruteForceError);
            codeError(context, config, phone.e164(), "tweestapSmsCodeInvalid");
            return;
        }
        if (!phone.e164().equals(challenge.number())) {
            // The number changed since the code was sent: that code is not for this number.
            challenge.voidCode();
            codeError(context, config, phone.e164(), "tweestapSmsCodeNone");
            return;
        }

        switch (challenge.verify(typed)) {
            case MATCH -> {
                challenge.clear();
                event(context, EventType.CUSTOM_REQUIRED_ACTION, "code_verified", phone.e164()).success();
                context.success(OTPCredentialModel.TYPE);
            }
            case NONE -> codeError(context, config, phone.e164(), "tweestapSmsCodeNone");
            case EXHAUSTED -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "code_checked", phone.e164())
                        .detail(DETAIL_REASON, "attempts_exhausted").error("tweestap_sms_code_void");
                codeError(context, config, phone.e164(), "tweestapSmsCodeExhausted");
            }
            case EXPIRED -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "code_checked", phone.e164())
                        .detail(DETAIL_REASON, "expired").error("tweestap_sms_code_expired");
                codeError(context, config, phone.e164(), "tweestapSmsCodeExpired");
            }
            case WRONG, WRONG_AND_VOID -> {
                boolean last = challenge.attemptsLeft() == 0;
                context.getEvent().user(user).detail(DETAIL_METHOD, METHOD).detail(DETAIL_STEP, "code_checked")
                        .detail(DETAIL_REASON, last ? "wrong_code_last_attempt" : "wrong_code")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                FormMessage message = last ? new FormMessage(FIELD_CODE, "tweestapSmsCodeExhausted")
                        : new FormMessage(FIELD_CODE, "tweestapSmsCodeInvalidAttemptsLeft", challenge.attemptsLeft());
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        form(context, config, phone.e164()).addError(message).createForm(TEMPLATE));
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Sends a new code, or, inside the resend cooldown, sends nothing and says how long to wait.
     *
     * @param requested true when the user asked for a new code (a refusal is then an audited event)
     */
    private void sendUnlessTooSoon(AuthenticationFlowContext context, Config config, SmsCodeChallenge challenge,
            String e164, boolean requested) {
        if (!challenge.cooldownPassed()) {
            if (requested) {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "code_sent", e164)
                        .detail(DETAIL_REASON, "cooldown").error("tweestap_sms_resend_too_soon");
            }
            context.challenge(form(context, config, e164)
                    .setMessage(MessageType.WARNING, "tweestapSmsResendWait", challenge.cooldownSecondsLeft())
                    .createForm(TEMPLATE));
            return;
        }
        SmsDispatcher dispatcher = new SmsDispatcher(context.getSession(), config.policy);
        String clientIp = context.getConnection().getRemoteAddr();
        SmsDispatcher.Outcome outcome = challenge.send(codes, dispatcher, context.getUser(), clientIp, e164,
                "tweestapSmsBody");
        LoginFormsProvider form = form(context, config, e164);
        switch (outcome) {
            case SENT -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION, "code_sent", e164).success();
                form.setMessage(MessageType.INFO, "tweestapSmsSent", VerifiedPhone.masked(e164));
            }
            case FAILED -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "code_sent", e164)
                        .error("tweestap_sms_send_failed");
                form.setError("tweestapSmsSendFailed");
            }
            default -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "code_sent", e164)
                        .detail(DETAIL_QUOTA, outcome.quotaScope()).error("tweestap_sms_quota_exceeded");
                form.setError("tweestapSmsQuotaExceeded");
            }
        }
        context.challenge(form.createForm(TEMPLATE));
    }

    private void noUsablePhone(AuthenticationFlowContext context, VerifiedPhone.Lookup phone) {
        String error;
        String message;
        switch (phone.problem()) {
            case UNVERIFIED -> {
                error = "tweestap_sms_phone_unverified";
                message = "tweestapSmsPhoneUnverified";
            }
            case NOT_ALLOWED -> {
                error = "tweestap_sms_phone_not_allowed";
                message = "tweestapSmsPhoneNotAllowed";
            }
            default -> {
                error = "tweestap_sms_no_phone";
                message = "tweestapSmsNoPhone";
            }
        }
        EventBuilder event = context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                .user(context.getUser()).detail("custom_required_action", SmsCodeAuthenticatorFactory.ID)
                .detail(DETAIL_METHOD, METHOD).detail(DETAIL_STEP, "code_sent");
        if (phone.e164() != null) {
            event.detail(DETAIL_PHONE, VerifiedPhone.masked(phone.e164()));
        }
        event.error(error);
        context.challenge(context.form().setAttribute("tweestapSms", new SmsCodeBean(null, 0, false))
                .setError(message).createForm(TEMPLATE));
    }

    private void codeError(AuthenticationFlowContext context, Config config, String e164, String key, Object... args) {
        context.challenge(form(context, config, e164).addError(new FormMessage(FIELD_CODE, key, args))
                .createForm(TEMPLATE));
    }

    private EventBuilder event(AuthenticationFlowContext context, EventType type, String step, String e164) {
        return context.getEvent().clone().event(type).user(context.getUser())
                .detail("custom_required_action", SmsCodeAuthenticatorFactory.ID).detail(DETAIL_METHOD, METHOD)
                .detail(DETAIL_STEP, step).detail(DETAIL_PHONE, VerifiedPhone.masked(e164));
    }

    private LoginFormsProvider form(AuthenticationFlowContext context, Config config, String e164) {
        return context.form().setAttribute("tweestapSms",
                new SmsCodeBean(VerifiedPhone.masked(e164), config.code.codeLength(), true));
    }

    private static SmsCodeChallenge challenge(AuthenticationFlowContext context, Config config) {
        return new SmsCodeChallenge(context.getSession(), context.getRealm(), context.getAuthenticationSession(),
                NOTE_PREFIX, config.code);
    }

    private record Config(SmsCodeSettings code, SmsPolicySettings policy) {
    }

    private static Config config(AuthenticationFlowContext context) {
        Map<String, String> config = context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig();
        for (String problem : SmsCodeSettings.problems(config)) {
            LOG.warnf("realm %s, SMS-code authenticator config: %s", context.getRealm().getName(), problem);
        }
        for (String problem : SmsPolicySettings.problems(config)) {
            LOG.warnf("realm %s, SMS-code authenticator config: %s", context.getRealm().getName(), problem);
        }
        return new Config(SmsCodeSettings.from(config), SmsPolicySettings.from(config));
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
