package io.github.tweestap.devoutbox;

import io.github.tweestap.support.SimpleFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves the dev outbox at {@code /realms/<realm>/tweestap-outbox} when enabled
 * ({@code --spi-realm-restapi-extension--tweestap-outbox--capture=true}, dev mode only); answers 404 otherwise.
 */
public final class OutboxResourceProviderFactory implements RealmResourceProviderFactory, SimpleFactory<RealmResourceProvider> {

    public static final String ID = "tweestap-outbox";

    private OutboxStore store;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        OutboxStore current = store;
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new OutboxResource(session, current);
            }

            @Override
            public void close() {
            }
        };
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
