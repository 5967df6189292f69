package io.github.tweestap.device.push;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The push-sender SPI: how the server wakes a companion device when a challenge waits for it. The device always
 * learns of challenges by long-polling the device API; a push sender only makes that quicker when the app is
 * asleep. Default provider: {@code long-poll} (sends nothing). Choose another with
 * {@code --spi-tweestap-push-sender--provider-default=<id>}.
 */
public final class PushSenderSpi implements Spi {

    public static final String NAME = "tweestap-push-sender";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PushSenderProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PushSenderProviderFactory.class;
    }
}
