package io.github.tweestap.otp;

import io.github.tweestap.support.AdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Serves {@link OtpAdminResource} at {@code /admin/realms/<realm>/tweestap-otp}. */
public final class OtpAdminResourceProviderFactory implements AdminResourceFactory {

    public static final String ID = "tweestap-otp";

    @Override
    public Object resource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        return new OtpAdminResource(s, realm, auth, adminEvent);
    }

    @Override
    public String getId() {
        return ID;
    }
}
