package io.github.tweestap.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two Keycloak nodes of the real distribution (production mode, {@code kc.sh start --optimized}) with the pack,
 * sharing one PostgreSQL database from Debian and clustered by Keycloak's default discovery ({@code jdbc-ping}),
 * everything on 127.0.0.1 with distinct ports. SMS goes to the HTTP gateway stub. Node A starts first (it creates
 * the schema and imports the realm), then node B.
 */
public final class ClusterNodes implements AutoCloseable {

    public static final String REALM = "cluster-lab";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work;
    private final Postgres postgres;
    private final List<Node> nodes = new ArrayList<>();

    /** One Keycloak process. */
    public static final class Node {
        final String name;
        final Path home;
        final int httpPort;
        final int managementPort;
        final int clusterPort;
        Process process;

        Node(String name, Path home, int httpPort, int managementPort, int clusterPort) {
            this.name = name;
            this.home = home;
            this.httpPort = httpPort;
            this.managementPort = managementPort;
            this.clusterPort = clusterPort;
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + httpPort;
        }

        public String realmUrl() {
            return baseUrl() + "/realms/" + REALM;
        }

        public int port() {
            return httpPort;
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }

        /** Stops the node (SIGTERM to kc.sh and the JVM), as an operator or an orchestrator would. */
        public void stop() {
            if (process == null) {
                return;
            }
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ClusterNodes(Path work, Postgres postgres) {
        this.work = work;
        this.postgres = postgres;
    }

    /** Builds the distribution for PostgreSQL with the pack (exactly the JARs in {@code providers}) and starts node A, then node B. */
    public static ClusterNodes start(Path distribution, Path providers, Path realm, Map<String, String> environment) {
        Path work = distribution.resolveSibling("cluster-run");
        try {
            Distributions.deleteTree(work);
            Files.createDirectories(work);
            Postgres postgres = Postgres.start(work.resolve("pg"));
            ClusterNodes cluster = new ClusterNodes(work, postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
            // A copy whose providers/ holds exactly the pack (the distribution may have it already, as the load
            // benchmark's has), without a data/ of an earlier dev-mode run.
            Path a = Distributions.copyWithProviders(distribution, work.resolve("node-a"), Distributions.jars(providers));
            Files.createDirectories(a.resolve("data/import"));
            Files.copy(realm, a.resolve("data/import").resolve(realm.getFileName()));
            run(a, work.resolve("build.log"), Map.of(), a.resolve("bin/kc.sh").toString(), "build", "--db=postgres",
                    "--health-enabled=true", "--spi-tweestap-sms-sender--provider-default=http");
            Path b = work.resolve("node-b");
            Distributions.copyTree(a, b, java.util.Set.of());
            Distributions.deleteTree(b.resolve("data/import"));
            cluster.launch(new Node("a", a, Distributions.freePort(), Distributions.freePort(), freeClusterPort()), environment, true);
            cluster.launch(new Node("b", b, Distributions.freePort(), Distributions.freePort(), freeClusterPort()), environment, false);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Node a() {
        return nodes.get(0);
    }

    public Node b() {
        return nodes.get(1);
    }

    /** The log of a node, for assertions about clustering. */
    public String log(Node node) {
        try {
            return Files.readString(work.resolve("node-" + node.name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(Node node, Map<String, String> environment, boolean importRealm) throws IOException {
        List<String> command = new ArrayList<>(List.of(node.home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--db-url=jdbc:postgresql://127.0.0.1:" + postgres.port + "/keycloak", "--db-username=keycloak",
                "--db-password=keycloak", "--http-enabled=true", "--http-host=127.0.0.1",
                "--http-port=" + node.httpPort, "--http-management-port=" + node.managementPort,
                "--hostname-strict=false", "--cache=ispn", "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + node.clusterPort));
        if (importRealm) {
            command.add("--import-realm");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(node.home.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("node-" + node.name + ".log").toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", "-Xms256m -Xmx1g");
        builder.environment().putAll(environment);
        node.process = builder.start();
        nodes.add(node);
        try {
            awaitReady(node, Duration.ofSeconds(300));
        } catch (NodeExited first) {
            // Seen once in CI: Keycloak 26.7 stopped right after Quarkus started ("emf" is null: its JPA unit was not
            // there yet). Start that node once more, keeping the first log beside the new one.
            Path log = work.resolve("node-" + node.name + ".log");
            Files.move(log, work.resolve("node-" + node.name + ".first-start.log"), StandardCopyOption.REPLACE_EXISTING);
            node.process = builder.start();
            awaitReady(node, Duration.ofSeconds(300));
        }
    }

    /** A node's process ended before the node was ready. */
    static final class NodeExited extends IllegalStateException {
        NodeExited(String message) {
            super(message);
        }
    }

    private void awaitReady(Node node, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI ready = URI.create("http://127.0.0.1:" + node.managementPort + "/health/ready");
        while (Instant.now().isBefore(deadline)) {
            if (!node.process.isAlive()) {
                throw new NodeExited("node " + node.name + " exited; see " + work.resolve("node-" + node.name + ".log"));
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            KeycloakServer.sleep(500);
        }
        throw new IllegalStateException("node " + node.name + " not ready in " + timeout);
    }

    @Override
    public synchronized void close() {
        for (Node node : nodes) {
            node.stop();
        }
        postgres.stop();
    }

    // ---------------------------------------------------------------- PostgreSQL from Debian

    static final class Postgres {
        final Path dir;
        final Path bin;
        final int port;
        final boolean root = "root".equals(System.getProperty("user.name"));

        private Postgres(Path dir, Path bin, int port) {
            this.dir = dir;
            this.bin = bin;
            this.port = port;
        }

        static Postgres start(Path dir) throws IOException {
            Path versions = Path.of("/usr/lib/postgresql");
            Path bin;
            try (Stream<Path> list = Files.exists(versions) ? Files.list(versions) : Stream.empty()) {
                bin = list.map(v -> v.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                        .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElseThrow(() -> new IllegalStateException(
                                "PostgreSQL is not installed; install Debian's package: apt-get install -y postgresql"));
            }
            Postgres postgres = new Postgres(dir, bin, Distributions.freePort());
            Files.createDirectories(dir);
            if (postgres.root) {
                run(dir, dir.resolve("chown.log"), Map.of(), "chown", "-R", "postgres:postgres", dir.toString());
            }
            postgres.as(dir.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            postgres.as(dir.resolve("start.log"), bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-l", dir.resolve("postgres.log").toString(), "-o",
                    "-p " + postgres.port + " -k " + dir + " -c listen_addresses=127.0.0.1", "-w", "start");
            run(dir, dir.resolve("psql.log"), Map.of(), bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(postgres.port), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-c", "CREATE USER keycloak WITH PASSWORD 'keycloak';", "-c", "CREATE DATABASE keycloak OWNER keycloak;");
            return postgres;
        }

        private void as(Path log, String... command) throws IOException {
            List<String> full = new ArrayList<>();
            if (root) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(List.of(command));
            run(dir, log, Map.of(), full.toArray(String[]::new));
        }

        void stop() {
            try {
                as(dir.resolve("stop.log"), bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-m", "fast", "-w", "stop");
            } catch (IOException | RuntimeException e) {
                // already stopped
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static void run(Path dir, Path log, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + ":\n"
                        + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JGroups also listens on its port + 50000 (wrapping past 65535): keep the port at or below 15535. */
    static int freeClusterPort() throws IOException {
        for (int port = 7800 + (int) (ProcessHandle.current().pid() % 500); port < 15000; port++) {
            try (ServerSocket socket = new ServerSocket(port); ServerSocket fd = new ServerSocket((port + 50000) % 65536)) {
                return port;
            } catch (IOException taken) {
                // next
            }
        }
        throw new IOException("no free cluster port");
    }
}
