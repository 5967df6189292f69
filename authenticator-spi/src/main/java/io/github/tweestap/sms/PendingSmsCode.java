package io.github.tweestap.sms;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The SMS code of one login, as kept in the authentication session's notes (cluster-wide): only its hash, salt,
 * expiry and counters; never the code.
 */
record PendingSmsCode(String hash, String salt, long expiresAtMillis, int attempts, long sentAtMillis) {

    static final String NOTE_HASH = "tweestap.sms.hash";
    static final String NOTE_SALT = "tweestap.sms.salt";
    static final String NOTE_EXPIRES = "tweestap.sms.expiresAt";
    static final String NOTE_ATTEMPTS = "tweestap.sms.attempts";
    static final String NOTE_SENT = "tweestap.sms.sentAt";

    /** The time of the last send, or 0; kept after the code itself is void, for the resend cooldown. */
    static long lastSent(AuthenticationSessionModel session) {
        return parseLong(session.getAuthNote(NOTE_SENT), 0L);
    }

    /** The current code, or null when there is none (never sent, or voided). */
    static PendingSmsCode read(AuthenticationSessionModel session) {
        String hash = session.getAuthNote(NOTE_HASH);
        String salt = session.getAuthNote(NOTE_SALT);
        if (hash == null || salt == null) {
            return null;
        }
        return new PendingSmsCode(hash, salt, parseLong(session.getAuthNote(NOTE_EXPIRES), 0L),
                (int) parseLong(session.getAuthNote(NOTE_ATTEMPTS), Integer.MAX_VALUE), lastSent(session));
    }

    void write(AuthenticationSessionModel session) {
        session.setAuthNote(NOTE_HASH, hash);
        session.setAuthNote(NOTE_SALT, salt);
        session.setAuthNote(NOTE_EXPIRES, Long.toString(expiresAtMillis));
        session.setAuthNote(NOTE_ATTEMPTS, Integer.toString(attempts));
        session.setAuthNote(NOTE_SENT, Long.toString(sentAtMillis));
    }

    static void recordAttempts(AuthenticationSessionModel session, int attempts) {
        session.setAuthNote(NOTE_ATTEMPTS, Integer.toString(attempts));
    }

    /** Makes the code unusable; the send time stays for the cooldown. */
    static void voidCode(AuthenticationSessionModel session) {
        session.removeAuthNote(NOTE_HASH);
        session.removeAuthNote(NOTE_SALT);
        session.removeAuthNote(NOTE_EXPIRES);
        session.removeAuthNote(NOTE_ATTEMPTS);
    }

    /** Removes every note of this authenticator (after success). */
    static void clear(AuthenticationSessionModel session) {
        voidCode(session);
        session.removeAuthNote(NOTE_SENT);
    }

    boolean expired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    boolean exhausted(int maxAttempts) {
        return attempts >= maxAttempts;
    }

    private static long parseLong(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
