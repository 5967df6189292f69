package io.github.tweestap.device.push;

import io.github.tweestap.support.SimpleFactory;
import org.keycloak.models.KeycloakSession;

/** The default: sends nothing; devices learn of challenges through their long-poll on the device API. */
public final class LongPollPushSenderProviderFactory implements PushSenderProviderFactory, SimpleFactory<PushSenderProvider> {

    public static final String ID = "long-poll";

    @Override
    public PushSenderProvider create(KeycloakSession session) {
        return (target, message) -> {
        };
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 10;
    }
}
