package io.github.tweestap.helpdesk;

import io.github.tweestap.support.AdminResourceFactory;
import java.security.SecureRandom;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/<realm>/tweestap-helpdesk/}: the helpdesk page's own admin calls ({@link HelpdeskAdminResource}). */
public final class HelpdeskAdminResourceFactory implements AdminResourceFactory {

    public static final String ID = "tweestap-helpdesk";

    private SecureRandom random = new SecureRandom();
    private HelpdeskImportSettings importSettings = HelpdeskImportSettings.defaults();

    @Override
    public Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new HelpdeskAdminResource(session, realm, auth, adminEvent, random, importSettings);
    }

    @Override
    public void init(Config.Scope config) {
        random = new SecureRandom();
        importSettings = HelpdeskImportSettings.from(config, ID);
    }

    /** The import's limits (see {@link HelpdeskImportSettings}). */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return HelpdeskImportSettings.metadata();
    }

    @Override
    public String getId() {
        return ID;
    }
}
