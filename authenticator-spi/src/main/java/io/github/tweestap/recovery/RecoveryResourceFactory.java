package io.github.tweestap.recovery;

import io.github.tweestap.support.RealmResourceFactory;
import io.github.tweestap.support.SecureCodes;
import org.keycloak.models.KeycloakSession;

/** Serves {@link RecoveryResource} at {@code /realms/<realm>/tweestap-recovery}. */
public final class RecoveryResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-recovery";
    private final SecureCodes codes = SecureCodes.create();

    @Override
    public Object resource(KeycloakSession session) {
        return new RecoveryResource(session, codes);
    }

    @Override
    public String getId() {
        return ID;
    }
}
