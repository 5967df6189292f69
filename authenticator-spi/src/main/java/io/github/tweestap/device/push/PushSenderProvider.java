package io.github.tweestap.device.push;

import org.keycloak.provider.Provider;

/** Wakes one device. Best effort: a failure is logged by the caller and the device still finds the challenge by polling. */
public interface PushSenderProvider extends Provider {

    /**
     * Sends {@code message} to the device's push subscription.
     *
     * @throws PushException when the push service refused the message or could not be reached
     */
    void send(PushTarget target, PushMessage message) throws PushException;

    /**
     * The key a device subscribes with ({@code applicationServerKey}: base64url of the VAPID public key), or null
     * when this sender needs no subscription. The web app reads it from its {@code config.json}.
     */
    default String applicationServerKey() {
        return null;
    }

    @Override
    default void close() {
    }
}
