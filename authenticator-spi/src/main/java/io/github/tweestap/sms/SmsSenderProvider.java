package io.github.tweestap.sms;

import org.keycloak.provider.Provider;

/** Sends one text message. Implementations must not log the message's secrets. */
public interface SmsSenderProvider extends Provider {

    /**
     * @throws SmsException when the message could not be handed to the gateway; nothing was sent then
     */
    void send(SmsMessage message) throws SmsException;

    @Override
    default void close() {
    }
}
