package io.github.tweestap.benchmark;

import io.github.tweestap.it.support.KeycloakServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's server: integration-tests' {@link KeycloakServer} (the real distribution as integration-tests
 * assembled it, {@code kc.sh start-dev}, every realm of realm-config/realms imported, the dev outbox on) with exactly
 * the pack's JARs and nothing test-only, on 127.0.0.1; a clean H2 database every run. Its log is
 * {@code benchmark/target/keycloak-bench.log}.
 */
final class Bench {

    private Bench() {
    }

    /**
     * @param javaOpts extra JVM options for Keycloak (e.g. a JFR recording), or empty
     * @param options  extra server options
     */
    static KeycloakServer startServer(String javaOpts, List<String> options) {
        // The seeding reads SMS codes from the dev outbox while the server is busy binding many phones.
        System.setProperty("tweestap.outbox.awaitSeconds", System.getProperty("tweestap.outbox.awaitSeconds", "60"));
        List<String> all = new ArrayList<>(List.of("--metrics-enabled=true"));
        all.addAll(themeCacheOptions());
        all.addAll(options);
        return KeycloakServer.startPackOnly(Path.of(required("bench.kc.home")), Path.of(required("bench.pack.dir")),
                Path.of(required("bench.realms.dir")), Path.of(required("bench.target.dir")).resolve("keycloak-bench.log"),
                all, Map.of("JAVA_OPTS_APPEND", ("-Xms256m " + javaOpts).trim()),
                Duration.ofSeconds(Long.getLong("bench.startSeconds", 600)));
    }

    /**
     * {@code -Dbench.themeCache=true}: Keycloak's theme cache on, as in production ({@code start-dev} turns it off, so
     * every page re-reads and re-parses its templates and messages, which then dominates a profile).
     */
    static List<String> themeCacheOptions() {
        return Boolean.getBoolean("bench.themeCache")
                ? List.of("--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true") : List.of();
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: see benchmark/README.md");
        }
        return value;
    }
}
