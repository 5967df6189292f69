package io.github.tweestap.account;

import io.github.tweestap.support.AdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Serves {@link AccountAdminResource} at {@code /admin/realms/<realm>/tweestap-account}. */
public final class AccountAdminResourceFactory implements AdminResourceFactory {

    public static final String ID = "tweestap-account";

    @Override
    public Object resource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        return new AccountAdminResource(s, realm, auth, adminEvent);
    }

    @Override
    public String getId() {
        return ID;
    }
}
