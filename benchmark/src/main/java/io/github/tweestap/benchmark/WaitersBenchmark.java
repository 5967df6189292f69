package io.github.tweestap.benchmark;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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

    private final int n;
    private final BenchServer server;
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final AtomicInteger retryAfterMissing = new AtomicInteger();
    private final HttpClient async = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build(); // a browser's page: one HTTP/1.1 request per wait, no h2c upgrade
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private WaitersBenchmark(int n, BenchServer server) {
        this.n = n;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.waiters", 100);
        String maxWaiters = System.getProperty("bench.maxWaiters", "");
        Instant started = Instant.now();
        String loadBefore = LoginThroughputSimulation.loadAverage();
        BenchServer server = BenchServer.start("", maxWaiters.isBlank() ? List.of()
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
        List<BenchUser> idlePhones = seeder.bindPhones("idle", 3, n, 4);
        List<BenchUser> logins = seeder.bindPhones("waiting", 4, n, 4);
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        note("seeded %d + %d bound phones in %.0f s", n, n, seedSeconds);
        BenchServer.sleep(5000);

        Snapshot before = snapshot("before");

        // Set A: N phones long-polling with nothing to answer, until the end.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger polling = new AtomicInteger();
        ExecutorService phoneThreads = Executors.newFixedThreadPool(n, daemon("idle-phone"));
        for (BenchUser phone : idlePhones) {
            phoneThreads.submit(() -> idlePoll(phone, stop, polling));
        }
        awaitCount("idle phones long-polling", polling, n, 60);
        BenchServer.sleep(3000);
        Snapshot phonesWaiting = snapshot("phones waiting");

        // Set B: N logins to the wait page (password posts a few at a time: Argon2 dominates), then each page waits.
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
                        synchronized (pages) {
                            pages.add(pageWait(login, pagesWaiting));
                        }
                    }
                } catch (RuntimeException e) {
                    count("login: " + e.getClass().getSimpleName());
                } finally {
                    loggedIn.countDown();
                }
            });
        }
        loggedIn.await(30, TimeUnit.MINUTES);
        awaitCount("login pages waiting", pagesWaiting, waiting.size(), 30);
        BenchServer.sleep(2000);
        Snapshot allWaiting = snapshot("phones and pages waiting");

        // The B phones learn their challenge (no wait: one is there) and all approve at once.
        ExecutorService approvers = Executors.newFixedThreadPool(32, daemon("approve"));
        List<Login> toApprove = List.copyOf(waiting);
        for (Login login : toApprove) {
            List<Challenge> open = login.user.phone.poll(Duration.ZERO);
            login.challenge = open.stream().filter(c -> !c.isUnlock()).findFirst().map(Challenge::id).orElse(null);
        }
        long approveStart = System.nanoTime();
        for (Login login : toApprove) {
            approvers.submit(() -> {
                if (login.challenge == null) {
                    count("phone: no challenge");
                    return;
                }
                login.approveSent = System.nanoTime();
                try {
                    login.user.phone.approve(login.challenge, login.number);
                } catch (CompanionException e) {
                    count("approve: " + e.status());
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
            count("page: not released within 120 s");
        }
        double approveAllSeconds = (System.nanoTime() - approveStart) / 1e9;
        // Each page then posts its form, as the script does, and must be redirected out of the login.
        int redirected = 0;
        for (Login login : toApprove) {
            if (login.released > 0) {
                try {
                    Http.Page page = login.browser.submitNoFollow(login.waitPage, "kc-tweestap-push-form",
                            Map.of("continue", "auto"));
                    if (page.status() == 302 && page.html().contains("code=")) {
                        redirected++;
                    } else {
                        count("form post: " + page.status());
                    }
                } catch (RuntimeException e) {
                    count("form post: " + e.getClass().getSimpleName());
                }
            }
        }
        stop.set(true);
        phoneThreads.shutdown();
        phoneThreads.awaitTermination(40, TimeUnit.SECONDS);
        posts.shutdownNow();
        approvers.shutdownNow();
        BenchServer.sleep(5000);
        Snapshot after = snapshot("after");

        List<Double> wake = new ArrayList<>();
        for (Login login : toApprove) {
            if (login.released > 0 && login.approveSent > 0) {
                wake.add((login.released - login.approveSent) / 1e6);
            }
        }
        Collections.sort(wake);
        write(started, loadBefore, cap, seedSeconds, List.of(before, phonesWaiting, allWaiting, after), waiting.size(),
                redirected, wake, approveAllSeconds);
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
                count("phone poll: " + e.status() + (e.status() == 429 ? " (waiter cap)" : ""));
                BenchServer.sleep(5000); // the Retry-After the server sends
            } catch (RuntimeException e) {
                count("phone poll: " + e.getClass().getSimpleName());
                BenchServer.sleep(1000);
            }
        }
    }

    private static final class Login {
        final BenchUser user;
        final Http.Browser browser;
        final Http.Page waitPage;
        final String number;
        final String waitUrl;
        volatile String challenge;
        volatile long approveSent;
        volatile long released;

        Login(BenchUser user, Http.Browser browser, Http.Page waitPage, String number, String waitUrl) {
            this.user = user;
            this.browser = browser;
            this.waitPage = waitPage;
            this.number = number;
            this.waitUrl = waitUrl;
        }
    }

    private Login open(BenchUser user) {
        Http.Browser browser = new Http.Browser(null);
        Http.Page page = browser.get(Http.authUrl(server.realmUrl("werkplek")));
        page = browser.submit(page, "kc-form-login", Map.of("username", user.username, "password", user.password,
                "credentialId", ""));
        Matcher number = NUMBER.matcher(page.html());
        Matcher wait = WAIT.matcher(page.html());
        if (!number.find() || !wait.find()) {
            count("login: no wait page (" + page.status() + ")");
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(login.waitUrl)).timeout(Duration.ofSeconds(40)).GET().build();
        async.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null) {
                count("page wait: " + failure.getClass().getSimpleName());
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> pollPage(login, result, pagesWaiting));
                return;
            }
            if (response.statusCode() == 429) {
                count("page wait: 429 (waiter cap)");
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
                count("page wait: " + response.statusCode());
            }
            pollPage(login, result, pagesWaiting);
        });
    }

    // ---- measurements ----

    record Snapshot(String name, Instant at, Map<String, Integer> threads, long heapBytes, String load) {
        int totalThreads() {
            return threads.values().stream().mapToInt(i -> i).sum();
        }
    }

    private Snapshot snapshot(String name) {
        String pid = Long.toString(server.pid());
        Map<String, Integer> threads = new TreeMap<>();
        for (String line : jcmd(pid, "Thread.print").split("\n")) {
            if (line.startsWith("\"")) {
                String threadName = line.substring(1, line.indexOf('"', 1));
                threads.merge(category(threadName), 1, Integer::sum);
            }
        }
        long heap = -1;
        String[] histogram = jcmd(pid, "GC.class_histogram").trim().split("\n");
        String total = histogram[histogram.length - 1].trim();
        if (total.startsWith("Total")) {
            heap = Long.parseLong(total.split("\\s+")[2]);
        }
        Snapshot s = new Snapshot(name, Instant.now(), threads, heap, LoginThroughputSimulation.loadAverage());
        note("%s: %d threads %s, live heap %d KiB, load %s", name, s.totalThreads(), threads, heap / 1024, s.load());
        return s;
    }

    /** Thread pools by name: Quarkus' worker pool, Vert.x event loops, the rest. */
    private static String category(String name) {
        if (name.startsWith("executor-thread-")) {
            return "worker (executor-thread)";
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

    private void count(String error) {
        errors.computeIfAbsent(error, k -> new AtomicInteger()).incrementAndGet();
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[waiters] " + line);
        log.add(line);
    }

    private static void awaitCount(String what, AtomicInteger counter, int expected, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (counter.get() < expected && Instant.now().isBefore(deadline)) {
            BenchServer.sleep(200);
        }
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
                       int pagesOpened, int redirected, List<Double> wake, double approveAllSeconds) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Load benchmark: many waiting at once (one node)\n\n");
        md.append("- **date**: ").append(started.toString().substring(0, 16).replace('T', ' ')).append(" UTC\n");
        md.append("- **machine**: ").append(LoginThroughputSimulation.machine()).append("\n");
        md.append("- **server**: Keycloak 26.7.3 `start-dev` (H2), default thread pools, the pack's two JARs only; waiter"
                + " cap per node (`--spi-realm-restapi-extension--tweestap-device--max-waiters`): ").append(cap).append("\n");
        md.append("- **command**: `").append(System.getProperty("bench.command",
                "mvn -B -Pbenchmark -pl integration-tests,benchmark -am -Dmaven.test.skip=true"
                        + " -Dkc.dist.parent=\"$PWD/benchmark/target/dist\" package -Dbench.part=waiters -Dbench.waiters=" + n
                        + (System.getProperty("bench.maxWaiters", "").isBlank() ? ""
                        : " -Dbench.maxWaiters=" + System.getProperty("bench.maxWaiters"))))
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
        Snapshot all = snapshots.get(2);
        md.append(String.format(Locale.ROOT, "%nLive heap per waiting phone (A): (phones waiting − before) / %d = **%.1f"
                + " KiB**. Per waiting login (B: its authentication session, push challenge, page waiter): (phones and pages"
                + " waiting − phones waiting) / %d = **%.1f KiB**. Each histogram follows a full GC (GC.class_histogram"
                + " forces one), so these are live objects; the difference also holds whatever else the server"
                + " allocated and kept meanwhile (caches warming), so read it as an upper bound.%n%n",
                n, (phones.heapBytes() - before.heapBytes()) / 1024.0 / n, Math.max(1, pagesOpened),
                (all.heapBytes() - phones.heapBytes()) / 1024.0 / Math.max(1, pagesOpened)));

        md.append("## Wake latency and errors\n\n");
        md.append(String.format(Locale.ROOT, "Pages waiting: %d of %d; released by the approval: %d; redirected out of the"
                + " login by their form post: %d. All approvals sent and all pages released within %.1f s.%n%n",
                pagesOpened, n, wake.size(), redirected, approveAllSeconds));
        if (!wake.isEmpty()) {
            md.append(String.format(Locale.ROOT, "Wake latency (approval sent → the page's long-poll answered done): p50"
                    + " **%.0f ms**, p95 **%.0f ms**, max %.0f ms (n=%d; the approvals go out 32 at a time, so the later"
                    + " ones also wait for the earlier ones' server work).%n%n",
                    Recorder.percentile(wake, 50), Recorder.percentile(wake, 95), wake.get(wake.size() - 1), wake.size()));
        }
        md.append("| error | count |\n|---|---:|\n");
        if (errors.isEmpty()) {
            md.append("| none | 0 |\n");
        }
        new TreeMap<>(errors).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.get()).append(" |\n"));
        md.append(String.format(Locale.ROOT, "%n429 answers without Retry-After: %d.%n", retryAfterMissing.get()));
        md.append("\n## Log\n\n");
        log.forEach(l -> md.append("- ").append(l).append("\n"));
        Path dir = Path.of(BenchServer.required("bench.reports.dir"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(System.getProperty("bench.reportName", "waiters") + ".md"), md.toString());
        System.out.println(md);
    }
}
