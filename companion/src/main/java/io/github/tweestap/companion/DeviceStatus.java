package io.github.tweestap.companion;

/**
 * A {@code /confirm} or {@code /status} answer.
 *
 * @param status   {@code pending} or {@code active}
 * @param username the user the device belongs to; may be null while pending
 * @param totp     the TOTP credential: only in the answer that activates the device (or the first {@code /status}
 *                 after an SMS-link activation), else null
 */
public record DeviceStatus(String status, String username, TotpParams totp) {

    public boolean isActive() {
        return DeviceState.ACTIVE.equals(status);
    }

    public boolean isPending() {
        return DeviceState.PENDING.equals(status);
    }
}
