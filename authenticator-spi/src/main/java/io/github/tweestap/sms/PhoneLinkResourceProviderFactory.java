package io.github.tweestap.sms;

import io.github.tweestap.support.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@link PhoneLinkResource} at {@code /realms/<realm>/tweestap-phone}. */
public final class PhoneLinkResourceProviderFactory implements RealmResourceProviderFactory, SimpleFactory<RealmResourceProvider> {

    public static final String ID = "tweestap-phone";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new PhoneLinkResource(session);
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
