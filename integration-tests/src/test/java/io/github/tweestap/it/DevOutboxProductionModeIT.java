package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.github.tweestap.it.support.Distributions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dev outbox shows codes to anyone: it must never run in production. Started with {@code kc.sh start} (production
 * mode) and the outbox switched on, the real distribution with the pack must refuse to come up and say why.
 */
class DevOutboxProductionModeIT {

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

    @ParameterizedTest
    @MethodSource("switches")
    void aTestSwitchRefusesToStartInProductionMode(List<String> options, String refusal) throws Exception {
        Path home = Path.of(System.getProperty("tweestap.kc.prodcheck.home"));
        Path providers = Path.of(System.getProperty("tweestap.pack.dir"));
        try (Stream<Path> jars = Files.list(providers)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path log = home.resolveSibling("prod-start.log");
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start",
                "--db=dev-file", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1",
                "--http-port=" + Distributions.freePort(), "--http-management-port=" + Distributions.freePort(), "--hostname-strict=false"));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(300, TimeUnit.SECONDS);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(exited).as("Keycloak must not keep running in production mode with the dev outbox on").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("Failed to start server in (production) mode").contains(refusal);
    }
}
