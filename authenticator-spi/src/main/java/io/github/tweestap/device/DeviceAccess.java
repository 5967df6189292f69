package io.github.tweestap.device;

import org.keycloak.models.UserModel;

/** What other capabilities may do with a user's app bindings. */
public final class DeviceAccess {

    private DeviceAccess() {
    }

    /** Removes every app binding of the user with the OTP credential created with it; returns how many. */
    public static int removeBindings(UserModel user) {
        var devices = Devices.all(user);
        devices.forEach(Devices::remove);
        return devices.size();
    }
}
