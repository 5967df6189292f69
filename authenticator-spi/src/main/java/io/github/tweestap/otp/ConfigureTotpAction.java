package io.github.tweestap.otp;

import io.github.tweestap.support.QrCodes;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.otp.OTPApplicationProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.models.utils.CredentialValidation;
import org.keycloak.utils.CredentialHelper;

/**
 * Required action {@code tweestap-configure-totp}: authenticator-app enrollment in three steps (install an app,
 * scan the QR code or copy the key, enter the code) with a configurable issuer and account label, on Keycloak's own
 * OTP credential and the realm's OTP policy. Also an application-initiated action
 * ({@code kc_action=tweestap-configure-totp}) with Annuleren / Toepassen.
 */
public final class ConfigureTotpAction implements RequiredActionProvider {

    static final String TEMPLATE = "tweestap-config-totp.ftl";
    static final String TEMPLATE_DONE = "tweestap-config-totp-done.ftl";
    static final String NOTE_SECRET = "tweestap.otp.enroll.secret";
    /** Set once the app is linked in this login, when the confirmation page is configured: only "Doorgaan" is left. */
    static final String NOTE_DONE = "tweestap.otp.enroll.done";
    static final String FIELD_CODE = "totp";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (context.getAuthenticationSession().getAuthNote(NOTE_DONE) != null) {
            context.challenge(confirmation(context));
            return;
        }
        if (otpCount(context.getUser()) > 0) {
            alreadyActive(context);
            return;
        }
        context.challenge(form(context).createForm(TEMPLATE));
    }

    /**
     * A second app would let whoever holds the session switch the first one off without its code, so activation is
     * for users without an app (seed 004: switch it off first, with a code).
     */
    private void alreadyActive(RequiredActionContext context) {
        if (context.getAuthenticationSession().getClientNote(org.keycloak.models.Constants.KC_ACTION_EXECUTING) == null) {
            context.success();
            return;
        }
        context.challenge(context.form().setAttribute("tweestapDeactivate", new DeactivateTotpAction.Bean(true, true))
                .createForm(DeactivateTotpAction.TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (context.getAuthenticationSession().getAuthNote(NOTE_DONE) != null) {
            // The confirmation page's "Doorgaan": the app was linked by the previous request of this login.
            context.getAuthenticationSession().removeAuthNote(NOTE_DONE);
            context.success();
            return;
        }
        if (otpCount(context.getUser()) > 0) {
            alreadyActive(context);
            return;
        }
        MultivaluedMap<String, String> params = context.getHttpRequest().getDecodedFormParameters();
        String code = params.getFirst(FIELD_CODE) == null ? null : params.getFirst(FIELD_CODE).replaceAll("\\s", "");
        String secret = context.getAuthenticationSession().getAuthNote(NOTE_SECRET);
        if (secret == null) {
            context.challenge(form(context).createForm(TEMPLATE));
            return;
        }
        if (code == null || code.isEmpty()) {
            context.challenge(form(context).addError(new FormMessage(FIELD_CODE, "tweestapOtpCodeMissing"))
                    .createForm(TEMPLATE));
            return;
        }
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        TotpEnrollmentSettings settings = settings(context);
        OTPCredentialModel credential = OTPCredentialModel.createFromPolicy(realm, secret, label(context, settings));
        // CredentialHelper stores what it is given; the code must be checked first (as Keycloak's UpdateTotp does).
        boolean created = CredentialValidation.validOTP(code, credential, realm.getOTPPolicy().getLookAheadWindow());
        try {
            created = created && CredentialHelper.createOTPCredential(context.getSession(), realm, user, code, credential);
        } catch (ModelDuplicateException e) {
            credential = OTPCredentialModel.createFromPolicy(realm, secret,
                    label(context, settings) + " (" + org.keycloak.common.util.Time.currentTime() + ")");
            created = CredentialHelper.createOTPCredential(context.getSession(), realm, user, code, credential);
        }
        if (!created) {
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL_ERROR).user(user)
                    .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).detail("tweestap_method", "totp")
                    .error("tweestap_otp_invalid_code");
            context.challenge(form(context).addError(new FormMessage(FIELD_CODE, "tweestapOtpCodeInvalid"))
                    .createForm(TEMPLATE));
            return;
        }
        UsedCodes.markUsed(context.getSession(), user, realm.getOTPPolicy(), code);
        context.getAuthenticationSession().removeAuthNote(NOTE_SECRET);
        // One event (Keycloak's "email" listener mails the user about it); not also the deprecated UPDATE_TOTP,
        // which would send a second e-mail.
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE).detail("tweestap_method", "totp").success();
        if (settings.confirmation()) {
            context.getAuthenticationSession().setAuthNote(NOTE_DONE, "1");
            context.challenge(confirmation(context));
            return;
        }
        context.success();
    }

    /** Seed 002, step 14: "de koppeling is gelukt", and from now on the login asks for the code. */
    private static jakarta.ws.rs.core.Response confirmation(RequiredActionContext context) {
        TotpEnrollmentSettings settings = settings(context);
        return context.form().setAttribute("tweestapTotpDone",
                new Done(issuer(context.getRealm(), settings), account(context.getUser(), settings)))
                .createForm(TEMPLATE_DONE);
    }

    private LoginFormsProvider form(RequiredActionContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        String secret = context.getAuthenticationSession().getAuthNote(NOTE_SECRET);
        if (secret == null) {
            secret = HmacOTP.generateSecret(20);
            context.getAuthenticationSession().setAuthNote(NOTE_SECRET, secret);
        }
        TotpEnrollmentSettings settings = settings(context);
        String issuer = issuer(realm, settings);
        String account = account(user, settings);
        OTPPolicy policy = realm.getOTPPolicy();
        String uri = OtpKeyUri.of(policy, issuer, account, secret);
        String qr = QrCodes.pngBase64(uri, 246, 246);
        List<String> apps = session.getAllProviders(OTPApplicationProvider.class).stream()
                .filter(p -> p.supports(policy)).map(OTPApplicationProvider::getName).sorted()
                .collect(Collectors.toList());
        return context.form().setAttribute("tweestapTotp",
                new Bean(issuer, account, qr, OtpKeyUri.manualKey(secret), apps, policy.getDigits(), policy.getPeriod(),
                        settings.otherDeviceNotice(), otpCount(user) > 0));
    }

    static String issuer(RealmModel realm, TotpEnrollmentSettings settings) {
        if (!settings.issuer().isEmpty()) {
            return settings.issuer();
        }
        String display = realm.getDisplayName();
        return display == null || display.isBlank() ? realm.getName() : display.replaceAll("<[^>]*>", "").trim();
    }

    static String account(UserModel user, TotpEnrollmentSettings settings) {
        return settings.labelIsEmail() && user.getEmail() != null ? user.getEmail() : user.getUsername();
    }

    private static String label(RequiredActionContext context, TotpEnrollmentSettings settings) {
        return issuer(context.getRealm(), settings);
    }

    private static long otpCount(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).count();
    }

    private static TotpEnrollmentSettings settings(RequiredActionContext context) {
        Map<String, String> config = context.getConfig() == null ? null : context.getConfig().getConfig();
        return TotpEnrollmentSettings.from(config);
    }

    @Override
    public void close() {
    }

    /** What the confirmation page sees as {@code tweestapTotpDone}: the account's name as the app shows it. */
    public static final class Done {
        // A class, not a record: FreeMarker would show a record component as a method, not as a property.
        private final String issuer;
        private final String account;

        Done(String issuer, String account) {
            this.issuer = issuer;
            this.account = account;
        }

        public String getIssuer() {
            return issuer;
        }

        public String getAccount() {
            return account;
        }
    }

    /** What the template sees as {@code tweestapTotp}. */
    public static final class Bean {
        private final String issuer;
        private final String account;
        private final String qrCode;
        private final String manualKey;
        private final List<String> apps;
        private final int digits;
        private final int period;
        private final boolean otherDeviceNotice;
        private final boolean alreadyActive;

        Bean(String issuer, String account, String qrCode, String manualKey, List<String> apps, int digits, int period,
                boolean otherDeviceNotice, boolean alreadyActive) {
            this.issuer = issuer;
            this.account = account;
            this.qrCode = qrCode;
            this.manualKey = manualKey;
            this.apps = apps;
            this.digits = digits;
            this.period = period;
            this.otherDeviceNotice = otherDeviceNotice;
            this.alreadyActive = alreadyActive;
        }

        public String getIssuer() {
            return issuer;
        }

        public String getAccount() {
            return account;
        }

        public String getQrCode() {
            return qrCode;
        }

        public String getManualKey() {
            return manualKey;
        }

        public List<String> getApps() {
            return apps;
        }

        public int getDigits() {
            return digits;
        }

        public int getPeriod() {
            return period;
        }

        public boolean isOtherDeviceNotice() {
            return otherDeviceNotice;
        }

        public boolean isAlreadyActive() {
            return alreadyActive;
        }
    }
}
