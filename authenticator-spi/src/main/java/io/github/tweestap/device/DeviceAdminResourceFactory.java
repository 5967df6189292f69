package io.github.tweestap.device;

import io.github.tweestap.support.AdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Serves {@link DeviceAdminResource} at {@code /admin/realms/<realm>/tweestap-device}. */
public final class DeviceAdminResourceFactory implements AdminResourceFactory {

    public static final String ID = "tweestap-device";

    @Override
    public Object resource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        return new DeviceAdminResource(s, realm, auth, adminEvent, DeviceRuntime.of(s));
    }

    @Override
    public String getId() {
        return ID;
    }
}
