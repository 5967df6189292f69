package io.github.tweestap.sms;

import java.security.SecureRandom;
import org.keycloak.Config;

import io.github.tweestap.support.RealmResourceFactory;
import org.keycloak.models.KeycloakSession;

/** Serves {@link PhoneLinkResource} at {@code /realms/<realm>/tweestap-phone}. */
public final class PhoneLinkResourceProviderFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-phone";

    private SecureRandom random = new SecureRandom();

    @Override
    public void init(Config.Scope config) {
        random = new SecureRandom();
    }

    @Override
    public Object resource(KeycloakSession session) {
        return new PhoneLinkResource(session, random);
    }

    @Override
    public String getId() {
        return ID;
    }
}
