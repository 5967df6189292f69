package io.github.tweestap.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * A cluster-wide rate limit on Keycloak's {@link SingleUseObjectProvider}: a fixed time window holds {@code limit}
 * slot keys, and taking one is an atomic {@code putIfAbsent}, so two nodes can never hand out the same slot. Slots
 * are taken lowest first, which lets a binary search find the first free one in O(log limit) look-ups. The slot
 * keys expire with their window. Subjects (user ids, IP addresses, phone numbers) are hashed into the keys.
 */
public final class SlotQuota {

    private final SingleUseObjectProvider store;

    public SlotQuota(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * Takes one slot for {@code subject} in the current window.
     *
     * @param scope         what is limited, e.g. {@code sms.user}
     * @param limit         slots per window; 0 means nothing is allowed
     * @param windowSeconds length of the window
     * @param nowSeconds    current Keycloak time in seconds
     * @return true when a slot was taken (the action may go ahead)
     */
    public boolean tryAcquire(String scope, String subject, int limit, int windowSeconds, long nowSeconds) {
        return acquire(scope, subject, limit, windowSeconds, nowSeconds) != null;
    }

    /** Like {@link #tryAcquire}, but returns the key of the slot taken (or null), so it can be given back. */
    public String acquire(String scope, String subject, int limit, int windowSeconds, long nowSeconds) {
        if (limit <= 0) {
            return null;
        }
        long window = nowSeconds / windowSeconds;
        long lifespan = (window + 1) * windowSeconds - nowSeconds + 1;
        String prefix = "tweestap.quota." + scope + "." + digest(subject) + "." + window + ".";
        int slot = takeSlot(prefix, limit, lifespan);
        return slot < 0 ? null : prefix + slot;
    }

    /** Gives a slot back, e.g. when the action it was taken for did not happen. */
    public void release(String key) {
        if (key != null) {
            store.remove(key);
        }
    }

    /**
     * Takes the lowest free of {@code limit} slots {@code prefix0 .. prefix(limit-1)}, each living
     * {@code lifespanSeconds}; returns its number, or -1 when all are taken. Atomic across the cluster.
     */
    public int takeSlot(String prefix, int limit, long lifespanSeconds) {
        int low = 0;
        int high = limit; // invariant: slots below low are taken; slot high (== limit) means "none free"
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (store.contains(prefix + mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int slot = low; slot < limit; slot++) {
            if (store.putIfAbsent(prefix + slot, lifespanSeconds)) {
                return slot;
            }
        }
        return -1;
    }

    /** The quota subject of a client address: the address itself for IPv4, its /64 network for IPv6. */
    public static String clientBucket(String address) {
        if (address == null || !address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    static String digest(String subject) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest(String.valueOf(subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
