package io.github.tweestap.account;

import java.util.concurrent.TimeUnit;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.PasswordCredentialProvider;
import org.keycloak.credential.PasswordCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * How long a user's password stays valid under the realm's "Expire password" policy, computed exactly as
 * Keycloak's {@code UpdatePassword.evaluateTriggers} decides to force the change: the password is expired once
 * {@code now - createdDate > days * 86,400,000 ms}. The pack's banner, reminder e-mails and the companion's
 * profile all read this one computation, so they always agree with the moment Keycloak asks for a new password.
 */
public record PasswordExpiry(String credentialId, long createdMillis, long expiresAtMillis, int daysLeft) {

    static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    /** True once Keycloak itself forces the change (the same comparison as {@code UpdatePassword}). */
    public boolean expired() {
        return daysLeft == 0;
    }

    /**
     * Whole days until Keycloak forces the change, rounded up (a password with 30 hours left has 2 days left), and
     * 0 once it is due.
     */
    public static int daysLeft(int policyDays, long createdMillis, long nowMillis) {
        long elapsed = nowMillis - createdMillis;
        long allowed = TimeUnit.DAYS.toMillis(policyDays);
        if (elapsed > allowed) {
            return 0;
        }
        long remaining = allowed - elapsed;
        return (int) Math.max(0, (remaining + DAY_MILLIS - 1) / DAY_MILLIS);
    }

    /** The realm's "Expire password" days, or -1 when the realm has no such policy. */
    public static int policyDays(RealmModel realm) {
        return realm.getPasswordPolicy() == null ? -1 : realm.getPasswordPolicy().getDaysToExpirePassword();
    }

    /**
     * The user's password expiry, or null when the realm does not expire passwords, the user has no password or the
     * password has no creation date (Keycloak then forces the change at the next login anyway).
     */
    public static PasswordExpiry of(KeycloakSession session, RealmModel realm, UserModel user) {
        int days = policyDays(realm);
        if (days == -1) {
            return null;
        }
        PasswordCredentialProvider passwords = (PasswordCredentialProvider) session.getProvider(CredentialProvider.class,
                PasswordCredentialProviderFactory.PROVIDER_ID);
        PasswordCredentialModel password = passwords == null ? null : passwords.getPassword(realm, user);
        if (password == null || password.getCreatedDate() == null) {
            return null;
        }
        long created = password.getCreatedDate();
        long now = Time.toMillis(Time.currentTime());
        return new PasswordExpiry(password.getId(), created, created + TimeUnit.DAYS.toMillis(days),
                daysLeft(days, created, now));
    }
}
