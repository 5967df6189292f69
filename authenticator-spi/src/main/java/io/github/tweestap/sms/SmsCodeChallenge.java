package io.github.tweestap.sms;

import io.github.tweestap.support.CodeHasher;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.SlotQuota;
import org.jboss.logging.Logger;
import org.keycloak.models.SingleUseObjectProvider;
import java.util.List;
import javax.crypto.SecretKey;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One SMS code of one login (or one number verification), kept in the authentication session's notes
 * (cluster-wide) under a prefix of its own: only a keyed hash of the code, its salt, expiry, attempts and send time.
 */
final class SmsCodeChallenge {

    private static final Logger LOG = Logger.getLogger(SmsCodeChallenge.class);

    /** The result of checking a typed code. */
    enum Check {
        MATCH, WRONG, WRONG_AND_VOID, NONE, EXHAUSTED, EXPIRED
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuthenticationSessionModel authSession;
    private final SmsCodeSettings settings;
    private final String hashNote;
    private final String saltNote;
    private final String expiresNote;
    private final String attemptsNote;
    private final String sentNote;
    private final String numberNote;
    private final String idNote;

    SmsCodeChallenge(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
            String notePrefix, SmsCodeSettings settings) {
        this.session = session;
        this.realm = realm;
        this.authSession = authSession;
        this.settings = settings;
        this.hashNote = notePrefix + ".hash";
        this.saltNote = notePrefix + ".salt";
        this.expiresNote = notePrefix + ".expiresAt";
        this.attemptsNote = notePrefix + ".attempts";
        this.sentNote = notePrefix + ".sentAt";
        this.numberNote = notePrefix + ".number";
        this.idNote = notePrefix + ".id";
    }

    /** True when a code was sent, is not expired and has attempts left. */
    boolean hasUsableCode() {
        return authSession.getAuthNote(hashNote) != null && Time.currentTimeMillis() < expiresAt()
                && attempts() < settings.maxAttempts();
    }

    /** The number the current code was sent to, or null. */
    String number() {
        return authSession.getAuthNote(numberNote);
    }

    boolean cooldownPassed() {
        long lastSent = parse(authSession.getAuthNote(sentNote), 0L);
        return lastSent == 0 || Time.currentTimeMillis() >= lastSent + settings.resendCooldownSeconds() * 1000L;
    }

    long cooldownSecondsLeft() {
        long until = parse(authSession.getAuthNote(sentNote), 0L) + settings.resendCooldownSeconds() * 1000L;
        return Math.max(1, (until - Time.currentTimeMillis() + 999) / 1000);
    }

    /**
     * Draws a new code (voiding any earlier one) and sends it through the dispatcher, as the localised message
     * {@code bodyKey} in the WebOTP format. On any outcome but {@code SENT} no code is valid.
     */
    SmsDispatcher.Outcome send(SecureCodes codes, SmsDispatcher dispatcher, UserModel user, String clientIp,
            String e164, String bodyKey) {
        long now = Time.currentTimeMillis();
        String previousSent = authSession.getAuthNote(sentNote);
        String code = codes.numeric(settings.codeLength());
        byte[] salt = codes.bytes(16);
        CodeHasher hasher;
        try {
            hasher = hasher();
        } catch (IllegalStateException e) {
            LOG.warn(e.getMessage());
            voidCode();
            return SmsDispatcher.Outcome.FAILED;
        }
        authSession.setAuthNote(hashNote, hasher.hash(salt, context(), code));
        authSession.setAuthNote(saltNote, CodeHasher.encodeSalt(salt));
        authSession.setAuthNote(expiresNote, Long.toString(now + settings.ttlSeconds() * 1000L));
        authSession.setAuthNote(attemptsNote, "0");
        authSession.setAuthNote(idNote, CodeHasher.encodeSalt(codes.bytes(12)));
        authSession.setAuthNote(sentNote, Long.toString(now));
        authSession.setAuthNote(numberNote, e164);

        LocalizedMessages messages = LocalizedMessages.forUser(session, realm, user);
        int minutes = Math.max(1, (settings.ttlSeconds() + 59) / 60);
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        String text = SmsTexts.webOtp(messages.get(bodyKey, code, minutes, realmName), host(), code);
        SmsDispatcher.Outcome outcome = dispatcher.send(realm, user, clientIp, e164, text, List.of(code));
        if (outcome != SmsDispatcher.Outcome.SENT) {
            voidCode();
            // Nothing went out: the resend cooldown runs from the last SMS that did.
            if (previousSent == null) {
                authSession.removeAuthNote(sentNote);
            } else {
                authSession.setAuthNote(sentNote, previousSent);
            }
        }
        return outcome;
    }

    /**
     * Checks a typed code (already known to be well-formed) and counts the attempt. Attempts are slots in Keycloak's
     * single-use store, taken atomically, so parallel requests cannot get more tries than the limit.
     */
    Check verify(String typed) {
        String hash = authSession.getAuthNote(hashNote);
        String salt = authSession.getAuthNote(saltNote);
        String id = authSession.getAuthNote(idNote);
        if (hash == null || salt == null || id == null) {
            return Check.NONE;
        }
        if (Time.currentTimeMillis() >= expiresAt()) {
            voidCode();
            return Check.EXPIRED;
        }
        long lifespan = Math.max(60, (expiresAt() - Time.currentTimeMillis()) / 1000 + 60);
        int slot = new SlotQuota(session.getProvider(SingleUseObjectProvider.class))
                .takeSlot("tweestap.sms.attempt." + id + ".", settings.maxAttempts(), lifespan);
        if (slot < 0) {
            voidCode();
            return Check.EXHAUSTED;
        }
        int attempts = slot + 1;
        authSession.setAuthNote(attemptsNote, Integer.toString(attempts));
        if (hasher().matches(CodeHasher.decodeSalt(salt), context(), typed, hash)) {
            return Check.MATCH;
        }
        if (attempts >= settings.maxAttempts()) {
            voidCode();
            return Check.WRONG_AND_VOID;
        }
        return Check.WRONG;
    }

    int attemptsLeft() {
        return Math.max(0, settings.maxAttempts() - attempts());
    }

    /** Makes the code unusable; the send time stays, for the cooldown. */
    void voidCode() {
        authSession.removeAuthNote(idNote);
        authSession.removeAuthNote(hashNote);
        authSession.removeAuthNote(saltNote);
        authSession.removeAuthNote(expiresNote);
        authSession.removeAuthNote(attemptsNote);
    }

    /** Removes every note of this challenge. */
    void clear() {
        voidCode();
        authSession.removeAuthNote(sentNote);
        authSession.removeAuthNote(numberNote);
    }

    private int attempts() {
        return (int) parse(authSession.getAuthNote(attemptsNote), Integer.MAX_VALUE);
    }

    private long expiresAt() {
        return parse(authSession.getAuthNote(expiresNote), 0L);
    }

    private String context() {
        return authSession.getParentSession().getId() + "/" + authSession.getTabId();
    }

    private String host() {
        return session.getContext().getUri().getBaseUri().getHost();
    }

    private CodeHasher hasher() {
        return io.github.tweestap.support.RealmKeys.hasher(session, realm);
    }

    private static long parse(String value, long fallback) {
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
