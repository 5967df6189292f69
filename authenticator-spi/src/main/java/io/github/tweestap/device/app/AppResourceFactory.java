package io.github.tweestap.device.app;

import io.github.tweestap.support.RealmResourceFactory;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;

/**
 * Serves the web app (the phone people install) at {@code /realms/<realm>/tweestap-app/}. Option
 * {@code --spi-realm-restapi-extension--tweestap-app--test-hooks=true} (tests only; off by default, and Keycloak
 * refuses to start with it outside {@code kc.sh start-dev}) lets the app's service worker take a simulated
 * notification click from a page ({@code {type:"test:click"}}), because a test browser cannot click a notification.
 */
public final class AppResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-app";

    static final String TEST_HOOKS = "test-hooks";

    private AppBuild build = AppBuild.load();
    private boolean testHooks;

    @Override
    public void init(Config.Scope config) {
        build = AppBuild.load();
        testHooks = config.getBoolean(TEST_HOOKS, false);
        if (testHooks && !Environment.isDevMode()) {
            throw new IllegalStateException("The web app's test hooks (--spi-realm-restapi-extension--tweestap-app--"
                    + TEST_HOOKS + ") are for the tests of 'kc.sh start-dev' only: remove the option.");
        }
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return org.keycloak.provider.ProviderConfigurationBuilder.create()
                .property().name(TEST_HOOKS).type(org.keycloak.provider.ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(false).helpText("The web app's hooks for the integration tests. For 'kc.sh start-dev' "
                        + "only: the server refuses to start with it in production mode.").add()
                .build();
    }

    @Override
    public Object resource(KeycloakSession session) {
        return new AppResource(session, build, testHooks);
    }

    @Override
    public String getId() {
        return ID;
    }
}
