package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.Distributions;
import io.github.tweestap.it.support.Distributions.Exit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defence in depth for the test-only provider (it lets anyone move the server's clock): should its JAR ever reach a
 * server, that server does not come up unless it was started in dev mode with the explicit test-only option.
 */
class ClockProviderGuardIT {

    private static final String OPTION = "--spi-realm-restapi-extension--tweestap-test-clock--test-only=true";
    /** The test-only renderer (PortalVoiceIT) in the same JAR keeps the same guard; either may refuse first. */
    private static final String RENDER_OPTION = "--spi-realm-restapi-extension--tweestap-test-render--test-only=true";

    private static Path distribution() {
        List<Path> jars = new ArrayList<>(Distributions.packJars());
        jars.addAll(Distributions.testOnlyJars());
        assertThat(Distributions.testOnlyJars()).as("the build packages the test-only provider for the tests").isNotEmpty();
        return Distributions.copyWithProviders(Path.of(System.getProperty("tweestap.kc.prodcheck.home")),
                Path.of("target/test-only-check"), jars);
    }

    @Test
    void withoutItsOptionTheTestProviderStopsADevModeServer() {
        Path home = distribution();
        Exit exit = Distributions.runUntilExit(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + Distributions.freePort(),
                "--http-management-port=" + Distributions.freePort()),
                home.resolveSibling("test-only-dev.log"), Duration.ofSeconds(300));

        assertThat(exit.exited()).as("Keycloak must not keep running with the test provider but without its option").isTrue();
        assertThat(exit.code()).isNotZero();
        assertThat(exit.output()).containsPattern("The test-only provider tweestap-test-(clock|render) is installed, but"
                + " Keycloak was not started with --spi-realm-restapi-extension--tweestap-test-(clock|render)--test-only=true");
    }

    @Test
    void evenWithItsOptionTheTestProviderRefusesProductionMode() {
        Path home = distribution();
        Exit exit = Distributions.runUntilExit(List.of(home.resolve("bin/kc.sh").toString(), "start",
                "--db=dev-file", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1",
                "--http-port=" + Distributions.freePort(), "--http-management-port=" + Distributions.freePort(),
                "--hostname-strict=false", OPTION, RENDER_OPTION),
                home.resolveSibling("test-only-prod.log"), Duration.ofSeconds(300));

        assertThat(exit.exited()).as("Keycloak must not keep running in production mode with the test provider").isTrue();
        assertThat(exit.code()).isNotZero();
        assertThat(exit.output()).containsPattern("The test-only provider tweestap-test-(clock|render) refuses to run in"
                + " production mode");
    }
}
