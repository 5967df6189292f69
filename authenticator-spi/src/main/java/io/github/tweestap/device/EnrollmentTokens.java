package io.github.tweestap.device;

import io.github.tweestap.support.CodeHasher;
import io.github.tweestap.support.RealmKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * The token in the binding QR code: {@code base64url(payload).base64url(HMAC)}, the MAC keyed with the realm's
 * HS512 key. It names the realm and user, expires quickly and is single use: the device API verifies it itself and
 * consumes its {@code jti} with an atomic {@code putIfAbsent} (no browser action-token flow is involved).
 */
final class EnrollmentTokens {

    private static final String CONTEXT = "tweestap-device-enroll";
    private static final byte[] NO_SALT = new byte[0];

    record Claim(String realmId, String userId, String jti, long expires) {
    }

    private EnrollmentTokens() {
    }

    static Claim create(RealmModel realm, UserModel user, int ttlSeconds, SecureRandom random) {
        byte[] id = new byte[18];
        random.nextBytes(id);
        return new Claim(realm.getId(), user.getId(), Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                Time.currentTime() + ttlSeconds);
    }

    static String encode(KeycloakSession session, RealmModel realm, Claim claim) {
        // The realm is not in the token (it would only make the QR code denser): the MAC binds it.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("u", claim.userId());
        payload.put("j", claim.jti());
        payload.put("e", claim.expires());
        try {
            String body = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JsonSerialization.writeValueAsBytes(payload));
            return body + "." + RealmKeys.hasher(session, realm).hash(NO_SALT, CONTEXT + "/" + realm.getId(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's claim when its MAC is this realm's and it has not expired; else null. Does not consume it. */
    static Claim verify(KeycloakSession session, RealmModel realm, String token) {
        if (token == null || token.length() > 1024) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return null;
        }
        String body = token.substring(0, dot);
        CodeHasher hasher = RealmKeys.hasher(session, realm);
        if (!hasher.matches(NO_SALT, CONTEXT + "/" + realm.getId(), body, token.substring(dot + 1))) {
            return null;
        }
        try {
            Map<?, ?> payload = JsonSerialization.readValue(Base64.getUrlDecoder().decode(body), Map.class);
            Claim claim = new Claim(realm.getId(), (String) payload.get("u"), (String) payload.get("j"),
                    ((Number) payload.get("e")).longValue());
            if (claim.userId() == null || claim.jti() == null
                    || Time.currentTime() >= claim.expires()) {
                return null;
            }
            return claim;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Uses the token up, atomically across the cluster; false when it was used before. */
    static boolean consume(KeycloakSession session, Claim claim) {
        long lifespan = Math.max(1, claim.expires() - Time.currentTime()) + 60;
        return session.getProvider(SingleUseObjectProvider.class)
                .putIfAbsent("tweestap.device.enroll.used." + claim.jti(), lifespan);
    }

    static String digest(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
