package io.github.tweestap.sms;

import org.keycloak.provider.ProviderFactory;

public interface SmsSenderProviderFactory extends ProviderFactory<SmsSenderProvider> {
}
