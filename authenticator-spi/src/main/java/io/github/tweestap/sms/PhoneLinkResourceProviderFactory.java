package io.github.tweestap.sms;

import io.github.tweestap.support.RealmResourceFactory;
import org.keycloak.models.KeycloakSession;

/** Serves {@link PhoneLinkResource} at {@code /realms/<realm>/tweestap-phone}. */
public final class PhoneLinkResourceProviderFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-phone";

    @Override
    public Object resource(KeycloakSession session) {
        return new PhoneLinkResource(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
