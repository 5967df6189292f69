package io.github.tweestap.sms;

import io.github.tweestap.support.LocalizedMessages;
import java.security.SecureRandom;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

/**
 * What an administrator (the admin API, the helpdesk page, a number confirmed by SMS link) does with a person's
 * mobile number: register it (an SMS link confirms it) and send a temporary password to the verified number. Each
 * changes nothing when the SMS cannot be sent. The caller checks permissions and emits the events.
 */
public final class SmsActions {

    /** User attribute: send a temporary password by SMS as soon as the number is confirmed (new account, seed 000). */
    public static final String TEMP_PASSWORD_ATTRIBUTE = "tweestapTempPasswordOnConfirm";

    /**
     * The result: an HTTP status, and for a failure an error code and the message key of its text; the number in
     * E.164 when one was checked.
     */
    public record Outcome(int status, String error, String messageKey, String e164) {

        public boolean ok() {
            return status / 100 == 2;
        }

        static Outcome failed(int status, String error, String messageKey) {
            return new Outcome(status, error, messageKey, null);
        }

        static Outcome sms(SmsDispatcher.Outcome outcome) {
            return outcome == SmsDispatcher.Outcome.FAILED ? failed(502, "sms_send_failed", "tweestapSmsSendFailed")
                    : failed(429, "sms_quota_exceeded", "tweestapSmsQuotaExceeded");
        }
    }

    private SmsActions() {
    }

    /** The realm's SMS policy (the verify-phone required action's configuration). */
    public static SmsPolicySettings policy(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(VerifyPhoneRequiredActionFactory.ID);
        return SmsPolicySettings.from(config == null ? null : config.getConfig());
    }

    /** Checks a typed number against the realm's phone policy: 200 with the E.164 form, or 400. */
    public static Outcome check(RealmModel realm, String typed) {
        PhonePolicy.Result check = policy(realm).phonePolicy().check(typed);
        return check.ok() ? new Outcome(200, null, null, check.e164())
                : Outcome.failed(400, "phone_" + check.problem().name().toLowerCase(), check.problem().messageKey());
    }

    /**
     * Stores the number and sends it a one-time SMS link; the number becomes verified only when that link is
     * confirmed. 202 when sent, 200 when that number is verified already, 400 for a number the policy refuses, 502 or
     * 429 (and the previous number back) when the SMS could not be sent.
     */
    public static Outcome registerPhone(KeycloakSession session, RealmModel realm, UserModel user, String typed,
            SecureRandom random) {
        SmsPolicySettings policy = policy(realm);
        Outcome check = check(realm, typed);
        if (!check.ok()) {
            return check;
        }
        String previous = user.getFirstAttribute(VerifiedPhone.PHONE_ATTRIBUTE);
        user.setSingleAttribute(VerifiedPhone.PHONE_ATTRIBUTE, check.e164());
        if (VerifiedPhone.of(user, policy.phonePolicy()).ok()) {
            return new Outcome(200, null, null, check.e164());
        }
        String token = PhoneLinks.create(session, realm, user, check.e164(), policy.linkTtlSeconds(), random);
        String link = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(PhoneLinkResourceProviderFactory.ID).path("verify").queryParam("t", token).build().toString();
        LocalizedMessages messages = LocalizedMessages.forUser(session, realm, user);
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        String text = messages.get("tweestapSmsPhoneLinkBody", link, realmName);
        SmsDispatcher.Outcome outcome = new SmsDispatcher(session, policy)
                .send(realm, user, null, check.e164(), text, List.of(token));
        if (outcome != SmsDispatcher.Outcome.SENT) {
            // Nothing changes when the link could not be sent.
            if (previous == null) {
                user.removeAttribute(VerifiedPhone.PHONE_ATTRIBUTE);
            } else {
                user.setSingleAttribute(VerifiedPhone.PHONE_ATTRIBUTE, previous);
            }
            return Outcome.sms(outcome);
        }
        return new Outcome(202, null, null, check.e164());
    }

    /**
     * Sets a random temporary password that satisfies the realm's password policy, sends it by SMS to the verified
     * number and makes the user choose a new password at the next login; the password expires after the realm's
     * {@link SmsPolicySettings#TEMPORARY_PASSWORD_TTL} ({@link TemporaryPasswordExpiry}). 204 when sent; 400 without a verified
     * number, 409 when no password can satisfy the policy, 502 or 429 (nothing changed) when the SMS failed.
     */
    public static Outcome sendTemporaryPassword(KeycloakSession session, RealmModel realm, UserModel user,
            SecureRandom random) {
        SmsPolicySettings policy = policy(realm);
        VerifiedPhone.Lookup phone = VerifiedPhone.of(user, policy.phonePolicy());
        if (!phone.ok()) {
            String key = switch (phone.problem()) {
                case UNVERIFIED -> "tweestapSmsPhoneUnverified";
                case NOT_ALLOWED -> "tweestapSmsPhoneNotAllowed";
                default -> "tweestapSmsNoPhone";
            };
            return Outcome.failed(400, "phone_" + phone.problem().name().toLowerCase(), key);
        }
        String password = generatePassword(session, realm, user, random);
        if (password == null) {
            return Outcome.failed(409, "password_policy_unsatisfiable", "tweestapTempPasswordPolicy");
        }
        LocalizedMessages messages = LocalizedMessages.forUser(session, realm, user);
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        String text = messages.get("tweestapSmsTempPasswordBody", password, realmName, user.getUsername());
        SmsDispatcher.Outcome outcome = new SmsDispatcher(session, policy)
                .send(realm, user, null, phone.e164(), text, List.of(password));
        if (outcome != SmsDispatcher.Outcome.SENT) {
            return Outcome.sms(outcome);
        }
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        TemporaryPasswordExpiry.start(session, realm, user, policy.temporaryPasswordTtlSeconds());
        return new Outcome(204, null, null, phone.e164());
    }

    private static String generatePassword(KeycloakSession session, RealmModel realm, UserModel user, SecureRandom random) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        TemporaryPasswords.Rules rules = new TemporaryPasswords.Rules(config(policy, "length"),
                config(policy, "maxLength"), config(policy, "lowerCase"), config(policy, "upperCase"),
                config(policy, "digits"), config(policy, "specialChars"));
        TemporaryPasswords generator = new TemporaryPasswords(random);
        PasswordPolicyManagerProvider validator = session.getProvider(PasswordPolicyManagerProvider.class);
        for (int i = 0; i < 20; i++) {
            String candidate;
            try {
                candidate = generator.generate(rules);
            } catch (IllegalArgumentException e) {
                return null;
            }
            PolicyError error = validator.validate(realm, user, candidate);
            if (error == null) {
                return candidate;
            }
        }
        return null;
    }

    private static int config(PasswordPolicy policy, String key) {
        if (policy == null || !policy.getPolicies().contains(key)) {
            return 0;
        }
        Object value = policy.getPolicyConfig(key);
        return value instanceof Number n ? n.intValue() : 0;
    }
}
