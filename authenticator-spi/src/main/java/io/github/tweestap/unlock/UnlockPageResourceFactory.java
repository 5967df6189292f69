package io.github.tweestap.unlock;

import io.github.tweestap.support.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@link UnlockPageResource} at {@code /realms/<realm>/tweestap-unlock}. */
public final class UnlockPageResourceFactory implements RealmResourceProviderFactory, SimpleFactory<RealmResourceProvider> {

    public static final String ID = "tweestap-unlock";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new UnlockPageResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
