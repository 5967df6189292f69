package io.github.tweestap.unlock;

import io.github.tweestap.support.RealmResourceFactory;
import org.keycloak.models.KeycloakSession;

/** Serves {@link UnlockPageResource} at {@code /realms/<realm>/tweestap-unlock}. */
public final class UnlockPageResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-unlock";

    @Override
    public Object resource(KeycloakSession session) {
        return new UnlockPageResource(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
