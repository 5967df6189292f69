package io.github.tweestap.otp;

import io.github.tweestap.support.SimpleFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Serves {@link OtpAdminResource} at {@code /admin/realms/<realm>/tweestap-otp}. */
public final class OtpAdminResourceProviderFactory implements AdminRealmResourceProviderFactory, SimpleFactory<AdminRealmResourceProvider> {

    public static final String ID = "tweestap-otp";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
                    AdminEventBuilder adminEvent) {
                return new OtpAdminResource(s, realm, auth, adminEvent);
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
