package io.github.tweestap.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution with exactly the pack's JARs, as integration-tests assembled it (the one assembly
 * run.sh and the tests use), started with {@code kc.sh start-dev} on free loopback ports with every realm of
 * realm-config/realms imported and the dev outbox on (as integration-tests' KeycloakServer starts it, without the
 * test-only providers). A clean H2 database every run.
 */
public final class BenchServer {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private Process process;

    private BenchServer(Path home, int httpPort, int managementPort, Path log) {
        this.home = home;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** @param javaOpts extra JVM options for Keycloak (e.g. a JFR recording), or empty */
    public static BenchServer start(String javaOpts) {
        return start(javaOpts, List.of());
    }

    /** @param options extra server options */
    public static BenchServer start(String javaOpts, List<String> options) {
        Path home = Path.of(required("bench.kc.home"));
        Path pack = Path.of(required("bench.pack.dir"));
        Path realms = Path.of(required("bench.realms.dir"));
        Path target = Path.of(required("bench.target.dir"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": run the command of benchmark/README.md (it assembles Keycloak + the pack first)");
        }
        BenchServer server = new BenchServer(home, freePort(), freePort(), target.resolve("keycloak-bench.log"));
        try {
            server.checkPack(pack);
            server.prepare(realms);
            server.launch(javaOpts, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /**
     * {@code -Dbench.themeCache=true}: Keycloak's theme cache on, as in production ({@code start-dev} turns it off, so
     * every page re-reads and re-parses its templates and messages, which then dominates a profile).
     */
    public static List<String> themeCacheOptions() {
        return Boolean.getBoolean("bench.themeCache")
                ? List.of("--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true") : List.of();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** The Keycloak JVM's process id (kc.sh execs java, so it is the started process or its only java child). */
    public long pid() {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                .map(ProcessHandle::pid).orElse(process.pid());
    }

    /** Exactly the pack in providers/: the benchmark measures what users run, nothing test-only. */
    private void checkPack(Path pack) throws IOException {
        List<String> wanted = names(pack);
        List<String> installed = names(home.resolve("providers"));
        if (wanted.isEmpty() || !wanted.equals(installed)) {
            throw new IllegalStateException("providers/ of " + home + " holds " + installed + ", not exactly the pack "
                    + wanted + ": run the command of benchmark/README.md");
        }
    }

    private void prepare(Path realms) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path importDir = Files.createDirectories(data.resolve("import"));
        try (Stream<Path> files = Files.list(realms)) {
            for (Path realm : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.copy(realm, importDir.resolve(realm.getFileName()));
            }
        }
    }

    private void launch(String javaOpts, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--hostname-strict=false",
                "--metrics-enabled=true",
                // Seeding binds many phones from one address; it claims other client addresses (X-Forwarded-For).
                "--proxy-headers=xforwarded",
                "--import-realm",
                "--spi-tweestap-sms-sender--provider-default=dev-outbox",
                "--spi-tweestap-sms-sender--dev-outbox--capture=true",
                "--spi-realm-restapi-extension--tweestap-outbox--capture=true",
                "--spi-events-listener--email--include-events=UPDATE_CREDENTIAL,REMOVE_CREDENTIAL"));
        command.addAll(options);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", ("-Xms256m " + javaOpts).trim());
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        awaitReady(Duration.ofSeconds(Long.getLong("bench.startSeconds", 600)));
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
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: see benchmark/README.md");
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
