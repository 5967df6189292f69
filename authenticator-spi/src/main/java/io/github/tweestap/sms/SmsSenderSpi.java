package io.github.tweestap.sms;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The SMS sender SPI. The server's provider is chosen with {@code --spi-tweestap-sms-sender--provider=<id>};
 * without it, {@code log} is used.
 */
public final class SmsSenderSpi implements Spi {

    public static final String NAME = "tweestap-sms-sender";

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
        return SmsSenderProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmsSenderProviderFactory.class;
    }
}
