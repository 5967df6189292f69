package io.github.tweestap.support;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** A realm resource ({@code /realms/<realm>/<id>}) of the pack: the factory only says which resource serves it. */
public interface RealmResourceFactory extends RealmResourceProviderFactory, SimpleFactory<RealmResourceProvider> {

    /** The JAX-RS resource for one request. */
    Object resource(KeycloakSession session);

    @Override
    default RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return KeycloakVersion.supported() ? resource(session) : UnsupportedVersion.resource(session, false);
            }

            @Override
            public void close() {
            }
        };
    }
}
