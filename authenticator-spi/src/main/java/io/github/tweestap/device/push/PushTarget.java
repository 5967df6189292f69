package io.github.tweestap.device.push;

/**
 * Where a device can be woken: its Web Push subscription as the browser/app reported it (the push service's
 * {@code endpoint} URL and the subscription's {@code p256dh} public key and {@code auth} secret, both base64url),
 * or null fields when the device registered none.
 */
public record PushTarget(String deviceId, String endpoint, String p256dh, String auth) {

    public boolean hasSubscription() {
        return endpoint != null && !endpoint.isBlank() && p256dh != null && auth != null;
    }
}
