package io.github.tweestap.benchmark;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionException;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 2 of the load benchmark: many waiting at once on one node with default thread pools. N phones long-poll with
 * nothing to answer (set A), then N people log in to werkplek (set B, other users) and their login pages wait on the
 * push (the page's long-poll, as its script does); then every B phone approves with its page's number at once.
 * Reports errors (429 + Retry-After above the node's waiter cap), Keycloak's threads (jcmd Thread.print) before,
 * during and after, live heap per waiting phone and per waiting login (jcmd GC.class_histogram differences), and the
 * wake latency (approval sent → the page's long-poll answered {@code done}). Stops by itself; loopback only.
 */
public final class WaitersBenchmark {

    private static final Pattern NUMBER = Pattern.compile("id=\"tweestap-push-number\"[^>]*>(\\d+)<");
    private static final Pattern WAIT = Pattern.compile("data-tweestap-wait=\"([^\"]+)\"");

    /** Bindings in flight per set while seeding ({@code -Dbench.seedThreads}). */
    private static final int SEED_THREADS = Integer.getInteger("bench.seedThreads", 6);
    /** werkplek's time to answer a push on the benchmark's server: see {@link Seeder#raiseChallengeTtl}. */
    private static final int CHALLENGE_TTL_SECONDS = Integer.getInteger("bench.challengeTtl", 600);

    private final int n;
    private final KeycloakServer server;
    private final RunLog run = new RunLog("waiters");
    private final AtomicInteger retryAfterMissing = new AtomicInteger();
    /** Approvals in flight at once ({@code -Dbench.approvers}, 32 by default). */
    private static final int APPROVERS = Math.max(1, Integer.getInteger("bench.approvers", 32));
    /**
     * The HTTP clients the pages wait with ({@code -Dbench.pageClients}). 0, the default: each page waits on its own
     * browser's connection (the login's {@link FormClient}, HTTP/1.1), as a browser's script does, so a waiting login
     * holds one connection. K &gt; 0: page i waits with shared client i mod K instead (a JDK HttpClient reads all its
     * connections on one selector thread; the quiet A/B run with K = 32 against K = 1 showed no difference).
     */
    private static final int PAGE_CLIENTS = Math.max(0, Integer.getInteger("bench.pageClients", 0));
    private final List<HttpClient> pageClients = java.util.stream.IntStream.range(0, PAGE_CLIENTS)
            .mapToObj(i -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // a browser's page: no h2c upgrade
                    .connectTimeout(Duration.ofSeconds(10)).build())
            .toList();
    private final AtomicInteger pageIndex = new AtomicInteger();

    private WaitersBenchmark(int n, KeycloakServer server) {
        this.n = n;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.waiters", 100);
        String maxWaiters = System.getProperty("bench.maxWaiters", "");
        Instant started = Instant.now();
        String loadBefore = LoginThroughputSimulation.loadAverage();
        // -Dbench.jfr=true: the server records a JFR profile (benchmark/target/keycloak-waiters.jfr, written when it
        // stops); the log names the approvals' window to read it for (JfrHotspots ... from to).
        String jfr = Boolean.getBoolean("bench.jfr") ? "-XX:StartFlightRecording=filename="
                + Path.of(Bench.required("bench.target.dir")).resolve("keycloak-waiters.jfr")
                + ",settings=profile,dumponexit=true" : "";
        KeycloakServer server = Bench.startServer(jfr, maxWaiters.isBlank() ? List.of()
                : List.of("--spi-realm-restapi-extension--tweestap-device--max-waiters=" + maxWaiters));
        try {
            new WaitersBenchmark(n, server).run(started, loadBefore, maxWaiters.isBlank() ? "500 (default)" : maxWaiters);
        } finally {
            server.stop();
        }
    }

    private void run(Instant started, String loadBefore, String cap) throws Exception {
        Seeder seeder = new Seeder(server);
        long t0 = System.nanoTime();
        seeder.raiseBindingQuotas();
        seeder.raiseChallengeTtl(CHALLENGE_TTL_SECONDS);
        // Both sets at once, SEED_THREADS bindings in flight each (the SMS quotas are raised; each binding comes
        // from its own client address and waits for its own SMS, so they do not interfere).
        ExecutorService seeding = Executors.newFixedThreadPool(2, daemon("seed"));
        java.util.concurrent.Future<List<BenchUser>> idleSet = seeding.submit(() -> seeder.bindPhones("idle", 3, n, SEED_THREADS));
        java.util.concurrent.Future<List<BenchUser>> waitingSet = seeding.submit(() -> seeder.bindPhones("waiting", 4, n, SEED_THREADS));
        List<BenchUser> idlePhones = idleSet.get();
        List<BenchUser> logins = waitingSet.get();
        seeding.shutdown();
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        run.note("seeded %d + %d bound phones in %.0f s (%d bindings at a time per set)", n, n, seedSeconds, SEED_THREADS);
        KeycloakServer.sleep(5000);

        Snapshot before = snapshot("before");

        // Set A: N phones long-polling with nothing to answer, until the end.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger polling = new AtomicInteger();
        ExecutorService phoneThreads = Executors.newFixedThreadPool(n, daemon("idle-phone"));
        for (BenchUser phone : idlePhones) {
            phoneThreads.submit(() -> idlePoll(phone, stop, polling));
        }
        awaitCount("idle phones long-polling", polling, n, 60);
        KeycloakServer.sleep(3000);
        Snapshot phonesWaiting = snapshot("phones waiting");

        // Set B: N logins to the wait page (password posts a few at a time: Argon2 dominates); once all are there, a
        // snapshot (the logins in progress, no page waiting yet), then each page waits as its script does.
        List<Login> waiting = Collections.synchronizedList(new ArrayList<>());
        ExecutorService posts = Executors.newFixedThreadPool(8, daemon("login"));
        AtomicInteger pagesWaiting = new AtomicInteger();
        List<CompletableFuture<Void>> pages = new ArrayList<>();
        CountDownLatch loggedIn = new CountDownLatch(n);
        for (BenchUser user : logins) {
            posts.submit(() -> {
                try {
                    Login login = open(user);
                    if (login != null) {
                        waiting.add(login);
                    }
                } catch (RuntimeException e) {
                    run.count("login: " + e.getClass().getSimpleName());
                } finally {
                    loggedIn.countDown();
                }
            });
        }
        loggedIn.await(30, TimeUnit.MINUTES);
        KeycloakServer.sleep(2000);
        Snapshot atWaitPage = snapshot("logins at the wait page");
        synchronized (pages) {
            for (Login login : List.copyOf(waiting)) {
                pages.add(pageWait(login, pagesWaiting));
            }
        }
        awaitCount("login pages waiting", pagesWaiting, waiting.size(), 30);
        KeycloakServer.sleep(3000);
        Snapshot allWaiting = snapshot("phones and pages waiting");

        // The B phones learn their challenge (no wait: one is there) and all approve at once.
        ExecutorService approvers = Executors.newFixedThreadPool(APPROVERS, daemon("approve"));
        List<Login> toApprove = List.copyOf(waiting);
        for (Login login : toApprove) {
            List<Challenge> open = login.user.phone.poll(Duration.ZERO);
            login.challenge = open.stream().filter(c -> !c.isUnlock()).findFirst().map(Challenge::id).orElse(null);
        }
        long approveStart = System.nanoTime();
        Instant approveWallStart = Instant.now();
        for (Login login : toApprove) {
            approvers.submit(() -> {
                if (login.challenge == null) {
                    run.count("phone: no challenge");
                    return;
                }
                login.approveSent = System.nanoTime();
                try {
                    login.user.phone.approve(login.challenge, login.number);
                    // The approval's answer is back: the server has committed it (and sent the wake-up after commit).
                    login.approveAnswered = System.nanoTime();
                } catch (CompanionException e) {
                    run.count("approve: " + e.status());
                }
            });
        }
        CompletableFuture<Void> all;
        synchronized (pages) {
            all = CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new));
        }
        try {
            all.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            run.count("page: not released within 120 s");
        }
        double approveAllSeconds = (System.nanoTime() - approveStart) / 1e9;
        run.note("approvals sent from %s to %s (the window for a JFR recording's hotspots: -Dbench.jfr=true)",
                approveWallStart, Instant.now());
        // Each page then posts its form, as the script does, and must be redirected out of the login.
        int redirected = 0;
        for (Login login : toApprove) {
            if (login.released > 0) {
                try {
                    FormClient.Page page = login.browser.submit(login.waitPage, "kc-tweestap-push-form",
                            Map.of("continue", "auto"), false);
                    if (page.status() == 302 && page.html().contains("code=")) {
                        redirected++;
                    } else {
                        run.count("form post: " + page.status());
                    }
                } catch (RuntimeException e) {
                    run.count("form post: " + e.getClass().getSimpleName());
                }
            }
        }
        stop.set(true);
        phoneThreads.shutdown();
        phoneThreads.awaitTermination(40, TimeUnit.SECONDS);
        posts.shutdownNow();
        approvers.shutdownNow();
        KeycloakServer.sleep(5000);
        Snapshot after = snapshot("after");

        List<Double> wake = new ArrayList<>();
        List<Double> wakeAfterCommit = new ArrayList<>();
        List<Double> approvalServer = new ArrayList<>();
        for (Login login : toApprove) {
            if (login.released > 0 && login.approveSent > 0) {
                wake.add((login.released - login.approveSent) / 1e6);
            }
            if (login.released > 0 && login.approveAnswered > 0) {
                wakeAfterCommit.add((login.released - login.approveAnswered) / 1e6);
            }
            if (login.approveAnswered > 0) {
                approvalServer.add((login.approveAnswered - login.approveSent) / 1e6);
            }
        }
        Collections.sort(wake);
        Collections.sort(wakeAfterCommit);
        Collections.sort(approvalServer);
        write(started, loadBefore, cap, seedSeconds, List.of(before, phonesWaiting, atWaitPage, allWaiting, after), waiting.size(),
                redirected, wake, wakeAfterCommit, approvalServer, approveAllSeconds);
    }

    // ---- the phones and pages ----

    private void idlePoll(BenchUser phone, AtomicBoolean stop, AtomicInteger polling) {
        boolean counted = false;
        while (!stop.get()) {
            try {
                if (!counted) {
                    counted = true;
                    polling.incrementAndGet(); // in flight from here on (the request is being sent)
                }
                phone.phone.poll(Duration.ofSeconds(20));
            } catch (CompanionException e) {
                run.count("phone poll: " + e.status() + (e.status() == 429 ? " (waiter cap)" : ""));
                KeycloakServer.sleep(5000); // the Retry-After the server sends
            } catch (RuntimeException e) {
                run.count("phone poll: " + e.getClass().getSimpleName());
                KeycloakServer.sleep(1000);
            }
        }
    }

    private static final class Login {
        final BenchUser user;
        final FormClient browser;
        final FormClient.Page waitPage;
        final String number;
        final String waitUrl;
        volatile String challenge;
        volatile long approveSent;
        volatile long approveAnswered;
        volatile long released;
        /** The HTTP client this page waits with (one of {@code bench.pageClients}). */
        volatile HttpClient client;

        Login(BenchUser user, FormClient browser, FormClient.Page waitPage, String number, String waitUrl) {
            this.user = user;
            this.browser = browser;
            this.waitPage = waitPage;
            this.number = number;
            this.waitUrl = waitUrl;
        }
    }

    private Login open(BenchUser user) {
        FormClient browser = new FormClient();
        FormClient.Page page = browser.login(server, "werkplek", user.username, user.password);
        Matcher number = NUMBER.matcher(page.html());
        Matcher wait = WAIT.matcher(page.html());
        if (!number.find() || !wait.find()) {
            run.count("login: no wait page (" + page.status() + ")");
            return null;
        }
        return new Login(user, browser, page, number.group(1), wait.group(1).replace("&amp;", "&"));
    }

    /** The page's script: long-poll the wait URL until it answers done (again after each 20 s or a 429). */
    private CompletableFuture<Void> pageWait(Login login, AtomicInteger pagesWaiting) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        pagesWaiting.incrementAndGet();
        pollPage(login, result, pagesWaiting);
        return result;
    }

    private void pollPage(Login login, CompletableFuture<Void> result, AtomicInteger pagesWaiting) {
        CompletableFuture<HttpResponse<String>> answer;
        if (PAGE_CLIENTS == 0) {
            answer = login.browser.fetch(login.waitUrl, Duration.ofSeconds(40));
        } else {
            if (login.client == null) {
                login.client = pageClients.get(Math.floorMod(pageIndex.getAndIncrement(), PAGE_CLIENTS));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(login.waitUrl)).timeout(Duration.ofSeconds(40)).GET().build();
            answer = login.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                run.count("page wait: " + failure.getClass().getSimpleName());
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> pollPage(login, result, pagesWaiting));
                return;
            }
            if (response.statusCode() == 429) {
                run.count("page wait: 429 (waiter cap)");
                if (response.headers().firstValue("Retry-After").isEmpty()) {
                    retryAfterMissing.incrementAndGet();
                }
                CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(() -> pollPage(login, result, pagesWaiting));
                return;
            }
            if (response.statusCode() == 200 && response.body().contains("\"done\":true")) {
                login.released = System.nanoTime();
                result.complete(null);
                return;
            }
            if (response.statusCode() != 200) {
                run.count("page wait: " + response.statusCode());
            }
            pollPage(login, result, pagesWaiting);
        });
    }

    // ---- measurements ----

    /**
     * @param workers the worker threads (executor-thread) by what they do: "idle" (parked in the pool, waiting for a
     *                task) or "busy: state, top frames" (anything else)
     * @param classes the live heap by class: bytes and instances
     */
    record Snapshot(String name, Instant at, Map<String, Integer> threads, Map<String, Integer> workers, long heapBytes,
                    Map<String, long[]> classes, String load) {
        int totalThreads() {
            return threads.values().stream().mapToInt(i -> i).sum();
        }

        int idleWorkers() {
            return workers.getOrDefault(IDLE, 0);
        }

        int busyWorkers() {
            return workers.values().stream().mapToInt(i -> i).sum() - idleWorkers();
        }
    }

    static final String IDLE = "idle (parked in the pool, waiting for a task)";

    private Snapshot snapshot(String name) {
        String pid = Long.toString(server.pid());
        Map<String, Integer> threads = new TreeMap<>();
        Map<String, Integer> workers = new TreeMap<>();
        for (ThreadDump.Entry thread : ThreadDump.parse(jcmd(pid, "Thread.print"))) {
            threads.merge(category(thread.name()), 1, Integer::sum);
            if (thread.name().startsWith("executor-thread-")) {
                workers.merge(thread.idleInPool() ? IDLE : "busy: " + thread.summary(), 1, Integer::sum);
            }
        }
        long heap = -1;
        Map<String, long[]> classes = new java.util.HashMap<>();
        for (String line : jcmd(pid, "GC.class_histogram").trim().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[2]), Long.parseLong(f[1])});
            } else if (f.length >= 3 && f[0].equals("Total")) {
                heap = Long.parseLong(f[2]);
            }
        }
        Snapshot s = new Snapshot(name, Instant.now(), threads, workers, heap, classes, LoginThroughputSimulation.loadAverage());
        run.note("%s: %d threads %s, workers %s, live heap %d KiB, load %s", name, s.totalThreads(), threads, workers,
                heap / 1024, s.load());
        return s;
    }

    /** Thread pools by name: Quarkus' worker pool, Vert.x event loops, Keycloak's executors, the rest. */
    private static String category(String name) {
        if (name.startsWith("executor-thread-")) {
            return "worker (executor-thread)";
        }
        if (name.startsWith("kc-tweestap-")) {
            return "the pack's executors (kc-tweestap-*)";
        }
        if (name.startsWith("vert.x-eventloop-thread-")) {
            return "event loop (vert.x-eventloop-thread)";
        }
        if (name.startsWith("vert.x-")) {
            return "other vert.x";
        }
        return "other";
    }

    private static String jcmd(String pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(120, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCount(String what, AtomicInteger counter, int expected, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (counter.get() < expected && Instant.now().isBefore(deadline)) {
            KeycloakServer.sleep(200);
        }
    }

    /**
     * What one waiting login adds to the live heap, by owner: the class histogram's growth from "phones waiting" to
     * "phones and pages waiting", divided by the logins, grouped as the pack's own classes, Keycloak's
     * authentication sessions, the rest of Keycloak, Infinispan, the HTTP server's (Vert.x, Netty, Quarkus) and the
     * JDK's (collections, strings, futures: shared by all owners), with the classes that grew most.
     */
    private static String heapByClass(Snapshot from, Snapshot to, int logins) {
        Map<String, long[]> growth = new TreeMap<>();
        Map<String, long[]> byOwner = new TreeMap<>();
        for (Map.Entry<String, long[]> e : to.classes().entrySet()) {
            long[] was = from.classes().getOrDefault(e.getKey(), new long[2]);
            long bytes = e.getValue()[0] - was[0];
            long count = e.getValue()[1] - was[1];
            if (bytes != 0 || count != 0) {
                growth.put(e.getKey(), new long[] {bytes, count});
                long[] owner = byOwner.computeIfAbsent(owner(e.getKey()), k -> new long[2]);
                owner[0] += bytes;
                owner[1] += count;
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("| owner | bytes per login | objects per login |\n|---|---:|---:|\n");
        byOwner.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).forEach(e ->
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f |%n", e.getKey(), e.getValue()[0] / (double) logins,
                        e.getValue()[1] / (double) logins)));
        md.append("\n| class (grew most) | bytes per login | objects per login |\n|---|---:|---:|\n");
        growth.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(25).forEach(e ->
                md.append(String.format(Locale.ROOT, "| `%s` | %.0f | %.2f |%n", e.getKey(), e.getValue()[0] / (double) logins,
                        e.getValue()[1] / (double) logins)));
        md.append("\nThe pack's own classes that grew (all):\n\n");
        boolean any = false;
        for (Map.Entry<String, long[]> e : growth.entrySet()) {
            if (e.getKey().startsWith("io.github.tweestap.")) {
                any = true;
                md.append(String.format(Locale.ROOT, "- `%s`: %+d objects, %+d bytes%n", e.getKey(), e.getValue()[1],
                        e.getValue()[0]));
            }
        }
        if (!any) {
            md.append("- none\n");
        }
        md.append("\nThe JDK's classes (strings, maps, futures) are shared by every owner: the auth session's notes,"
                + " the challenge in the single-use store and the waiter's future are all maps, strings and a"
                + " CompletableFuture. The waiter registry holds one `CompletableFuture` (plus its callbacks and a set"
                + " entry) per waiting request.\n\n");
        return md.toString();
    }

    private static String owner(String className) {
        String c = className.startsWith("[L") ? className.substring(2) : className;
        if (c.startsWith("io.github.tweestap.")) {
            return "the pack (io.github.tweestap)";
        }
        if (c.startsWith("org.keycloak.models.sessions.infinispan.entities.") && c.contains("Authentication")
                || c.startsWith("org.keycloak.models.sessions.infinispan.AuthenticationSession")
                || c.startsWith("org.keycloak.models.sessions.infinispan.RootAuthenticationSession")) {
            return "Keycloak: authentication sessions";
        }
        if (c.startsWith("org.keycloak.")) {
            return "Keycloak: other";
        }
        if (c.startsWith("org.infinispan.")) {
            return "Infinispan (Keycloak's caches: auth sessions, single-use store)";
        }
        if (c.startsWith("io.vertx.") || c.startsWith("io.netty.") || c.startsWith("io.quarkus.")
                || c.startsWith("org.jboss.resteasy.")) {
            return "HTTP server (Vert.x, Netty, Quarkus, RESTEasy): open connections and requests";
        }
        if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || className.startsWith("[")) {
            return "JDK (strings, maps, arrays, futures: shared)";
        }
        return "other libraries";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger i = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + i.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void write(Instant started, String loadBefore, String cap, double seedSeconds, List<Snapshot> snapshots,
                       int pagesOpened, int redirected, List<Double> wake, List<Double> wakeAfterCommit,
                       List<Double> approvalServer, double approveAllSeconds) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Load benchmark: many waiting at once (one node)\n\n");
        md.append("- **date**: ").append(started.toString().substring(0, 16).replace('T', ' ')).append(" UTC\n");
        md.append("- **machine**: ").append(LoginThroughputSimulation.machine()).append("\n");
        md.append("- **server**: Keycloak 26.7.3 `start-dev` (H2), default thread pools, the pack's two JARs only; waiter"
                + " cap per node (`--spi-realm-restapi-extension--tweestap-device--max-waiters`): ").append(cap)
                .append("; werkplek's time to answer a push raised from 120 s to ").append(CHALLENGE_TTL_SECONDS)
                .append(" s, so that the first pages' pushes are still open when the last page waits\n");
        md.append("- **command**: `").append(System.getProperty("bench.command",
                "mvn -B -Pbenchmark -pl integration-tests,benchmark -am -Dmaven.test.skip=true"
                        + " -Dkc.dist.parent=\"$PWD/benchmark/target/dist\" package -Dbench.part=waiters -Dbench.waiters=" + n
                        + (System.getProperty("bench.maxWaiters", "").isBlank() ? ""
                        : " -Dbench.maxWaiters=" + System.getProperty("bench.maxWaiters"))
                        + (System.getProperty("bench.approvers") == null ? "" : " -Dbench.approvers=" + APPROVERS)
                        + (System.getProperty("bench.pageClients") == null ? "" : " -Dbench.pageClients=" + PAGE_CLIENTS)
                        + (Boolean.getBoolean("bench.jfr") ? " -Dbench.jfr=true" : "")))
                .append("`\n");
        md.append(String.format(Locale.ROOT, "- **what**: %d phones long-polling with nothing to answer (set A), then %d"
                + " werkplek logins whose pages wait on the push (set B, other users; the page's long-poll as its script"
                + " does it), then every B phone approves with its page's number at once. %d + %d phones bound as people"
                + " bind them (QR link + SMS code) in %.0f s.%n", n, n, n, n, seedSeconds));
        md.append("- **load average (1/5/15 min)**: at the start ").append(loadBefore);
        for (Snapshot s : snapshots) {
            md.append("; ").append(s.name()).append(" ").append(s.load());
        }
        md.append("\n- **note**: ").append(System.getProperty("bench.note",
                "taken on a loaded machine (other builds sharing the cores); to be re-run quiet")).append("\n\n");

        md.append("## Threads of the Keycloak JVM (jcmd Thread.print) and live heap (jcmd GC.class_histogram)\n\n");
        List<String> categories = new ArrayList<>(new java.util.TreeSet<>(snapshots.stream()
                .flatMap(s -> s.threads().keySet().stream()).toList()));
        md.append("| moment | total threads |");
        categories.forEach(c -> md.append(" ").append(c).append(" |"));
        md.append(" live heap |\n|---|---:|");
        categories.forEach(c -> md.append("---:|"));
        md.append("---:|\n");
        for (Snapshot s : snapshots) {
            md.append("| ").append(s.name()).append(" | ").append(s.totalThreads()).append(" |");
            categories.forEach(c -> md.append(" ").append(s.threads().getOrDefault(c, 0)).append(" |"));
            md.append(String.format(Locale.ROOT, " %.1f MiB |%n", s.heapBytes() / 1048576.0));
        }
        Snapshot before = snapshots.get(0);
        Snapshot phones = snapshots.get(1);
        Snapshot atWaitPage = snapshots.get(2);
        Snapshot all = snapshots.get(3);
        md.append("\n### The worker threads (executor-thread): idle in the pool or busy\n\n");
        md.append("Each worker thread of `jcmd Thread.print` by its stack: **idle** when it is parked in the pool waiting"
                + " for a task (Quarkus' EnhancedQueueExecutor; such threads stay for the pool's keep-alive time after"
                + " a burst of concurrent requests), otherwise **busy** with its state and top frames (the first frames"
                + " that are not the JDK's). A worker held by a waiting long-poll would show here as busy in the pack's"
                + " code.\n\n");
        md.append("| moment | workers | idle | busy |\n|---|---:|---:|---:|\n");
        for (Snapshot s : snapshots) {
            md.append("| ").append(s.name()).append(" | ").append(s.idleWorkers() + s.busyWorkers()).append(" | ")
                    .append(s.idleWorkers()).append(" | ").append(s.busyWorkers()).append(" |\n");
        }
        md.append("\n| moment | busy worker: state, top frame ← first non-JDK frames | count |\n|---|---|---:|\n");
        boolean anyBusy = false;
        for (Snapshot s : snapshots) {
            for (Map.Entry<String, Integer> e : s.workers().entrySet()) {
                if (!e.getKey().equals(IDLE)) {
                    anyBusy = true;
                    md.append("| ").append(s.name()).append(" | `").append(e.getKey().substring("busy: ".length()))
                            .append("` | ").append(e.getValue()).append(" |\n");
                }
            }
        }
        if (!anyBusy) {
            md.append("| (every moment) | none busy | 0 |\n");
        }
        int logins = Math.max(1, pagesOpened);
        md.append(String.format(Locale.ROOT, "%nLive heap per waiting phone (A): (phones waiting − before) / %d = **%.1f"
                + " KiB**. Per waiting login (B), in all: (phones and pages waiting − phones waiting) / %d = **%.1f KiB**,"
                + " of which%n%n- **the login in progress** (its authentication session, the push challenge, the"
                + " browser's idle connection after the wait page, the user's entry in Keycloak's user cache: what any"
                + " login paused at a page holds): (logins at the wait page − phones waiting) / %d = **%.1f KiB**;%n"
                + "- **the waiting itself** (the page's open long-poll: the HTTP request held open, the pack's waiter):"
                + " (phones and pages waiting − logins at the wait page) / %d = **%.1f KiB**.%n%n"
                + "Each histogram follows a full GC (GC.class_histogram forces one), so these are live objects; a"
                + " difference also holds whatever else the server allocated and kept meanwhile (caches warming), so"
                + " read each as an upper bound.%n%n",
                n, (phones.heapBytes() - before.heapBytes()) / 1024.0 / n,
                logins, (all.heapBytes() - phones.heapBytes()) / 1024.0 / logins,
                logins, (atWaitPage.heapBytes() - phones.heapBytes()) / 1024.0 / logins,
                logins, (all.heapBytes() - atWaitPage.heapBytes()) / 1024.0 / logins));
        md.append("### Live heap per waiting login, the waiting itself, by owner (class histogram: phones and pages"
                + " waiting − logins at the wait page)\n\n");
        md.append(heapByClass(atWaitPage, all, logins));
        md.append("### Live heap per waiting login, in all, by owner (class histogram: phones and pages waiting −"
                + " phones waiting)\n\n");
        md.append(heapByClass(phones, all, logins));

        md.append("## Wake latency and errors\n\n");
        md.append(String.format(Locale.ROOT, "Pages waiting: %d of %d; released by the approval: %d; redirected out of the"
                + " login by their form post: %d. All approvals sent and all pages released within %.1f s.%n%n",
                pagesOpened, n, wake.size(), redirected, approveAllSeconds));
        if (!wake.isEmpty()) {
            md.append(String.format(Locale.ROOT, "Wake latency (approval sent → the page's long-poll answered done): p50"
                    + " **%.0f ms**, p95 **%.0f ms**, max %.0f ms (n=%d; the approvals go out %d at a time, so the later"
                    + " ones also wait for the earlier ones' server work; the pages wait %s).%n%n",
                    Recorder.percentile(wake, 50), Recorder.percentile(wake, 95), wake.get(wake.size() - 1), wake.size(),
                    APPROVERS, PAGE_CLIENTS == 0 ? "each on its own browser's connection"
                            : "with " + PAGE_CLIENTS + " shared HTTP client(s)"));
        }
        if (!wakeAfterCommit.isEmpty()) {
            md.append(String.format(Locale.ROOT, "Wake latency without the approval's own server work (the approval's"
                    + " HTTP answer back, i.e. the server has committed it and sent the wake-up → the page's long-poll"
                    + " answered done): p50 **%.0f ms**, p95 **%.0f ms**, max %.0f ms (n=%d; a negative value: the page"
                    + " was released before the phone had read its own answer).%n%n",
                    Recorder.percentile(wakeAfterCommit, 50), Recorder.percentile(wakeAfterCommit, 95),
                    wakeAfterCommit.get(wakeAfterCommit.size() - 1), wakeAfterCommit.size()));
        }
        if (!approvalServer.isEmpty()) {
            md.append(String.format(Locale.ROOT, "The approvals themselves (sent → answered, %d in flight): p50 %.0f ms,"
                    + " p95 %.0f ms, max %.0f ms.%n%n", APPROVERS, Recorder.percentile(approvalServer, 50),
                    Recorder.percentile(approvalServer, 95), approvalServer.get(approvalServer.size() - 1)));
        }
        run.errorsTable(md);
        md.append(String.format(Locale.ROOT, "%n429 answers without Retry-After: %d.%n", retryAfterMissing.get()));
        run.logSection(md);
        Path dir = Path.of(Bench.required("bench.reports.dir"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(System.getProperty("bench.reportName", "waiters") + ".md"), md.toString());
        System.out.println(md);
    }
}
