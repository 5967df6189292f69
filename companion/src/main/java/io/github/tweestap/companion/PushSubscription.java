package io.github.tweestap.companion;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Web Push subscription, the optional {@code push} field of {@code /enroll}. {@code auth} is not shown by toString. */
public record PushSubscription(String endpoint, String p256dh, String auth) {

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("endpoint", endpoint);
        map.put("p256dh", p256dh);
        map.put("auth", auth);
        return map;
    }

    @Override
    public String toString() {
        return "PushSubscription[endpoint=" + endpoint + ", p256dh=" + p256dh + ", auth=***]";
    }
}
