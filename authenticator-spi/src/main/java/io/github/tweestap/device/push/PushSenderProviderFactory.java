package io.github.tweestap.device.push;

import org.keycloak.provider.ProviderFactory;

public interface PushSenderProviderFactory extends ProviderFactory<PushSenderProvider> {
}
