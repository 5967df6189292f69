package io.github.tweestap.device;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.support.UnsupportedVersion;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Required action {@value #ID}: binds the app (or a new phone) while the user is logged in, the set-up action of
 * Keycloak's account console ("Werkplek app instellen", {@code kc_action=tweestap-bind-app}). Enable it in a realm that
 * lets users bind the app themselves; the account console offers it only then.
 */
public final class BindAppActionFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "tweestap-bind-app";

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.requiredAction();
        }
        return new BindAppAction(DeviceRuntime.of(session));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Tweestap: bind the app";
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }
}
