package io.github.tweestap.device.app;

import io.github.tweestap.support.RealmResourceFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;

/** Serves the web app (the phone people install) at {@code /realms/<realm>/tweestap-app/}. */
public final class AppResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-app";

    private AppBuild build = AppBuild.load();

    @Override
    public void init(Config.Scope config) {
        build = AppBuild.load();
    }

    @Override
    public Object resource(KeycloakSession session) {
        return new AppResource(session, build);
    }

    @Override
    public String getId() {
        return ID;
    }
}
