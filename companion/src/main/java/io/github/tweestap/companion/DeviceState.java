package io.github.tweestap.companion;

import java.net.URI;
import java.util.Objects;

/**
 * What the device knows about itself: where its server is, its id, its keys, whose it is and its TOTP credential.
 * Immutable; {@link DeviceStore} saves and loads it. {@link #toString()} shows neither the private key nor the
 * TOTP secret.
 *
 * @param baseUrl  {@code {realmUrl}/tweestap-device}, no trailing slash; null before enrollment
 * @param deviceId the server's id for this device; null before enrollment
 * @param name     the device name sent at enrollment; may be null
 * @param status   {@link #NEW}, {@link #PENDING}, {@link #ACTIVE} or {@link #UNLINKED}
 * @param username the user, once the server said; may be null
 * @param keys     the device's key pair (never null)
 * @param totp     the TOTP credential, once active; may be null
 */
public record DeviceState(URI baseUrl, String deviceId, String name, String status, String username,
                          DeviceKeys keys, TotpParams totp) {

    public static final String NEW = "new";
    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String UNLINKED = "unlinked";

    public DeviceState {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(status, "status");
    }

    /** A device with keys and nothing else yet. */
    public static DeviceState unenrolled(DeviceKeys keys) {
        return new DeviceState(null, null, null, NEW, null, keys, null);
    }

    public DeviceState withBaseUrl(URI newBaseUrl) {
        return new DeviceState(newBaseUrl, deviceId, name, status, username, keys, totp);
    }

    public DeviceState withEnrollment(String newDeviceId, String newName, String newStatus) {
        return new DeviceState(baseUrl, newDeviceId, newName, newStatus, username, keys, totp);
    }

    public DeviceState withStatus(String newStatus) {
        return new DeviceState(baseUrl, deviceId, name, newStatus, username, keys, totp);
    }

    public DeviceState withUsername(String newUsername) {
        return new DeviceState(baseUrl, deviceId, name, status, newUsername, keys, totp);
    }

    public DeviceState withTotp(TotpParams newTotp) {
        return new DeviceState(baseUrl, deviceId, name, status, username, keys, newTotp);
    }

    public boolean isEnrolled() {
        return deviceId != null && baseUrl != null;
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    @Override
    public String toString() {
        return "DeviceState[baseUrl=" + baseUrl + ", deviceId=" + deviceId + ", name=" + name + ", status=" + status
                + ", username=" + username + ", keys=" + keys + ", totp=" + totp + "]";
    }
}
