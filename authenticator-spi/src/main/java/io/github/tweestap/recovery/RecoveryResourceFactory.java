package io.github.tweestap.recovery;

import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@link RecoveryResource} at {@code /realms/<realm>/tweestap-recovery}. */
public final class RecoveryResourceFactory implements RealmResourceProviderFactory, SimpleFactory<RealmResourceProvider> {

    public static final String ID = "tweestap-recovery";
    private final SecureCodes codes = SecureCodes.create();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new RecoveryResource(session, codes);
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
