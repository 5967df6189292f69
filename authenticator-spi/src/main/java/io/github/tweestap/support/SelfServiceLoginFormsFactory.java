package io.github.tweestap.support;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keycloak's own login pages (FreeMarker), unchanged, with one attribute more on every page of a realm:
 * {@code tweestapSelfService}, what the realm can serve ({@link SelfService}). A FreeMarker template cannot ask the
 * realm's flows or listeners itself. Order 1 makes it the default "login" provider (Keycloak's has order 0) unless an
 * operator chooses another one with {@code --spi-login--provider}.
 */
public final class SelfServiceLoginFormsFactory extends FreeMarkerLoginFormsProviderFactory {

    public static final String ID = "tweestap-freemarker";

    @Override
    public LoginFormsProvider create(KeycloakSession session) {
        LoginFormsProvider forms = super.create(session);
        RealmModel realm = session.getContext().getRealm();
        if (realm != null && KeycloakVersion.supported()) {
            forms.setAttribute("tweestapSelfService", new SelfService(realm));
        }
        return forms;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 1;
    }
}
