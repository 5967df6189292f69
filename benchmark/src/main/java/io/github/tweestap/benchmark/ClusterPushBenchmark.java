package io.github.tweestap.benchmark;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.ClusterNodes;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.SmsGatewayStub;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The push flow across two nodes ({@code -Dbench.nodes=2}): two Keycloak nodes of the real distribution with the
 * pack (production mode, one PostgreSQL, Keycloak's default discovery on 127.0.0.1), started by integration-tests'
 * {@link ClusterNodes} as ClusterIT and ClusterLatencyBenchmark start them, with their realm {@code cluster-lab}
 * (password, then the pack's push-or-code step, as werkplek). The login page is on node A, the phone on node B.
 * {@code bench.clusterConcurrency} people log in at the same time, {@code bench.clusterLogins} logins in all; each
 * login: password on A → the wait page (its long-poll on A, as its script does) → the phone (companion library, on
 * B) gets the challenge and approves with the page's number → the page is released → its form post on A is
 * redirected out of the login. Reports approval → release p50/p95 (from the approval sent, and from its answer back,
 * i.e. committed on B) and errors. Stops by itself; loopback only.
 */
public final class ClusterPushBenchmark {

    private static final Pattern QR_LINK = Pattern.compile("id=\"tweestap-enroll-link\">([^<]+)<");
    private static final Pattern NUMBER = Pattern.compile("id=\"tweestap-push-number\"[^>]*>(\\d+)<");
    private static final Pattern WAIT = Pattern.compile("data-tweestap-wait=\"([^\"]+)\"");
    private static final String PASSWORD = "Cluster-wachtwoord-1";
    /** The realm's users with a verified number (cluster1 … cluster8). */
    private static final int USERS = 8;

    private final ClusterNodes cluster;
    private final RunLog run = new RunLog("cluster");

    private ClusterPushBenchmark(ClusterNodes cluster) {
        this.cluster = cluster;
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Math.max(1, Math.min(USERS, Integer.getInteger("bench.clusterConcurrency", 4)));
        int logins = Integer.getInteger("bench.clusterLogins", 200);
        Instant started = Instant.now();
        String loadBefore = LoginThroughputSimulation.loadAverage();
        try (SmsGatewayStub gateway = SmsGatewayStub.start();
             ClusterNodes cluster = ClusterNodes.start(Path.of(Bench.required("bench.kc.home")),
                     Path.of(Bench.required("bench.pack.dir")), Path.of(Bench.required("bench.cluster.realm")),
                     Map.of("KC_SPI_TWEESTAP_SMS_SENDER__HTTP__URL", gateway.url() + "/send",
                             "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__BODY", "{\"to\":\"{to}\",\"text\":\"{text}\"}",
                             "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__HEADERS", "X-Api-Key: {secret}",
                             "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__SECRET", SmsGatewayStub.API_KEY))) {
            new ClusterPushBenchmark(cluster).run(gateway, concurrency, logins, started, loadBefore);
        }
    }

    private void run(SmsGatewayStub gateway, int concurrency, int logins, Instant started, String loadBefore)
            throws Exception {
        long t0 = System.nanoTime();
        List<CompanionClient> phones = new ArrayList<>();
        for (int user = 1; user <= concurrency; user++) {
            phones.add(bind(gateway, user));
        }
        run.note("bound %d phones (login page on A, the phone's binding on B) in %.0f s", concurrency,
                (System.nanoTime() - t0) / 1e9);
        String loadStart = LoginThroughputSimulation.loadAverage();

        // Each person (user) logs in again and again; `concurrency` people at the same time.
        List<double[]> results = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService people = Executors.newFixedThreadPool(concurrency);
        ExecutorService pages = Executors.newCachedThreadPool();
        long runStart = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            int user = i + 1;
            CompanionClient phone = phones.get(i);
            people.submit(() -> {
                while (next.getAndIncrement() < logins) {
                    try {
                        double[] r = oneLogin(user, phone, pages);
                        if (r != null) {
                            results.add(r);
                        }
                    } catch (RuntimeException e) {
                        run.count("login: " + e.getClass().getSimpleName() + " " + String.valueOf(e.getMessage())
                                .lines().findFirst().orElse(""));
                    }
                }
            });
        }
        people.shutdown();
        people.awaitTermination(60, TimeUnit.MINUTES);
        pages.shutdownNow();
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        write(started, loadBefore, loadStart, concurrency, logins, results, runSeconds);
    }

    /** Binds cluster{user}'s phone: the QR link from the login page on A, the binding itself on B. */
    private CompanionClient bind(SmsGatewayStub gateway, int user) {
        FormClient browser = new FormClient();
        Matcher link = QR_LINK.matcher(login(browser, user).html());
        if (!link.find()) {
            throw new IllegalStateException("no binding QR link for cluster" + user);
        }
        CompanionClient phone = new CompanionClient();
        phone.enroll(URI.create(link.group(1).replace("&amp;", "&").replaceFirst("^http://[^/]+", cluster.b().baseUrl())),
                "Benchmark " + user);
        phone.confirm(Outbox.codeIn(gateway.awaitReceived("+3164000000" + user, 1).get(0).text()));
        return phone;
    }

    private FormClient.Page login(FormClient browser, int user) {
        FormClient.Page form = browser.get(FormClient.authUrl(cluster.a().realmUrl()));
        return browser.submit(form, "kc-form-login", Map.of("username", "cluster" + user, "password", PASSWORD,
                "credentialId", ""));
    }

    /** One login; {approval sent → released, approval answered → released, whole login} in ms, or null on an error. */
    private double[] oneLogin(int user, CompanionClient phone, ExecutorService pages) throws RuntimeException {
        long begin = System.nanoTime();
        FormClient browser = new FormClient();
        FormClient.Page wait = login(browser, user);
        Matcher number = NUMBER.matcher(wait.html());
        Matcher waitUrl = WAIT.matcher(wait.html());
        if (!number.find() || !waitUrl.find()) {
            run.count("login: no wait page (" + wait.status() + ")");
            return null;
        }
        String url = waitUrl.group(1).replace("&amp;", "&");
        long[] released = new long[1];
        // The page's script on A: long-poll until done (again after each 20 s answer).
        CompletableFuture<Void> page = CompletableFuture.runAsync(() -> {
            FormClient poller = new FormClient();
            Instant giveUp = Instant.now().plusSeconds(90);
            while (!poller.get(url).html().contains("\"done\":true")) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("not released");
                }
                KeycloakServer.sleep(50); // a 429 or an error answers at once: not a busy loop
            }
            released[0] = System.nanoTime();
        }, pages);
        Challenge challenge = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (challenge == null && Instant.now().isBefore(deadline)) {
            challenge = phone.poll(Duration.ofSeconds(10)).stream().filter(c -> !c.isUnlock()).findFirst().orElse(null);
        }
        if (challenge == null) {
            run.count("phone: no challenge within 60 s");
            page.cancel(true);
            return null;
        }
        long sent = System.nanoTime();
        phone.approve(challenge.id(), number.group(1));
        long answered = System.nanoTime();
        try {
            page.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            run.count("page: not released within 60 s");
            return null;
        }
        FormClient.Page redirect = browser.submit(wait, "kc-tweestap-push-form", Map.of("continue", "auto"), false);
        if (redirect.status() != 302 || !redirect.html().contains("code=")) {
            run.count("form post: " + redirect.status());
            return null;
        }
        long end = System.nanoTime();
        return new double[] {(released[0] - sent) / 1e6, (released[0] - answered) / 1e6, (end - begin) / 1e6};
    }

    private void write(Instant started, String loadBefore, String loadStart, int concurrency, int logins,
                       List<double[]> results, double runSeconds) throws IOException {
        List<Double> fromSent = new ArrayList<>();
        List<Double> fromAnswered = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        for (double[] r : results) {
            fromSent.add(r[0]);
            fromAnswered.add(r[1]);
            whole.add(r[2]);
        }
        Collections.sort(fromSent);
        Collections.sort(fromAnswered);
        Collections.sort(whole);
        StringBuilder md = new StringBuilder();
        md.append("# Load benchmark: push across two nodes (page on node A, phone on node B)\n\n");
        md.append("- **date**: ").append(started.toString().substring(0, 16).replace('T', ' ')).append(" UTC\n");
        md.append("- **machine**: ").append(LoginThroughputSimulation.machine()).append("\n");
        md.append("- **server**: two Keycloak 26.7.3 nodes (`kc.sh start --optimized`, PostgreSQL from Debian, Keycloak's"
                + " default discovery jdbc-ping, all on 127.0.0.1; integration-tests' ClusterNodes) with the pack's two"
                + " JARs; SMS to a local HTTP gateway stub; the load driver on the same machine\n");
        md.append("- **command**: `").append(System.getProperty("bench.command",
                "mvn -B -Pbenchmark -pl integration-tests,benchmark -am -Dmaven.test.skip=true"
                        + " -Dkc.dist.parent=\"$PWD/benchmark/target/dist\" package -Dbench.nodes=2"
                        + " -Dbench.clusterConcurrency=" + concurrency + " -Dbench.clusterLogins=" + logins)).append("`\n");
        md.append(String.format(Locale.ROOT, "- **what**: realm `cluster-lab` (password, then the pack's push-or-code step"
                + " as in werkplek); %d people logging in at the same time, %d logins in all: the login page and its"
                + " long-poll on node A, the phone (companion library) on node B approving with the page's number; the"
                + " page's form post on A must be redirected out of the login%n", concurrency, logins));
        md.append("- **load average (1/5/15 min)**: at the start ").append(loadBefore).append("; before the logins ")
                .append(loadStart).append("; after ").append(LoginThroughputSimulation.loadAverage()).append("\n");
        md.append("- **note**: ").append(System.getProperty("bench.note",
                "taken on a loaded machine (other builds sharing the cores); to be re-run quiet")).append("\n\n");
        md.append("## Approval → page released (across the nodes)\n\n");
        md.append(String.format(Locale.ROOT, "Logins completed: %d of %d in %.1f s (%.2f logins/s).%n%n", results.size(),
                logins, runSeconds, results.size() / Math.max(0.001, runSeconds)));
        if (!results.isEmpty()) {
            md.append("| measure | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|\n");
            row(md, "approval sent on B → the page's long-poll on A answered done", fromSent);
            row(md, "approval answered on B (committed) → the page released on A", fromAnswered);
            row(md, "whole login (login page → redirect out of the login)", whole);
            md.append("\n");
        }
        run.errorsTable(md);
        run.logSection(md);
        Path dir = Path.of(Bench.required("bench.reports.dir"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(System.getProperty("bench.reportName", "cluster-push") + ".md"), md.toString());
        System.out.println(md);
    }

    private static void row(StringBuilder md, String what, List<Double> sorted) {
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", what, Recorder.percentile(sorted, 50),
                Recorder.percentile(sorted, 95), sorted.get(sorted.size() - 1)));
    }
}
