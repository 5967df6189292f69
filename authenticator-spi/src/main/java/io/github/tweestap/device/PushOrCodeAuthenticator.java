package io.github.tweestap.device;

import io.github.tweestap.sms.SmsCodeAuthenticator;
import io.github.tweestap.sms.SmsPolicySettings;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.QrCodes;
import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.UserStepAuthenticator;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The push-or-code step. With a bound app: creates a challenge (client, IP, browser, OS, time, a number to match),
 * wakes the phone and shows a wait page that its script releases as soon as the phone answers (a cluster event, not
 * a sleep loop); without JavaScript a button continues. "Voer code handmatig in" checks a code from the same app
 * with Keycloak's OTP rules. Without a bound app: the QR code to bind it (confirmed by a one-time SMS code on the
 * phone), or an SMS code to log in as before.
 */
final class PushOrCodeAuthenticator extends UserStepAuthenticator {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PushOrCodeAuthenticator.class);

    static final String WAIT_TEMPLATE = "tweestap-push-wait.ftl";
    static final String CODE_TEMPLATE = "tweestap-push-code.ftl";
    static final String ENROLL_TEMPLATE = "tweestap-push-enroll.ftl";

    private static final String NOTE = "tweestap.device.";
    private static final String MODE = NOTE + "mode";
    private static final String CHALLENGE = NOTE + "challenge";
    private static final String BROWSER_KEY = NOTE + "bk";
    private static final String NUMBER = NOTE + "number";
    private static final String ENROLL_TOKEN = NOTE + "enrollToken";
    private static final String ENROLL_JTI = NOTE + "enrollJti";
    private static final String ENROLL_KEY = NOTE + "enrollKey";
    private static final String ENROLL_EXP = NOTE + "enrollExp";

    private final DeviceRuntime runtime;
    private final SmsCodeAuthenticator sms;

    PushOrCodeAuthenticator(DeviceRuntime runtime, SecureCodes codes) {
        this.runtime = runtime;
        this.sms = new SmsCodeAuthenticator(codes);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Devices.Device device = Devices.active(context.getSession(), context.getUser());
        if (device == null) {
            startEnrollment(context);
        } else {
            startPush(context, device);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String mode = auth.getAuthNote(MODE);
        if ("sms".equals(mode)) {
            sms.action(context);
            return;
        }
        // SMS is only the way in for users who have no app yet: a bound user cannot be talked back to SMS codes.
        if (form.containsKey("use-sms") && ("enroll".equals(mode) || Devices.active(context.getUser()) == null)) {
            auth.setAuthNote(MODE, "sms");
            event(context, "sms_instead").success();
            sms.authenticate(context);
            return;
        }
        if ("enroll".equals(mode)) {
            continueEnrollment(context);
            return;
        }
        Devices.Device device = Devices.active(context.getUser());
        if (device == null) {
            // The binding was removed meanwhile: start over.
            clearPush(context);
            startEnrollment(context);
            return;
        }
        DeviceSettings settings = settings(context);
        if (form.containsKey("use-code")) {
            new Challenges(context.getSession()).abandon(current(context), settings);
            clearPush(context);
            auth.setAuthNote(MODE, "code");
            context.challenge(codeForm(context).createForm(CODE_TEMPLATE));
            return;
        }
        if (form.containsKey("retry") || form.containsKey("use-push")) {
            new Challenges(context.getSession()).abandon(current(context), settings);
            clearPush(context);
            startPush(context, device);
            return;
        }
        if (form.containsKey("otp") || "code".equals(mode)) {
            checkCode(context, device, form.getFirst("otp"));
            return;
        }
        checkPush(context, device, settings);
    }

    // ---------------------------------------------------------------- push

    private void startPush(AuthenticationFlowContext context, Devices.Device device) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        auth.setAuthNote(MODE, "push");
        DeviceSettings settings = settings(context);
        Challenges challenges = new Challenges(context.getSession());
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser()) != null) {
            // Keycloak does not reveal a lockout, and neither does this page; no push goes out.
            auth.setAuthNote(MODE, "code");
            context.challenge(codeForm(context).createForm(CODE_TEMPLATE));
            return;
        }
        // One login push at a time: this login's push replaces the user's older pending ones (an abandoned page's
        // push would otherwise come first on the phone); pages still waiting on them are told.
        for (String stale : challenges.closeOtherLogins(context.getUser().getId(), null, Challenges.EXPIRED, settings)) {
            runtime.wakeAfterCommit(context.getSession(), "challenge:" + stale);
        }
        Challenges.Created created = challenges.create(context.getUser(), device, "login", loginContext(context),
                settings, runtime.random());
        if (created.refusal() != null) {
            event(context, "push_refused").detail("tweestap_reason", created.refusal().name().toLowerCase())
                    .error("tweestap_push_not_sent");
            auth.setAuthNote(MODE, "code");
            String info = switch (created.refusal()) {
                case MUTED -> "tweestapPushMuted";
                case BACKOFF -> "tweestapPushBackoff";
                case TOO_MANY -> "tweestapPushTooMany";
            };
            context.challenge(codeForm(context).setAttribute("tweestapPushWait", created.waitSeconds())
                    .setInfo(info, Math.max(1, created.waitSeconds())).createForm(CODE_TEMPLATE));
            return;
        }
        auth.setAuthNote(CHALLENGE, created.challenge().id());
        auth.setAuthNote(BROWSER_KEY, created.browserKey());
        auth.setAuthNote(NUMBER, created.number());
        runtime.wakeAfterCommit(context.getSession(), "user:" + context.getUser().getId());
        sendPush(context, device, created.challenge(), settings);
        event(context, "push_sent").detail("tweestap_challenge", created.challenge().id()).success();
        context.challenge(waitForm(context, settings).createForm(WAIT_TEMPLATE));
    }

    private void checkPush(AuthenticationFlowContext context, Devices.Device device, DeviceSettings settings) {
        Challenges challenges = new Challenges(context.getSession());
        Challenges.Challenge challenge = current(context);
        if (challenge == null) {
            expiredPage(context);
            return;
        }
        if (Challenges.PENDING.equals(challenge.status())) {
            if (challenge.open()) {
                context.challenge(waitForm(context, settings).createForm(WAIT_TEMPLATE));
                return;
            }
            challenges.expire(challenge, settings);
            event(context, "push_expired").detail("tweestap_challenge", challenge.id()).error("tweestap_push_expired");
            expiredPage(context);
            return;
        }
        switch (challenge.status()) {
            case Challenges.APPROVED -> {
                clearPush(context);
                event(context, "push_approved").detail("tweestap_challenge", challenge.id()).success();
                Devices.markUsed(device);
                context.success(OTPCredentialModel.TYPE);
            }
            case Challenges.DENIED, Challenges.REPORTED -> {
                clearPush(context);
                boolean reported = Challenges.REPORTED.equals(challenge.status());
                context.getEvent().user(context.getUser()).detail("tweestap_method", "push")
                        .detail("tweestap_step", reported ? "push_reported" : "push_denied")
                        .detail("tweestap_challenge", challenge.id()).error(Errors.INVALID_USER_CREDENTIALS);
                context.getAuthenticationSession().setAuthNote(MODE, "code");
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, codeForm(context)
                        .setError(reported ? "tweestapPushReportedBrowser" : "tweestapPushDenied").createForm(CODE_TEMPLATE));
            }
            default -> expiredPage(context);
        }
    }

    private void expiredPage(AuthenticationFlowContext context) {
        clearPush(context);
        context.getAuthenticationSession().setAuthNote(MODE, "code");
        context.challenge(codeForm(context).setError("tweestapPushExpired").createForm(CODE_TEMPLATE));
    }

    private void sendPush(AuthenticationFlowContext context, Devices.Device device, Challenges.Challenge challenge,
            DeviceSettings settings) {
        PushDelivery.send(context.getSession(), context.getRealm(), device, challenge, settings.challengeTtl(),
                "tweestapPushTitle", "tweestapPushBody", challenge.get("client"));
    }

    private Map<String, String> loginContext(AuthenticationFlowContext context) {
        Map<String, String> data = new HashMap<>();
        String name = applicationName(context);
        String ua = context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent");
        data.put("client", name);
        data.put("ip", context.getConnection().getRemoteAddr());
        data.put("browser", UserAgents.browser(ua));
        data.put("os", UserAgents.os(ua));
        return data;
    }

    /**
     * The application's name as a person knows it: the client's name, with a {@code ${key}} name (Keycloak's own
     * clients, e.g. {@code ${client_account-console}}) read from the realm's login messages in the user's language,
     * as Keycloak's own pages resolve it ({@code advancedMsg}); the client id only when the client has no name at all.
     * A plain name costs no message lookup; a {@code ${key}} loads the messages once for the request (the push's own
     * texts in the same request reuse them).
     */
    static String applicationName(AuthenticationFlowContext context) {
        ClientModel client = context.getAuthenticationSession().getClient();
        if (client == null) {
            return "?";
        }
        String name = client.getName();
        if (name != null && name.startsWith("${") && name.endsWith("}")) {
            String key = name.substring(2, name.length() - 1);
            String text = LocalizedMessages.forUser(context.getSession(), context.getRealm(), context.getUser()).get(key);
            name = key.equals(text) ? null : text;
        }
        return name == null || name.isBlank() ? client.getClientId() : name;
    }

    // ---------------------------------------------------------------- code from the app

    private void checkCode(AuthenticationFlowContext context, Devices.Device device, String typed) {
        UserModel user = context.getUser();
        String code = SecureCodes.normaliseTyped(typed);
        if (code == null) {
            context.challenge(codeForm(context).addError(new FormMessage("otp", "tweestapPushCodeMissing"))
                    .createForm(CODE_TEMPLATE));
            return;
        }
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForceError != null) {
            context.getEvent().user(user).detail("tweestap_method", "push_code").error(bruteForceError);
            context.challenge(codeForm(context).addError(new FormMessage("otp", "tweestapPushCodeInvalid"))
                    .createForm(CODE_TEMPLATE));
            return;
        }
        String otpId = device.text("otpCredentialId");
        boolean valid = otpId != null && user.credentialManager()
                .isValid(new org.keycloak.models.UserCredentialModel(otpId, OTPCredentialModel.TYPE, code));
        if (valid) {
            clearPush(context);
            event(context, "code_verified").success();
            Devices.markUsed(device);
            context.success(OTPCredentialModel.TYPE);
            return;
        }
        context.getEvent().user(user).detail("tweestap_method", "push_code").detail("tweestap_step", "code_checked")
                .error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, codeForm(context)
                .addError(new FormMessage("otp", "tweestapPushCodeInvalid")).createForm(CODE_TEMPLATE));
    }

    // ---------------------------------------------------------------- binding (migration from SMS)

    private void startEnrollment(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        SmsPolicySettings policy = SmsPolicySettings.from(config(context));
        if (!VerifiedPhone.of(user, policy.phonePolicy()).ok()) {
            // Binding needs the verified number for its confirmation code; the SMS step explains what is missing.
            auth.setAuthNote(MODE, "sms");
            sms.authenticate(context);
            return;
        }
        DeviceSettings settings = settings(context);
        long expires = parse(auth.getAuthNote(ENROLL_EXP));
        if (auth.getAuthNote(ENROLL_TOKEN) == null || Time.currentTime() >= expires - 30) {
            EnrollmentTokens.Claim claim = EnrollmentTokens.create(realm, user, settings.enrollTtl(), runtime.random());
            String browserKey = random();
            auth.setAuthNote(ENROLL_TOKEN, EnrollmentTokens.encode(context.getSession(), realm, claim));
            auth.setAuthNote(ENROLL_JTI, claim.jti());
            auth.setAuthNote(ENROLL_KEY, browserKey);
            auth.setAuthNote(ENROLL_EXP, Long.toString(claim.expires()));
            context.getSession().getProvider(SingleUseObjectProvider.class).put(DeviceActivation.WATCH + claim.jti(),
                    settings.enrollTtl() + settings.bindCodeTtl() + 60L,
                    Map.of("bk", Challenges.digest(browserKey), "user", user.getId()));
        }
        auth.setAuthNote(MODE, "enroll");
        context.challenge(enrollForm(context).createForm(ENROLL_TEMPLATE));
    }

    private void continueEnrollment(AuthenticationFlowContext context) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        Devices.Device device = Devices.active(context.getUser());
        String jti = auth.getAuthNote(ENROLL_JTI);
        if (device != null && jti != null && jti.equals(device.text("enrollJti"))) {
            // Bound from this page and confirmed with the SMS code on the phone: that is the second factor.
            for (String note : new String[] {ENROLL_TOKEN, ENROLL_JTI, ENROLL_KEY, ENROLL_EXP, MODE}) {
                auth.removeAuthNote(note);
            }
            event(context, "device_bound").detail("tweestap_device", device.id()).success();
            context.success(OTPCredentialModel.TYPE);
            return;
        }
        startEnrollment(context);
    }

    // ---------------------------------------------------------------- forms

    private LoginFormsProvider waitForm(AuthenticationFlowContext context, DeviceSettings settings) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        Challenges.Challenge challenge = current(context);
        long left = challenge == null ? 0 : Math.max(0, challenge.expires() - Time.currentTime());
        return context.form()
                .setAttribute("tweestapPushNumber", auth.getAuthNote(NUMBER))
                .setAttribute("tweestapPushWaitUrl", realmUrl(context) + "/tweestap-device/browser/challenge?c="
                        + auth.getAuthNote(CHALLENGE) + "&k=" + auth.getAuthNote(BROWSER_KEY))
                .setAttribute("tweestapPushSecondsLeft", left)
                .setAttribute("tweestapPushClient", challenge == null ? "" : challenge.get("client"));
    }

    private LoginFormsProvider codeForm(AuthenticationFlowContext context) {
        return context.form().setAttribute("tweestapPushAvailable", true);
    }

    private LoginFormsProvider enrollForm(AuthenticationFlowContext context) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        String link = realmUrl(context) + "/tweestap-device/enroll?token=" + auth.getAuthNote(ENROLL_TOKEN);
        String qr = QrCodes.pngBase64(link, 300, 300);
        return context.form()
                .setAttribute("tweestapEnrollQr", qr)
                .setAttribute("tweestapEnrollLink", link)
                .setAttribute("tweestapEnrollWaitUrl", realmUrl(context) + "/tweestap-device/browser/enrollment?e="
                        + auth.getAuthNote(ENROLL_JTI) + "&k=" + auth.getAuthNote(ENROLL_KEY));
    }

    // ---------------------------------------------------------------- helpers

    private Challenges.Challenge current(AuthenticationFlowContext context) {
        return new Challenges(context.getSession()).get(context.getAuthenticationSession().getAuthNote(CHALLENGE));
    }

    private void clearPush(AuthenticationFlowContext context) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        for (String note : new String[] {CHALLENGE, BROWSER_KEY, NUMBER}) {
            auth.removeAuthNote(note);
        }
    }

    private EventBuilder event(AuthenticationFlowContext context, String step) {
        return context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(context.getUser())
                .detail("custom_required_action", PushOrCodeAuthenticatorFactory.ID)
                .detail("tweestap_method", "push").detail("tweestap_step", step);
    }

    private static Map<String, String> config(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig();
    }

    private static DeviceSettings settings(AuthenticationFlowContext context) {
        Map<String, String> config = config(context) == null ? Map.of() : config(context);
        // A value out of its range (e.g. 1800 s to answer a push, at most 600) counts as its default: say so, as the
        // SMS-code step does, so that an admin who saved it through the REST API learns why it has no effect.
        for (String problem : DeviceSettings.problems(config)) {
            LOG.warnf("realm %s, push-or-code authenticator config: %s", context.getRealm().getName(), problem);
        }
        return DeviceSettings.of(config);
    }

    private static String realmUrl(AuthenticationFlowContext context) {
        return org.keycloak.services.resources.RealmsResource.realmBaseUrl(context.getSession().getContext().getUri())
                .build(context.getRealm().getName()).toString();
    }

    private String random() {
        byte[] bytes = new byte[32];
        runtime.random().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
