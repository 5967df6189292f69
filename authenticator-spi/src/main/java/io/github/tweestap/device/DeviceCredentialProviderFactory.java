package io.github.tweestap.device;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link DeviceCredentialProvider} for the credential type {@value Devices#TYPE}. */
public final class DeviceCredentialProviderFactory implements CredentialProviderFactory<DeviceCredentialProvider> {

    public static final String ID = Devices.TYPE;

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new DeviceCredentialProvider(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
