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

    @Override
    default void close() {
    }
}
