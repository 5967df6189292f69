package io.github.tweestap.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution (unpacked from Maven Central and given exactly the pack's JARs by the build, the
 * same assembly run.sh starts) plus, for the tests only, the test-only providers, with realm-config/realms
 * imported, started once with {@code kc.sh start-dev} on free loopback ports and shared by all
 * test classes of the JVM. Its log goes to {@code target/keycloak-it.log}.
 * <p>
 * The load benchmark (module {@code benchmark}, which compiles this class from here) starts the same server with
 * the pack alone: {@link #startPackOnly}, nothing test-only.
 */
public final class KeycloakServer {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** The server options only the tests' servers get, with the test-only providers. */
    private static final List<String> TEST_OPTIONS = List.of(
            // Pushes to a device with a Web Push subscription (the web app) are kept in the dev outbox; the web
            // app's tests hand them to its service worker through DevTools.
            "--spi-tweestap-push-sender--provider-default=dev-outbox",
            "--spi-tweestap-push-sender--dev-outbox--capture=true",
            // The web app's service worker takes a simulated notification click (a browser cannot click one).
            "--spi-realm-restapi-extension--tweestap-app--test-hooks=true",
            // The test-only clock refuses to start without this option (and never starts in production mode).
            "--spi-realm-restapi-extension--tweestap-test-clock--test-only=true",
            // The test-only renderer (PortalVoiceIT): the same guard.
            "--spi-realm-restapi-extension--tweestap-test-render--test-only=true",
            // Password-expiry reminders: every 2 s instead of every hour, so the tests see them at once.
            "--spi-authenticator--tweestap-password-expiry-notice--reminder-interval=2");

    private final Path home;
    private final String host;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private Process process;

    private KeycloakServer(Path home, String host, int httpPort, int managementPort, Path log) {
        this.home = home;
        this.host = host;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * @param environment extra environment for Keycloak, e.g. {@code KC_SPI_...} options with values that are
     *                    awkward on a command line
     */
    public static KeycloakServer start(java.util.Map<String, String> environment) {
        Path log = Path.of(System.getProperty("tweestap.kc.log",
                Path.of(System.getProperty("tweestap.artifacts.dir", "target")).resolveSibling("keycloak-it.log").toString()));
        return start(Path.of(required("tweestap.kc.home")), log, environment);
    }

    /**
     * The same server from another unpacked distribution (an older supported Keycloak, or one the pack does not
     * support): the pack's JARs and the test-only providers are installed the same way.
     */
    public static KeycloakServer start(Path home, Path log, java.util.Map<String, String> environment) {
        Path pack = Path.of(required("tweestap.pack.dir"));
        Path testProviders = Path.of(required("tweestap.test.providers.dir"));
        Path realms = Path.of(required("tweestap.realms.dir"));
        Path testRealms = Path.of(required("tweestap.test.realms.dir"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": run the tests with 'mvn verify'");
        }
        KeycloakServer server = new KeycloakServer(home, "localhost", Distributions.freePort(), Distributions.freePort(), log);
        try {
            server.install(pack, jars(testProviders), List.of(realms, testRealms));
            server.launch(environment, TEST_OPTIONS,
                    Duration.ofSeconds(Long.getLong("tweestap.keycloak.startSeconds", 300)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /**
     * The server with exactly the pack's JARs and nothing test-only (the load benchmark: what users run), its URLs
     * on 127.0.0.1.
     *
     * @param options     more server options (e.g. the waiter cap)
     * @param environment more environment (e.g. {@code JAVA_OPTS_APPEND} with a JFR recording)
     */
    public static KeycloakServer startPackOnly(Path home, Path pack, Path realms, Path log, List<String> options,
            java.util.Map<String, String> environment, Duration startTimeout) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": run the command of benchmark/README.md (it assembles Keycloak + the pack first)");
        }
        KeycloakServer server = new KeycloakServer(home, "127.0.0.1", Distributions.freePort(), Distributions.freePort(), log);
        try {
            server.install(pack, List.of(), List.of(realms));
            server.launch(environment, options, startTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    public String baseUrl() {
        return "http://" + host + ":" + httpPort;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** The Keycloak JVM's process id (kc.sh execs java, so it is the started process or its only java child). */
    public long pid() {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                .map(ProcessHandle::pid).orElse(process.pid());
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /**
     * The build put exactly the pack into {@code providers/}; this adds the test-only providers on top (and removes
     * whatever else a JAR there may be, e.g. from a test run started outside Maven).
     */
    private void install(Path pack, List<Path> testProviders, List<Path> realmDirs) throws IOException {
        Path target = home.resolve("providers");
        List<Path> wanted = new ArrayList<>(jars(pack));
        if (wanted.isEmpty()) {
            throw new IllegalStateException("No pack JARs in " + pack + ": run the tests with 'mvn verify'");
        }
        wanted.addAll(testProviders);
        List<String> names = wanted.stream().map(p -> p.getFileName().toString()).toList();
        for (Path jar : jars(target)) {
            if (!names.contains(jar.getFileName().toString())) {
                Files.delete(jar);
            }
        }
        for (Path jar : wanted) {
            Path installed = target.resolve(jar.getFileName());
            // An identical JAR stays as it is: a changed providers/ makes Keycloak build itself again (minutes).
            if (!Files.exists(installed) || Files.mismatch(jar, installed) != -1) {
                Files.copy(jar, installed, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // A clean server every run: no database, outbox or imports left from an earlier one.
        Distributions.deleteTree(home.resolve("data"));
        Path importDir = Files.createDirectories(home.resolve("data/import"));
        for (Path realms : realmDirs) {
            try (Stream<Path> files = Files.list(realms)) {
                for (Path realm : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Files.copy(realm, importDir.resolve(realm.getFileName()));
                }
            }
        }
    }

    private void launch(java.util.Map<String, String> environment, List<String> options, Duration startTimeout)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--hostname-strict=false",
                // Tests stand in for many clients by setting X-Forwarded-For (quota per client IP).
                "--proxy-headers=xforwarded",
                "--import-realm",
                "--spi-tweestap-sms-sender--provider-default=dev-outbox",
                "--spi-tweestap-sms-sender--dev-outbox--capture=true",
                "--spi-realm-restapi-extension--tweestap-outbox--capture=true",
                // As everywhere the pack is started: Keycloak's "email" listener (where a realm still uses it) mails
                // credential changes only, not every failed login.
                "--spi-events-listener--email--include-events=UPDATE_CREDENTIAL,REMOVE_CREDENTIAL"));
        command.addAll(options);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putIfAbsent("JAVA_OPTS_APPEND", "-Xms256m");
        builder.environment().putAll(environment);
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        // A loaded machine (several builds sharing two cores) may need longer: -Dtweestap.keycloak.startSeconds=600.
        awaitReady(startTimeout);
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        URI probe = URI.create(realmUrl("werkplek") + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1000);
        }
        stop();
        throw new IllegalStateException("Keycloak did not become ready within " + timeout + "; see " + log);
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            p.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests with 'mvn verify'");
        }
        return value;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
