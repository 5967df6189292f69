package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.github.tweestap.it.support.Distributions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dev outbox shows codes to anyone: it must never run in production. With the pack and a test switch on, the real
 * distribution started in production mode must refuse to come up and say why.
 *
 * <p>The distribution is built for production once ({@code kc.sh build}, with every build-time option the cases use:
 * the dev-outbox provider selections) and each case then runs {@code kc.sh start --optimized} with its own switch, as
 * a production image does. That is the same production-mode start as {@code kc.sh start}, which only adds the build
 * each time (about a minute and a half per case on a loaded machine). Each case passes its build-time options again,
 * and the start must not report them as differing from the build, so every case runs with exactly its options.
 */
class DevOutboxProductionModeIT {

    /** Keycloak's warning when a build-time option given to an optimized start differs from the build. */
    private static final String DIFFERS_FROM_BUILD = "differ from what is persisted";

    /** Each switch a test turns on, with what Keycloak must say when it refuses to start with it in production mode. */
    static Stream<Arguments> switches() {
        return Stream.of(
                Arguments.of(List.of("--spi-tweestap-sms-sender--provider=dev-outbox",
                        "--spi-tweestap-sms-sender--dev-outbox--capture=true"),
                        "The Tweestap dev outbox (SMS sender dev-outbox) is enabled, but Keycloak runs in production mode"),
                Arguments.of(List.of("--spi-tweestap-push-sender--provider=dev-outbox",
                        "--spi-tweestap-push-sender--dev-outbox--capture=true"),
                        "The Tweestap dev outbox (push sender dev-outbox) is enabled, but Keycloak runs in production mode"),
                Arguments.of(List.of("--spi-realm-restapi-extension--tweestap-app--test-hooks=true"),
                        "The web app's test hooks (--spi-realm-restapi-extension--tweestap-app--test-hooks) are for the "
                                + "tests of 'kc.sh start-dev' only"));
    }

    /** Keycloak's build-time options among the cases' (an SPI's provider selection): given to the one build. */
    static List<String> buildTimeOptions() {
        Set<String> options = new LinkedHashSet<>();
        switches().forEach(a -> {
            @SuppressWarnings("unchecked")
            List<String> caseOptions = (List<String>) a.get()[0];
            caseOptions.stream().filter(o -> o.contains("--provider=")).forEach(options::add);
        });
        return List.copyOf(options);
    }

    private static Path home;

    @BeforeAll
    static void buildForProductionOnce() throws Exception {
        home = Path.of(System.getProperty("tweestap.kc.prodcheck.home"));
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("tweestap.pack.dir")))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> build = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=dev-file",
                "--cache=local"));
        build.addAll(buildTimeOptions());
        assertThat(buildTimeOptions()).hasSize(2);
        Distributions.Exit exit = Distributions.runUntilExit(build, home.resolveSibling("prod-build.log"),
                Duration.ofMinutes(10));
        assertThat(exit.exited()).as("kc.sh build finishes").isTrue();
        assertThat(exit.code()).as("kc.sh build succeeds:%n%s", exit.output()).isZero();
        assertThat(exit.output()).contains("Server configuration updated and persisted");
    }

    @ParameterizedTest
    @MethodSource("switches")
    void aTestSwitchRefusesToStartInProductionMode(List<String> options, String refusal) throws Exception {
        String name = options.get(options.size() - 1).replaceAll("^-+|=.*$", "").replaceAll("[^a-z0-9]+", "-");
        Path log = home.resolveSibling("prod-start-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + Distributions.freePort(),
                "--http-management-port=" + Distributions.freePort(), "--hostname-strict=false"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Wait for the refusal; a server that comes up anyway is stopped at once (the test then fails below).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        boolean started = false;
        while (process.isAlive() && System.nanoTime() < deadline && !started) {
            process.waitFor(500, TimeUnit.MILLISECONDS);
            started = Files.readString(log).matches("(?s).*Keycloak [^\\n]* started in .*");
        }
        boolean exited = !process.isAlive();
        if (!exited) {
            Distributions.stop(process);
        }
        String output = Files.readString(log);
        assertThat(exited).as("Keycloak must not keep running in production mode with the switch on:%n%s", output)
                .isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("Failed to start server in (production) mode").contains(refusal)
                .doesNotContain(DIFFERS_FROM_BUILD);
    }
}
