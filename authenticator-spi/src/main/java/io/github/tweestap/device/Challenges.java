package io.github.tweestap.device;

import io.github.tweestap.support.SlotQuota;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * Push challenges ("Logt u in?") in Keycloak's cluster-wide single-use store. A user has at most
 * {@code maxPending} open challenges: each holds one of the user's slot keys (atomic {@code putIfAbsent}), and the
 * phone's poll reads the slots' challenge ids. Expiry times are inside the values and checked with {@link Time}. An
 * answer is claimed once with {@code putIfAbsent}, so two answers (two nodes) cannot both count.
 */
final class Challenges {

    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String DENIED = "denied";
    static final String REPORTED = "reported";
    static final String EXPIRED = "expired";

    private static final String CHALLENGE = "tweestap.push.ch.";
    private static final String SLOT = "tweestap.push.slot.";
    private static final String SLOT_ID = "tweestap.push.slotid.";
    private static final String ANSWERED = "tweestap.push.answered.";
    private static final String WRONG = "tweestap.push.wrong.";
    private static final String COUNTED = "tweestap.push.counted.";
    private static final String BACKOFF = "tweestap.push.backoff.";
    private static final String MUTE = "tweestap.push.mute.";

    /** A challenge as stored. */
    record Challenge(String id, Map<String, String> data) {

        String status() {
            return data.get("status");
        }

        String userId() {
            return data.get("user");
        }

        String deviceId() {
            return data.get("device");
        }

        long expires() {
            return Long.parseLong(data.getOrDefault("exp", "0"));
        }

        boolean open() {
            return PENDING.equals(status()) && Time.currentTime() < expires();
        }

        String get(String key) {
            return data.get(key);
        }
    }

    /** Why no challenge was created. */
    enum Refusal { MUTED, BACKOFF, TOO_MANY }

    record Created(Challenge challenge, String number, String browserKey, Refusal refusal, int waitSeconds) {
    }

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;

    Challenges(KeycloakSession session) {
        this.session = session;
        this.store = session.getProvider(SingleUseObjectProvider.class);
    }

    Created create(UserModel user, Devices.Device device, String type, Map<String, String> context,
            DeviceSettings settings, SecureRandom random) {
        return create(user, device, type, context, settings, random, true, true);
    }

    /**
     * @param withNumber whether the phone must type a number shown on a page (a request the user did not start from
     *                   a page, such as the unlock request at a lockout, has none)
     * @param pushLimits whether mute and backoff apply (they are about login pushes)
     */
    Created create(UserModel user, Devices.Device device, String type, Map<String, String> context,
            DeviceSettings settings, SecureRandom random, boolean withNumber, boolean pushLimits) {
        return create(user, device, type, context, settings, random, withNumber, pushLimits, null);
    }

    /**
     * @param presetNumber the number to match when a page showed one before the challenge was made (the unlock page
     *                     answers first and asks later); null: a new one, if {@code withNumber}
     */
    Created create(UserModel user, Devices.Device device, String type, Map<String, String> context,
            DeviceSettings settings, SecureRandom random, boolean withNumber, boolean pushLimits, String presetNumber) {
        long now = Time.currentTime();
        Map<String, String> mute = pushLimits ? store.get(MUTE + user.getId()) : null;
        if (mute != null && now < Long.parseLong(mute.getOrDefault("until", "0"))) {
            return new Created(null, null, null, Refusal.MUTED, (int) (Long.parseLong(mute.get("until")) - now));
        }
        Map<String, String> backoff = pushLimits ? store.get(BACKOFF + user.getId()) : null;
        if (backoff != null && now < Long.parseLong(backoff.getOrDefault("until", "0"))) {
            return new Created(null, null, null, Refusal.BACKOFF, (int) (Long.parseLong(backoff.get("until")) - now));
        }
        int ttl = settings.challengeTtl();
        int slot = takePendingSlot(SLOT + user.getId() + ".", settings.maxPending(), ttl + 5L);
        if (slot < 0) {
            return new Created(null, null, null, Refusal.TOO_MANY, 0);
        }
        String id = random(random, 18);
        String browserKey = random(random, 32);
        String number = !withNumber ? null : presetNumber != null ? presetNumber : newNumber(random);
        Map<String, String> data = new HashMap<>(context);
        data.put("user", user.getId());
        data.put("device", device.id());
        data.put("type", type);
        if (number != null) {
            data.put("number", number);
        }
        data.put("bk", digest(browserKey));
        data.put("status", PENDING);
        data.put("created", Long.toString(now));
        data.put("exp", Long.toString(now + ttl));
        data.put("slot", Integer.toString(slot));
        store.put(CHALLENGE + id, ttl + 120L, data);
        store.put(SLOT_ID + user.getId() + "." + slot, ttl + 5L, Map.of("id", id));
        return new Created(new Challenge(id, new HashMap<>(data)), number, browserKey, null, 0);
    }

    /**
     * Takes the lowest free of the user's {@code limit} pending slots, or -1 when all are held. Unlike the window quotas
     * ({@link SlotQuota#takeSlot}, whose slots all expire together, so a binary search finds the first free one), an
     * answered challenge frees its own slot, which may lie below slots still held: every slot is tried, in order, with
     * an atomic {@code putIfAbsent} (the cap is at most 10).
     */
    private int takePendingSlot(String prefix, int limit, long lifespanSeconds) {
        for (int slot = 0; slot < limit; slot++) {
            if (store.putIfAbsent(prefix + slot, lifespanSeconds)) {
                return slot;
            }
        }
        return -1;
    }

    /** A number to match, as a page shows it (10 to 99). */
    static String newNumber(SecureRandom random) {
        return Integer.toString(10 + random.nextInt(90));
    }

    Challenge get(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{24}")) {
            return null;
        }
        Map<String, String> data = store.get(CHALLENGE + id);
        return data == null ? null : new Challenge(id, new HashMap<>(data));
    }

    /** Whether {@code browserKey} is the one this challenge was created with (constant time). */
    static boolean browserKeyMatches(Challenge challenge, String browserKey) {
        if (browserKey == null || challenge.get("bk") == null) {
            return false;
        }
        return MessageDigest.isEqual(challenge.get("bk").getBytes(StandardCharsets.US_ASCII),
                digest(browserKey).getBytes(StandardCharsets.US_ASCII));
    }

    /** The user's open challenges for this device, oldest first; expired ones are closed on the way. */
    List<Challenge> open(UserModel user, Devices.Device device, DeviceSettings settings) {
        List<Challenge> open = new ArrayList<>();
        for (int slot = 0; slot < settings.maxPending(); slot++) {
            Map<String, String> ref = store.get(SLOT_ID + user.getId() + "." + slot);
            Challenge challenge = ref == null ? null : get(ref.get("id"));
            if (challenge == null || !device.id().equals(challenge.deviceId())) {
                continue;
            }
            if (challenge.open()) {
                open.add(challenge);
            } else if (PENDING.equals(challenge.status())) {
                expire(challenge, settings);
            }
        }
        open.sort((a, b) -> a.get("created").compareTo(b.get("created")));
        return open;
    }

    enum Outcome { APPROVED, DENIED, REPORTED, WRONG_NUMBER, CLOSED, UNKNOWN }

    record Answer(Outcome outcome, int attemptsLeft, Challenge challenge) {
    }

    Answer answer(Devices.Device device, String id, boolean approve, String number, boolean report,
            DeviceSettings settings) {
        Challenge challenge = get(id);
        if (challenge == null || !device.id().equals(challenge.deviceId())) {
            return new Answer(Outcome.UNKNOWN, 0, null);
        }
        if (!challenge.open()) {
            if (PENDING.equals(challenge.status())) {
                expire(challenge, settings);
            }
            return new Answer(Outcome.CLOSED, 0, challenge);
        }
        boolean limits = "login".equals(challenge.get("type"));
        if (approve) {
            boolean right = challenge.get("number") == null || number != null && MessageDigest.isEqual(number.trim().getBytes(StandardCharsets.UTF_8),
                    challenge.get("number").getBytes(StandardCharsets.UTF_8));
            if (!right) {
                int limit = settings.numberAttempts();
                int slot = new SlotQuota(store).takeSlot(WRONG + id + ".", limit, settings.challengeTtl() + 60L);
                int left = slot < 0 ? 0 : limit - slot - 1;
                if (left > 0) {
                    return new Answer(Outcome.WRONG_NUMBER, left, challenge);
                }
                // Out of tries: the challenge is refused, as if denied.
                if (!claim(challenge, settings)) {
                    return new Answer(Outcome.CLOSED, 0, challenge);
                }
                close(challenge, DENIED, settings);
                if (limits) {
                    refused(challenge.userId(), settings);
                }
                return new Answer(Outcome.WRONG_NUMBER, 0, challenge);
            }
            if (!claim(challenge, settings)) {
                return new Answer(Outcome.CLOSED, 0, challenge);
            }
            close(challenge, APPROVED, settings);
            store.remove(BACKOFF + challenge.userId());
            return new Answer(Outcome.APPROVED, 0, challenge);
        }
        if (!claim(challenge, settings)) {
            return new Answer(Outcome.CLOSED, 0, challenge);
        }
        close(challenge, report ? REPORTED : DENIED, settings);
        if (report) {
            // "Dit was ik niet", on a login push or an unlock request: no pushes, and no unlock requests from the
            // page, for a while (the code still works).
            long until = Time.currentTime() + settings.muteSeconds();
            store.put(MUTE + challenge.userId(), settings.muteSeconds(), Map.of("until", Long.toString(until)));
        }
        if (limits) {
            refused(challenge.userId(), settings);
        }
        return new Answer(report ? Outcome.REPORTED : Outcome.DENIED, 0, challenge);
    }

    /**
     * Closes the user's other open login challenges with {@code status} (all devices; {@code exceptId} stays open):
     * a new login push makes the older ones stale (an abandoned page's push would otherwise come first on the phone),
     * and "dit was ik niet" on one of them reaches every page still waiting. Not counted as ignored. Returns the ids,
     * whose waiting pages the caller wakes.
     */
    List<String> closeOtherLogins(String userId, String exceptId, String status, DeviceSettings settings) {
        List<String> closed = new ArrayList<>();
        for (int slot = 0; slot < settings.maxPending(); slot++) {
            Map<String, String> ref = store.get(SLOT_ID + userId + "." + slot);
            Challenge challenge = ref == null ? null : get(ref.get("id"));
            if (challenge == null || challenge.id().equals(exceptId) || !userId.equals(challenge.userId())
                    || !"login".equals(challenge.get("type")) || !PENDING.equals(challenge.status())) {
                continue;
            }
            if (claim(challenge, settings)) {
                close(challenge, status, settings);
                closed.add(challenge.id());
            }
        }
        return closed;
    }

    /** Closes an open challenge the browser gives up on (retry, switch to the code). */
    void abandon(Challenge challenge, DeviceSettings settings) {
        if (challenge != null && PENDING.equals(challenge.status()) && claim(challenge, settings)) {
            close(challenge, EXPIRED, settings);
        }
    }

    /** Marks an unanswered challenge expired (once, on whichever node sees it first); counts as ignored. */
    void expire(Challenge challenge, DeviceSettings settings) {
        if (claim(challenge, settings)) {
            close(challenge, EXPIRED, settings);
            if ("login".equals(challenge.get("type"))
                    && store.putIfAbsent(COUNTED + challenge.id(), settings.challengeTtl() + 120L)) {
                refused(challenge.userId(), settings);
            }
        }
    }

    private boolean claim(Challenge challenge, DeviceSettings settings) {
        return store.putIfAbsent(ANSWERED + challenge.id(), settings.challengeTtl() + 120L);
    }

    private void close(Challenge challenge, String status, DeviceSettings settings) {
        Map<String, String> data = new HashMap<>(challenge.data());
        data.put("status", status);
        data.put("closed", Long.toString(Time.currentTime()));
        // put with a lifespan (replace would keep the entry for ever): the closed challenge stays readable for the
        // browser's last look, then expires.
        store.put(CHALLENGE + challenge.id(), settings.challengeTtl() + 120L, data);
        challenge.data().putAll(data);
        String slot = challenge.get("slot");
        store.remove(SLOT_ID + challenge.userId() + "." + slot);
        store.remove(SLOT + challenge.userId() + "." + slot);
    }

    /** One more denied or ignored push in a row: the next push waits longer. */
    private void refused(String userId, DeviceSettings settings) {
        Map<String, String> previous = store.get(BACKOFF + userId);
        int count = previous == null ? 1 : Integer.parseInt(previous.getOrDefault("n", "0")) + 1;
        int wait = settings.backoffSeconds(count);
        long until = Time.currentTime() + wait;
        store.put(BACKOFF + userId, 24 * 3600L, Map.of("n", Integer.toString(count), "until", Long.toString(until)));
    }

    /** Seconds until the user may be pushed again after refusals or a "dit was ik niet" (0: now). */
    int waitSeconds(String userId) {
        long now = Time.currentTime();
        long until = 0;
        for (String prefix : new String[] {MUTE, BACKOFF}) {
            Map<String, String> value = store.get(prefix + userId);
            if (value != null) {
                until = Math.max(until, Long.parseLong(value.getOrDefault("until", "0")));
            }
        }
        return (int) Math.max(0, until - now);
    }

    boolean muted(String userId) {
        Map<String, String> mute = store.get(MUTE + userId);
        return mute != null && Time.currentTime() < Long.parseLong(mute.getOrDefault("until", "0"));
    }

    private static String random(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static String digest(String value) {
        return EnrollmentTokens.digest(value);
    }
}
