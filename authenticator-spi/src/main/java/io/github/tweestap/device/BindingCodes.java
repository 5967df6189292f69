package io.github.tweestap.device;

import io.github.tweestap.support.CodeHasher;
import io.github.tweestap.support.RealmKeys;
import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.SlotQuota;
import java.util.Base64;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The one-time SMS code (and SMS link) that confirms a new binding. Only a keyed hash of the code is stored, in the
 * cluster-wide single-use store, bound to the device; wrong tries take atomic slots, so the limit holds across nodes.
 */
final class BindingCodes {

    static final int LENGTH = 6;
    private static final String CODE = "tweestap.device.bind.";
    private static final String TRIES = "tweestap.device.bindtry.";
    private static final String LINK = "tweestap.device.bindlink.";

    enum Result { OK, WRONG, EXHAUSTED, EXPIRED, NONE }

    record Issued(String code, String linkToken) {
    }

    record Check(Result result, int attemptsLeft) {
    }

    record LinkClaim(String realmId, String deviceId) {
    }

    private BindingCodes() {
    }

    static Issued issue(KeycloakSession session, RealmModel realm, Devices.Device device, DeviceSettings settings,
            SecureCodes codes) {
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        String code = codes.numeric(LENGTH);
        byte[] salt = codes.bytes(16);
        long expires = Time.currentTime() + settings.bindCodeTtl();
        String hash = RealmKeys.hasher(session, realm).hash(salt, device.id(), code);
        store.put(CODE + device.credential().getId(), settings.bindCodeTtl(),
                Map.of("salt", CodeHasher.encodeSalt(salt), "hash", hash, "exp", Long.toString(expires)));
        String link = Base64.getUrlEncoder().withoutPadding().encodeToString(codes.bytes(32));
        store.put(LINK + EnrollmentTokens.digest(link), settings.bindCodeTtl(),
                Map.of("realm", realm.getId(), "device", device.id(), "exp", Long.toString(expires)));
        return new Issued(code, link);
    }

    static Check check(KeycloakSession session, RealmModel realm, Devices.Device device, String typed,
            DeviceSettings settings) {
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        String key = CODE + device.credential().getId();
        Map<String, String> stored = store.get(key);
        if (stored == null) {
            return new Check(Result.NONE, 0);
        }
        if (Time.currentTime() >= Long.parseLong(stored.getOrDefault("exp", "0"))) {
            store.remove(key);
            return new Check(Result.EXPIRED, 0);
        }
        int limit = settings.bindCodeAttempts();
        int slot = new SlotQuota(store).takeSlot(TRIES + device.credential().getId() + "." + stored.get("hash") + ".",
                limit, settings.bindCodeTtl() + 60L);
        if (slot < 0) {
            store.remove(key);
            return new Check(Result.EXHAUSTED, 0);
        }
        boolean match = RealmKeys.hasher(session, realm).matches(CodeHasher.decodeSalt(stored.get("salt")), device.id(),
                SecureCodes.normaliseTyped(typed), stored.get("hash"));
        if (match) {
            // Only the request that removes the code wins (two parallel right answers activate once).
            return store.remove(key) != null ? new Check(Result.OK, 0) : new Check(Result.NONE, 0);
        }
        int left = limit - slot - 1;
        if (left == 0) {
            store.remove(key);
        }
        return new Check(Result.WRONG, left);
    }

    /** Whether the link is live (for its confirmation page), without using it up. */
    static LinkClaim peekLink(KeycloakSession session, RealmModel realm, String token) {
        return link(session, realm, token, false);
    }

    static LinkClaim consumeLink(KeycloakSession session, RealmModel realm, String token) {
        return link(session, realm, token, true);
    }

    private static LinkClaim link(KeycloakSession session, RealmModel realm, String token, boolean consume) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return null;
        }
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        String key = LINK + EnrollmentTokens.digest(token);
        Map<String, String> claim = consume ? store.remove(key) : store.get(key);
        if (claim == null || !realm.getId().equals(claim.get("realm"))
                || Time.currentTime() >= Long.parseLong(claim.getOrDefault("exp", "0"))) {
            return null;
        }
        return new LinkClaim(claim.get("realm"), claim.get("device"));
    }

    /** Voids the device's code (after confirmation through the link). */
    static void clear(KeycloakSession session, Devices.Device device) {
        session.getProvider(SingleUseObjectProvider.class).remove(CODE + device.credential().getId());
    }
}
