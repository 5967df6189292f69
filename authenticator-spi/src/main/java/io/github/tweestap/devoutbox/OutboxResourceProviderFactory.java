package io.github.tweestap.devoutbox;

import io.github.tweestap.support.RealmResourceFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;

/**
 * Serves the dev outbox at {@code /realms/<realm>/tweestap-outbox} when enabled
 * ({@code --spi-realm-restapi-extension--tweestap-outbox--capture=true}, dev mode only); answers 404 otherwise.
 */
public final class OutboxResourceProviderFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-outbox";

    private OutboxStore store;

    @Override
    public Object resource(KeycloakSession session) {
        return new OutboxResource(session, store);
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return DevOutbox.options();
    }

    @Override
    public void init(Config.Scope config) {
        store = DevOutbox.configure(config, "outbox page " + ID);
    }

    @Override
    public String getId() {
        return ID;
    }
}
