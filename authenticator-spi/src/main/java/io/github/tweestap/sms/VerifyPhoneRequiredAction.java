package io.github.tweestap.sms;

import io.github.tweestap.support.KeycloakCompat;
import io.github.tweestap.support.SecureCodes;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.MessageType;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Required action {@code tweestap-verify-phone}: the user gives (or confirms) a mobile number, receives a code on it
 * and types it; only then is the number stored as {@code phoneNumber} and as the verified number. Triggered for a
 * user whose number is not verified, and available to applications as {@code kc_action=tweestap-verify-phone}.
 */
public final class VerifyPhoneRequiredAction implements RequiredActionProvider {

    static final String TEMPLATE = "tweestap-verify-phone.ftl";
    static final String NOTE_PREFIX = "tweestap.sms.verify";
    static final String FIELD_PHONE = "phoneNumber";
    static final String FIELD_CODE = "code";

    private final SecureCodes codes;

    VerifyPhoneRequiredAction(SecureCodes codes) {
        this.codes = codes;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (user.getFirstAttribute(VerifiedPhone.PHONE_ATTRIBUTE) == null) {
            return;
        }
        VerifiedPhone.Lookup phone = VerifiedPhone.of(user, settings(context).policy.phonePolicy());
        if (phone.problem() == VerifiedPhone.Problem.UNVERIFIED || phone.problem() == VerifiedPhone.Problem.NOT_ALLOWED) {
            user.addRequiredAction(VerifyPhoneRequiredActionFactory.ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Settings settings = settings(context);
        SmsCodeChallenge challenge = challenge(context, settings);
        if (challenge.hasUsableCode()) {
            context.challenge(codeStep(context, settings, challenge.number()).createForm(TEMPLATE));
        } else {
            context.challenge(numberStep(context, context.getUser().getFirstAttribute(VerifiedPhone.PHONE_ATTRIBUTE))
                    .createForm(TEMPLATE));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        Settings settings = settings(context);
        SmsCodeChallenge challenge = challenge(context, settings);
        MultivaluedMap<String, String> params = context.getHttpRequest().getDecodedFormParameters();

        if (params.containsKey("change")) {
            challenge.voidCode();
            context.challenge(numberStep(context, challenge.number()).createForm(TEMPLATE));
            return;
        }
        if (params.containsKey("send")) {
            String raw = params.getFirst(FIELD_PHONE);
            PhonePolicy.Result check = settings.policy.phonePolicy().check(raw);
            if (!check.ok()) {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "number_checked", check.e164())
                        .detail(SmsCodeAuthenticator.DETAIL_REASON, check.problem().name().toLowerCase())
                        .error("tweestap_phone_not_allowed");
                context.challenge(numberStep(context, raw)
                        .addError(new FormMessage(FIELD_PHONE, check.problem().messageKey())).createForm(TEMPLATE));
                return;
            }
            send(context, settings, challenge, check.e164());
            return;
        }
        if (params.containsKey("resend")) {
            String number = challenge.number();
            if (number == null) {
                context.challenge(numberStep(context, null).createForm(TEMPLATE));
                return;
            }
            send(context, settings, challenge, number);
            return;
        }

        String number = challenge.number();
        if (number == null) {
            context.challenge(numberStep(context, null).createForm(TEMPLATE));
            return;
        }
        String typed = SecureCodes.normaliseTyped(params.getFirst(FIELD_CODE));
        if (typed == null || !SecureCodes.isDigits(typed, settings.code.codeLength())) {
            String key = typed == null ? "tweestapSmsCodeMissing" : "tweestapSmsCodeFormat";
            context.challenge(codeStep(context, settings, number)
                    .addError(new FormMessage(FIELD_CODE, key, settings.code.codeLength())).createForm(TEMPLATE));
            return;
        }
        BruteForceProtector protector = context.getSession().getProvider(BruteForceProtector.class);
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(protector, context.getSession(), context.getRealm(),
                context.getUser()) != null) {
            // Locked out: nothing is verified, and the page does not say why (as Keycloak's own forms).
            event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "number_code_checked", number)
                    .error("user_temporarily_disabled");
            context.challenge(codeStep(context, settings, number)
                    .addError(new FormMessage(FIELD_CODE, "tweestapSmsCodeInvalid")).createForm(TEMPLATE));
            return;
        }
        SmsCodeChallenge.Check result = challenge.verify(typed);
        if (result == SmsCodeChallenge.Check.MATCH) {
            challenge.clear();
            VerifiedPhone.markVerified(context.getUser(), number);
            event(context, EventType.CUSTOM_REQUIRED_ACTION, "number_verified", number).success();
            context.success();
            return;
        }
        String key = switch (result) {
            case WRONG -> "tweestapSmsCodeInvalidAttemptsLeft";
            case WRONG_AND_VOID, EXHAUSTED -> "tweestapSmsCodeExhausted";
            case EXPIRED -> "tweestapSmsCodeExpired";
            default -> "tweestapSmsCodeNone";
        };
        event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "number_code_checked", number)
                .detail(SmsCodeAuthenticator.DETAIL_REASON, result.name().toLowerCase())
                .error("tweestap_phone_code_invalid");
        if (result == SmsCodeChallenge.Check.WRONG || result == SmsCodeChallenge.Check.WRONG_AND_VOID) {
            // A wrong code counts for the realm's brute-force detection, like one in a login form.
            KeycloakCompat.failedLogin(protector, context.getRealm(), context.getUser(), context.getConnection(),
                    context.getUriInfo(), java.util.Set.of(org.keycloak.models.credential.OTPCredentialModel.TYPE));
        }
        context.challenge(codeStep(context, settings, number)
                .addError(new FormMessage(FIELD_CODE, key, challenge.attemptsLeft())).createForm(TEMPLATE));
    }

    private void send(RequiredActionContext context, Settings settings, SmsCodeChallenge challenge, String e164) {
        if (!challenge.cooldownPassed()) {
            event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "number_code_sent", e164)
                    .error("tweestap_sms_resend_too_soon");
            context.challenge(codeStep(context, settings, challenge.number() != null ? challenge.number() : e164)
                    .setMessage(MessageType.WARNING, "tweestapSmsResendWait", challenge.cooldownSecondsLeft())
                    .createForm(TEMPLATE));
            return;
        }
        SmsDispatcher.Outcome outcome = challenge.send(codes, new SmsDispatcher(context.getSession(), settings.policy),
                context.getUser(), context.getConnection().getRemoteAddr(), e164, "tweestapSmsVerifyBody");
        switch (outcome) {
            case SENT -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION, "number_code_sent", e164).success();
                context.challenge(codeStep(context, settings, e164)
                        .setMessage(MessageType.INFO, "tweestapSmsSent", VerifiedPhone.masked(e164)).createForm(TEMPLATE));
            }
            case FAILED -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "number_code_sent", e164)
                        .error("tweestap_sms_send_failed");
                context.challenge(numberStep(context, e164).setError("tweestapSmsSendFailed").createForm(TEMPLATE));
            }
            default -> {
                event(context, EventType.CUSTOM_REQUIRED_ACTION_ERROR, "number_code_sent", e164)
                        .detail(SmsCodeAuthenticator.DETAIL_QUOTA, outcome.quotaScope())
                        .error("tweestap_sms_quota_exceeded");
                context.challenge(numberStep(context, e164).setError("tweestapSmsQuotaExceeded").createForm(TEMPLATE));
            }
        }
    }

    private LoginFormsProvider numberStep(RequiredActionContext context, String number) {
        return context.form().setAttribute("tweestapVerify", new Bean("number", number, null, 0));
    }

    private LoginFormsProvider codeStep(RequiredActionContext context, Settings settings, String e164) {
        return context.form().setAttribute("tweestapVerify",
                new Bean("code", e164, VerifiedPhone.masked(e164), settings.code.codeLength()));
    }

    private EventBuilder event(RequiredActionContext context, EventType type, String step, String e164) {
        EventBuilder event = context.getEvent().clone().event(type).user(context.getUser())
                .detail("custom_required_action", VerifyPhoneRequiredActionFactory.ID)
                .detail(SmsCodeAuthenticator.DETAIL_METHOD, "sms").detail(SmsCodeAuthenticator.DETAIL_STEP, step);
        if (e164 != null) {
            event.detail(SmsCodeAuthenticator.DETAIL_PHONE, VerifiedPhone.masked(e164));
        }
        return event;
    }

    private static SmsCodeChallenge challenge(RequiredActionContext context, Settings settings) {
        return new SmsCodeChallenge(context.getSession(), context.getRealm(), context.getAuthenticationSession(),
                NOTE_PREFIX, settings.code);
    }

    private record Settings(SmsCodeSettings code, SmsPolicySettings policy) {
    }

    private static Settings settings(RequiredActionContext context) {
        Map<String, String> config = context.getConfig() == null ? null : context.getConfig().getConfig();
        return new Settings(SmsCodeSettings.from(config), SmsPolicySettings.from(config));
    }

    @Override
    public void close() {
    }

    /** What the template sees as {@code tweestapVerify}. */
    public static final class Bean {
        private final String step;
        private final String number;
        private final String maskedNumber;
        private final int codeLength;

        Bean(String step, String number, String maskedNumber, int codeLength) {
            this.step = step;
            this.number = number;
            this.maskedNumber = maskedNumber;
            this.codeLength = codeLength;
        }

        public String getStep() {
            return step;
        }

        public String getNumber() {
            return number == null ? "" : number;
        }

        public String getMaskedNumber() {
            return maskedNumber;
        }

        public int getCodeLength() {
            return codeLength;
        }
    }
}
