package io.github.tweestap.sms;

import io.github.tweestap.support.AdminResourceFactory;
import java.security.SecureRandom;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Serves {@link SmsAdminResource} at {@code /admin/realms/<realm>/tweestap-sms}. */
public final class SmsAdminResourceProviderFactory implements AdminResourceFactory {

    public static final String ID = "tweestap-sms";

    private SecureRandom random;

    @Override
    public Object resource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        return new SmsAdminResource(s, realm, auth, adminEvent, random);
    }

    @Override
    public void init(Config.Scope config) {
        random = new SecureRandom();
    }

    @Override
    public String getId() {
        return ID;
    }
}
