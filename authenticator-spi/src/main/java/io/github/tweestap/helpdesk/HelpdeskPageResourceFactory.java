package io.github.tweestap.helpdesk;

import io.github.tweestap.support.RealmResourceFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Serves the helpdesk page at {@code /realms/<realm>/tweestap-helpdesk/} in realms that declare its public client
 * {@value HelpdeskPageResource#CLIENT_ID} ({@link HelpdeskPageResource}).
 */
public final class HelpdeskPageResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-helpdesk";

    @Override
    public Object resource(KeycloakSession session) {
        return new HelpdeskPageResource(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
