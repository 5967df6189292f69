package io.github.tweestap.support;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * An admin REST extension ({@code /admin/realms/<realm>/<id>}) of the pack: the factory only says which resource
 * serves it. The resource must check permissions itself (see {@link AdminUsers}).
 */
public interface AdminResourceFactory extends AdminRealmResourceProviderFactory, SimpleFactory<AdminRealmResourceProvider> {

    /** The JAX-RS resource for one request. */
    Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent);

    @Override
    default AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
                    AdminEventBuilder adminEvent) {
                return KeycloakVersion.supported() ? resource(s, realm, auth, adminEvent)
                        : UnsupportedVersion.resource(s, true);
            }

            @Override
            public void close() {
            }
        };
    }
}
