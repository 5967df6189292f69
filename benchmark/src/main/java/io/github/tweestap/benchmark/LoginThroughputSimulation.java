package io.github.tweestap.benchmark;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.doIfEquals;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.github.tweestap.companion.Challenge;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Part 1 of the load benchmark: logins per second through Keycloak's built-in browser flow with password + OTP (the
 * baseline) and every portal flow, interleaved in one run against one real Keycloak with the pack, at each
 * concurrency level of {@code bench.levels} for {@code bench.phaseSeconds} each (after a short warm-up). Each
 * virtual user does one whole login (login page, password, the flow's second step, the redirect with the code) of
 * the next flow in turn, with a user of that flow not logging in at that moment. werkplek push: the simulated phone
 * (companion library) waits for the challenge and approves it with the number the page shows; the virtual browser
 * does what the page's script does (long-poll the wait URL, then post the form).
 */
public class LoginThroughputSimulation extends Simulation {

    private static final List<Integer> LEVELS = Arrays.stream(System.getProperty("bench.levels", "1,4,16").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private static final int PHASE = Integer.getInteger("bench.phaseSeconds", 10);
    private static final int WARMUP = Integer.getInteger("bench.warmupSeconds", 5);
    private static final int PER_FLOW = Math.max(Integer.getInteger("bench.usersPerFlow", 20),
            LEVELS.stream().mapToInt(i -> i).max().orElse(1) + 2);

    private final Instant started = Instant.now();
    private final String loadBefore = loadAverage();
    private final KeycloakServer server;
    private final Map<Flow, ConcurrentLinkedQueue<BenchUser>> idle = new EnumMap<>(Flow.class);
    private final Recorder recorder = new Recorder();
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong firstStart = new AtomicLong();
    private volatile Instant loadStarted; // the first virtual user's start (the profile's window opens here)
    private final ExecutorService phones = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "phone");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-sampler");
        t.setDaemon(true);
        return t;
    });
    private String seeded;

    public LoginThroughputSimulation() throws Exception {
        boolean jfr = Boolean.getBoolean("bench.jfr");
        Path target = Path.of(Bench.required("bench.target.dir"));
        server = Bench.startServer(jfr ? "-XX:StartFlightRecording=filename=" + target.resolve("keycloak-load.jfr")
                + ",settings=profile,dumponexit=true" : "", List.of());
        long t0 = System.nanoTime();
        Map<Flow, List<BenchUser>> users = new Seeder(server).seed(PER_FLOW, PER_FLOW);
        seeded = String.format(java.util.Locale.ROOT, "%d users per flow (%d phones bound) in %.0f s", PER_FLOW,
                2 * PER_FLOW, (System.nanoTime() - t0) / 1e9);
        users.forEach((flow, list) -> idle.put(flow, new ConcurrentLinkedQueue<>(list)));

        HttpProtocolBuilder protocol = http.disableFollowRedirect().disableWarmUp().disableCaching()
                .acceptHeader("text/html,application/json").userAgentHeader("Mozilla/5.0 (X11; Linux x86_64) Chrome/156 Gatling")
                .shareConnections();

        ChainBuilder login = exec(this::begin).group("#{group}").on(exitBlockOnFail().on(
                page("login page", "#{authUrl}"),
                doIfEquals("#{flow}", Flow.BASELINE.name()).then(passwordThenOtp("kc-otp-login-form", "otp")),
                doIfEquals("#{flow}", Flow.STORINGEN.name()).then(passwordThenOtp("kc-otp-login-form", "otp")),
                doIfEquals("#{flow}", Flow.NSE.name()).then(passwordThenOtp("kc-otp-login-form", "otp")),
                doIfEquals("#{flow}", Flow.WERKNEMERLOKET.name()).then(passwordThenOtp("kc-otp-login-form", "otp")),
                doIfEquals("#{flow}", Flow.VERZUIMCOACH.name()).then(verzuimcoach()),
                doIfEquals("#{flow}", Flow.WERKPLEK_PUSH.name()).then(push()),
                doIfEquals("#{flow}", Flow.WERKPLEK_CODE.name()).then(manualCode()))).exec(this::end);

        List<ClosedInjectionStep> steps = new ArrayList<>();
        steps.add(constantConcurrentUsers(2).during(Duration.ofSeconds(WARMUP)));
        for (int level : LEVELS) {
            steps.add(constantConcurrentUsers(level).during(Duration.ofSeconds(PHASE)));
        }
        setUp(scenario("logins").exec(login).injectClosed(steps.toArray(ClosedInjectionStep[]::new)))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(WARMUP + (long) PHASE * LEVELS.size() + 120));
    }

    @Override
    public void before() {
        sampler.scheduleAtFixedRate(() -> recorder.load(loadAverage()), 0, 5, TimeUnit.SECONDS);
    }

    @Override
    public void after() {
        sampler.shutdownNow();
        String loadAfter = loadAverage();
        Instant loadEnded = Instant.now();
        server.stop();
        if (Boolean.getBoolean("bench.jfr") && loadStarted != null) {
            // Part 3: the recording is dumped when the server stops; the hotspots of the load phase only.
            Path target = Path.of(Bench.required("bench.target.dir"));
            try {
                JfrHotspots.write(target.resolve("keycloak-load.jfr"), 25, loadStarted, loadEnded,
                        target.resolve("profile-hotspots.txt"));
                System.out.println("[profile] hotspots of the load phase in " + target.resolve("profile-hotspots.txt"));
            } catch (IOException | RuntimeException e) {
                System.err.println("[profile] no hotspots: " + e);
            }
        }
        phones.shutdownNow();
        Map<String, String> header = new LinkedHashMap<>();
        header.put("title", "# Load benchmark: logins per second per flow (one node)");
        header.put("date", started.toString().substring(0, 16).replace('T', ' ') + " UTC");
        header.put("machine", machine());
        header.put("server", "Keycloak 26.7.3 `start-dev` (H2, default thread pools" + (Bench.themeCacheOptions()
                .isEmpty() ? "" : "; theme cache on as in production") + "), the pack's two JARs only; Gatling "
                + "(load driver) and the simulated phones on the same machine, loopback only");
        header.put("command", "`" + System.getProperty("bench.command",
                "mvn -B -Pbenchmark -pl integration-tests,benchmark -am -Dmaven.test.skip=true -Dkc.dist.parent=\"$PWD/benchmark/target/dist\" package")
                + " -Dbench.levels=" + LEVELS.stream().map(String::valueOf).collect(Collectors.joining(","))
                + " -Dbench.phaseSeconds=" + PHASE + " -Dbench.usersPerFlow=" + PER_FLOW + "`");
        header.put("run", WARMUP + " s warm-up (2 users, not reported), then " + PHASE + " s per level; " + seeded);
        header.put("load average (1/5/15 min)", "before " + loadBefore + "; during " + String.join(" → ",
                recorder.loadSamples()) + "; after " + loadAfter);
        header.put("note", System.getProperty("bench.note", "taken on a loaded machine (other builds sharing the cores);"
                + " to be re-run quiet"));
        try {
            recorder.write(Path.of(Bench.required("bench.reports.dir")),
                    System.getProperty("bench.reportName", "load-throughput"), LEVELS, PHASE, header);
        } catch (IOException e) {
            System.err.println("report not written: " + e);
        }
    }

    // ---- the chain's pieces ----

    private Session begin(Session session) {
        long now = System.nanoTime();
        if (firstStart.compareAndSet(0, now)) {
            loadStarted = Instant.now();
        }
        double elapsed = (now - firstStart.get()) / 1e9 - WARMUP;
        int level = elapsed < 0 ? 0 : LEVELS.get((int) Math.min(LEVELS.size() - 1, Math.floor(elapsed / PHASE)));
        Flow flow = Flow.values()[(int) (next.getAndIncrement() % Flow.values().length)];
        BenchUser user = take(flow);
        String group = (level == 0 ? "warm-up " : "c" + level + " ") + flow.label;
        if (user == null) {
            return session.setAll(Map.of("flow", "NONE", "group", group)).markAsFailed();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("flow", flow.name());
        values.put("level", level);
        values.put("group", group);
        values.put("user", user);
        values.put("username", user.username);
        values.put("password", user.password);
        values.put("authUrl", FormClient.authUrl(server.realmUrl(flow.realm)));
        values.put("cookies", new LinkedHashMap<String, String>());
        values.put("t0", now);
        return session.setAll(values);
    }

    private Session end(Session session) {
        if (session.contains("user")) {
            BenchUser user = (BenchUser) session.get("user");
            int level = session.getInt("level");
            double millis = (System.nanoTime() - session.getLong("t0")) / 1e6;
            if (level > 0) {
                recorder.login(user.flow, level, millis, session.isFailed());
                if (user.flow == Flow.WERKPLEK_PUSH && !session.isFailed()) {
                    recorder.pushRelease(level, (System.nanoTime() - user.approveSentNanos) / 1e6);
                }
            }
            idle.get(user.flow).add(user);
        }
        return session.markAsSucceeded();
    }

    /** A user of the flow that is not logging in now and still has an unused code. */
    private BenchUser take(Flow flow) {
        ConcurrentLinkedQueue<BenchUser> queue = idle.get(flow);
        for (int i = 0; i < PER_FLOW; i++) {
            BenchUser user = queue.poll();
            if (user == null) {
                return null;
            }
            if (flow == Flow.WERKPLEK_PUSH || user.hasFreshCode()) {
                return user;
            }
            queue.add(user);
        }
        return null;
    }

    /** One request with Keycloak's cookies kept by hand (they are Secure; Gatling does not send those on http://). */
    private ChainBuilder request(HttpRequestActionBuilder request) {
        return exec(request.header("Cookie", LoginThroughputSimulation::cookieHeader).check(
                status().in(200, 302).saveAs("status"),
                bodyString().saveAs("html"),
                header("Location").optional().saveAs("location"),
                headerRegex("Set-Cookie", "^([^;]*)").findAll().optional().saveAs("setCookies")))
                .exec(LoginThroughputSimulation::keepCookies);
    }

    @SuppressWarnings("unchecked")
    private static String cookieHeader(Session session) {
        Map<String, String> cookies = (Map<String, String>) session.get("cookies");
        return cookies == null ? "" : cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    @SuppressWarnings("unchecked")
    private static Session keepCookies(Session session) {
        if (!session.contains("setCookies")) {
            return session;
        }
        Map<String, String> cookies = (Map<String, String>) session.get("cookies");
        for (String pair : (List<String>) session.get("setCookies")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            if (eq == pair.length() - 1) {
                cookies.remove(pair.substring(0, eq));
            } else {
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return session.remove("setCookies");
    }

    private ChainBuilder page(String name, String url) {
        return request(http(name).get(url));
    }

    /** Posts the form with this id on the current page. */
    private ChainBuilder post(String name, String formId, Map<String, Object> fields) {
        return post(name, formId, fields, "html");
    }

    /** Posts the form with this id on the page kept in the session attribute {@code htmlKey}. */
    private ChainBuilder post(String name, String formId, Map<String, Object> fields, String htmlKey) {
        HttpRequestActionBuilder post = http(name).post(session -> {
            String action = FormClient.formAction(session.getString(htmlKey), formId);
            return action == null ? "http://127.0.0.1:9/no-form-" + formId : action;
        });
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            post = field.getValue() instanceof String s ? post.formParam(field.getKey(), s)
                    : post.formParam(field.getKey(), (io.gatling.javaapi.core.Session s) -> ((java.util.function.Function<Session, Object>) field.getValue()).apply(s));
        }
        return request(post);
    }

    private ChainBuilder password() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", "#{username}");
        fields.put("password", "#{password}");
        fields.put("credentialId", "");
        return post("password", "kc-form-login", fields);
    }

    private static java.util.function.Function<Session, Object> code() {
        return session -> {
            String code = ((BenchUser) session.get("user")).freshCode();
            return code == null ? "000000" : code;
        };
    }

    /** The redirect out of the login, to the client with the authorization code. */
    private ChainBuilder redirected() {
        return exec(session -> {
            String location = session.contains("location") ? session.getString("location") : "";
            return session.getInt("status") == 302 && location.contains("code=") ? session : session.markAsFailed();
        });
    }

    private ChainBuilder passwordThenOtp(String formId, String field) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(field, code());
        fields.put("login", "");
        return exec(password(), post("code", formId, fields), redirected());
    }

    private ChainBuilder verzuimcoach() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("totp", code());
        fields.put("login", "");
        return exec(password(), post("choice", "kc-tweestap-method-form", Map.of("method", "app")),
                post("code", "kc-tweestap-otp-form", fields), redirected());
    }

    private ChainBuilder waitPage() {
        return exec(password(), exec(session -> {
            String html = session.getString("html");
            java.util.regex.Matcher number = java.util.regex.Pattern.compile(
                    "id=\"tweestap-push-number\"[^>]*>(\\d+)<").matcher(html);
            java.util.regex.Matcher wait = java.util.regex.Pattern.compile("data-tweestap-wait=\"([^\"]+)\"").matcher(html);
            if (!number.find() || !wait.find()) {
                return session.markAsFailed();
            }
            return session.set("number", number.group(1)).set("waitUrl", wait.group(1).replace("&amp;", "&"))
                    .set("waitHtml", html).set("done", false);
        }));
    }

    private ChainBuilder push() {
        return exec(waitPage(), exec(session -> {
            BenchUser user = (BenchUser) session.get("user");
            String number = session.getString("number");
            phones.submit(() -> approve(user, number));
            return session;
        }), asLongAs(session -> !session.getBoolean("done") && !session.isFailed()).on(
                request(http("wait (long-poll)").get("#{waitUrl}")),
                exec(session -> session.set("done", session.getString("html").contains("\"done\":true")))),
                post("continue", "kc-tweestap-push-form", Map.of("continue", "auto"), "waitHtml"), redirected());
    }

    /** The phone: polls until the login's challenge is there, then approves it with the page's number. */
    private static void approve(BenchUser user, String number) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<Challenge> open = user.phone.poll(Duration.ofSeconds(5));
            for (Challenge challenge : open) {
                if (!challenge.isUnlock() && !challenge.isExpired(Instant.now())) {
                    user.approveSentNanos = System.nanoTime();
                    user.phone.approve(challenge.id(), number);
                    return;
                }
            }
        }
    }

    private ChainBuilder manualCode() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("otp", code());
        fields.put("login", "");
        return exec(waitPage(), post("use code", "kc-tweestap-push-form", Map.of("use-code", "")),
                post("code", "kc-tweestap-push-code-form", fields), redirected());
    }

    // ---- machine facts ----

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // keep unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", JDK "
                + System.getProperty("java.version") + ", " + memory();
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM").orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
