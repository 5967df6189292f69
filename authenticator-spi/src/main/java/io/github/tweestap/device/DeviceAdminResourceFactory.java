package io.github.tweestap.device;

import io.github.tweestap.support.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Serves {@link DeviceAdminResource} at {@code /admin/realms/<realm>/tweestap-device}. */
public final class DeviceAdminResourceFactory implements AdminRealmResourceProviderFactory, SimpleFactory<AdminRealmResourceProvider> {

    public static final String ID = "tweestap-device";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
                    AdminEventBuilder adminEvent) {
                DeviceResourceFactory devices = (DeviceResourceFactory) s.getKeycloakSessionFactory()
                        .getProviderFactory(RealmResourceProvider.class, DeviceResourceFactory.ID);
                return new DeviceAdminResource(s, realm, auth, adminEvent, devices.runtime());
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
