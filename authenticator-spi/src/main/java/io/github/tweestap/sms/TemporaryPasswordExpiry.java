package io.github.tweestap.sms;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.PasswordCredentialProvider;
import org.keycloak.credential.PasswordCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The lifetime of a temporary password sent by SMS ({@link SmsActions#sendTemporaryPassword}). The pack keeps, in a
 * user attribute only it writes (not in the user profile, so neither the user nor an admin edits it), the creation
 * time of the password credential it set and the moment that password expires. The password is temporary as long as
 * the user's current password is that same credential version: any new password (the person's own at the next
 * login, a reset by e-mail, an admin's) has another creation time and ends it; a new temporary password writes a new
 * pair and so restarts the lifetime. Expiry is checked right after a correct password, by the pack's username and
 * password form ({@link TemporaryPasswordFormFactory}) and the direct grant guard; a wrong password never reaches it,
 * so only someone who knows the password learns that it expired.
 */
public final class TemporaryPasswordExpiry {

    /** User attribute: {@code <password created, ms>:<expires at, s>}. */
    public static final String ATTRIBUTE = "tweestapTemporaryPassword";
    /** The event error of a login refused with a correct but expired temporary password. */
    public static final String ERROR = "tweestap_temporary_password_expired";
    /** The message key shown to the person (the portal's voice, nl + en). */
    public static final String MESSAGE = "tweestapTemporaryPasswordExpired";

    private TemporaryPasswordExpiry() {
    }

    /** Marks the user's current password as temporary, expiring {@code ttlSeconds} from now (Keycloak time). */
    public static void start(KeycloakSession session, RealmModel realm, UserModel user, int ttlSeconds) {
        PasswordCredentialModel password = password(session, realm, user);
        if (password == null || password.getCreatedDate() == null) {
            user.removeAttribute(ATTRIBUTE);
            return;
        }
        user.setSingleAttribute(ATTRIBUTE, password.getCreatedDate() + ":" + ((long) Time.currentTime() + ttlSeconds));
    }

    /**
     * True when the user's current password is a temporary password by SMS whose lifetime has ended. A marker left
     * from a password that has since been replaced (or not in the pack's format) is removed.
     */
    public static boolean expired(KeycloakSession session, RealmModel realm, UserModel user) {
        String value = user.getFirstAttribute(ATTRIBUTE);
        if (value == null) {
            return false;
        }
        PasswordCredentialModel password = password(session, realm, user);
        Long created = password == null ? null : password.getCreatedDate();
        long[] parsed = parse(value);
        if (parsed == null || created == null || created != parsed[0]) {
            user.removeAttribute(ATTRIBUTE);
            return false;
        }
        return expired(parsed[1], Time.currentTime());
    }

    /** Expired from the second {@code expiresAt} on. */
    static boolean expired(long expiresAt, long now) {
        return now >= expiresAt;
    }

    /** {@code [created ms, expires at s]}, or null when the value is not in the pack's format. */
    static long[] parse(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon != value.lastIndexOf(':')) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static PasswordCredentialModel password(KeycloakSession session, RealmModel realm, UserModel user) {
        PasswordCredentialProvider passwords = (PasswordCredentialProvider) session.getProvider(CredentialProvider.class,
                PasswordCredentialProviderFactory.PROVIDER_ID);
        return passwords == null ? null : passwords.getPassword(realm, user);
    }
}
