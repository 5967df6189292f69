package io.github.tweestap.it.provider;

import org.keycloak.Config;
import org.keycloak.common.util.Environment;

/**
 * The one guard of the test-only providers in this package: each refuses to start, failing the server's start, unless
 * Keycloak was started with its explicit option ({@code --spi-realm-restapi-extension--<id>--test-only=true}), and
 * never in production mode ({@code kc.sh start}).
 */
final class TestOnlyGuard {

    /** The option (in the provider's own SPI scope) that a server for the integration tests is started with. */
    static final String OPTION = "test-only";

    private TestOnlyGuard() {
    }

    /**
     * Throws, naming {@code optionCli}, unless the option is on and Keycloak runs in dev mode. {@code risk} completes
     * "It … and is for the integration tests only"; {@code productionRisk} completes "refuses to run in production
     * mode: it …".
     */
    static void requireTestRun(Config.Scope config, String id, String optionCli, String risk, String productionRisk) {
        if (!config.getBoolean(OPTION, false)) {
            throw new IllegalStateException("The test-only provider " + id + " is installed, but Keycloak was not"
                    + " started with " + optionCli + ". It " + risk + " and is for the integration tests only:"
                    + " remove its JAR from providers/.");
        }
        if (!Environment.isDevMode()) {
            throw new IllegalStateException("The test-only provider " + id + " refuses to run in production mode:"
                    + " it " + productionRisk + ". Remove its JAR from providers/.");
        }
    }
}
