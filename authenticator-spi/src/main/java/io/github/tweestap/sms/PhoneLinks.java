package io.github.tweestap.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * One-time links, sent by SMS, that confirm a number an admin registered (seed 001: "klik op de link in de SMS"):
 * opening the link on the phone proves the phone receives that number's SMS. A link is 256 random bits; only its
 * SHA-256 is stored, in Keycloak's single-use store (cluster-wide), with the user, the number and an expiry, and
 * {@code remove} consumes it once.
 */
public final class PhoneLinks {

    static final String KEY_PREFIX = "tweestap.phone.link.";

    /** What a consumed link confirms. */
    public record Claim(String realmId, String userId, String e164) {
    }

    private PhoneLinks() {
    }

    /** Creates a link token for the user's number; returns the token (to put in the URL only). */
    public static String create(KeycloakSession session, RealmModel realm, UserModel user, String e164, int ttlSeconds,
            SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expires = Time.currentTime() + ttlSeconds;
        session.getProvider(SingleUseObjectProvider.class).put(KEY_PREFIX + digest(token), ttlSeconds,
                Map.of("realm", realm.getId(), "user", user.getId(), "number", e164, "exp", Long.toString(expires)));
        return token;
    }

    /** Whether the token is a live link of this realm, without using it up (for the confirmation page). */
    public static boolean isLive(KeycloakSession session, RealmModel realm, String token) {
        Map<String, String> notes = lookup(session, token, false);
        return notes != null && realm.getId().equals(notes.get("realm")) && !expired(notes);
    }

    /** Uses the link up; returns its claim, or null when it is unknown, used, expired or of another realm. */
    public static Claim consume(KeycloakSession session, RealmModel realm, String token) {
        Map<String, String> notes = lookup(session, token, true);
        if (notes == null || !realm.getId().equals(notes.get("realm")) || expired(notes)) {
            return null;
        }
        return new Claim(notes.get("realm"), notes.get("user"), notes.get("number"));
    }

    private static Map<String, String> lookup(KeycloakSession session, String token, boolean remove) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return null;
        }
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        String key = KEY_PREFIX + digest(token);
        return remove ? store.remove(key) : store.get(key);
    }

    private static boolean expired(Map<String, String> notes) {
        try {
            return Time.currentTime() >= Long.parseLong(notes.get("exp"));
        } catch (NumberFormatException | NullPointerException e) {
            return true;
        }
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
