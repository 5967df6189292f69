package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test of speed: measures, over {@value #LOGINS} push logins on one server, the time from the
 * phone's approval to the browser's redirect out of the login (the login page's long-poll returning, then its form
 * post answering 302). Run it with {@code mvn verify -pl integration-tests -am -Dit.test=PushLatencyBenchmark
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}; it prints p50/p95/max and writes
 * {@code benchmark/reports/push-latency.md}. It is not part of the normal test run (its name does not end in IT).
 */
@ExtendWith(KeycloakExtension.class)
class PushLatencyBenchmark {

    static final int LOGINS = 240;
    static final int USERS = 12;
    private static final Pattern NUMBER = Pattern.compile("id=\"tweestap-push-number\"[^>]*>(\\d+)<");
    private static final Pattern WAIT = Pattern.compile("data-tweestap-wait=\"([^\"]+)\"");
    private static final Pattern QR_LINK = Pattern.compile("id=\"tweestap-enroll-link\">([^<]+)<");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    PushLatencyBenchmark(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    @Test
    void approveToRedirect() throws Exception {
        List<String> names = new ArrayList<>();
        List<CompanionClient> phones = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String name = AdminApi.uniqueName("bench");
            String number = "+3162" + (1_000_000 + i * 7919);
            admin.createUser(PushLoginIT.REALM, name, PushLoginIT.PASSWORD, number);
            FormClient browser = new FormClient();
            FormClient.Page enroll = browser.login(server, PushLoginIT.REALM, name, PushLoginIT.PASSWORD);
            Matcher link = QR_LINK.matcher(enroll.html());
            assertThat(link.find()).as("binding page").isTrue();
            CompanionClient phone = new CompanionClient();
            phone.enroll(URI.create(link.group(1).replace("&amp;", "&")), "Benchmark " + i);
            phone.confirm(outbox.awaitCode(PushLoginIT.REALM, number, 1));
            names.add(name);
            phones.add(phone);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < LOGINS; i++) {
            int u = i % USERS;
            millis.add(oneLogin(names.get(u), phones.get(u)));
        }
        Collections.sort(millis);
        double p50 = percentile(millis, 50);
        double p95 = percentile(millis, 95);
        double max = millis.get(millis.size() - 1);
        String report = String.format(java.util.Locale.ROOT,
                "# Push approve → redirect latency (one node)%n%n%s, Keycloak 26.7.3 `start-dev` (H2), the load driver on the"
                        + " same machine (%d cores), %d logins by %d users, sequential.%n%n| p50 | p95 | max |%n|---|---|---|%n"
                        + "| %.1f ms | %.1f ms | %.1f ms |%n%nMeasured from the moment the phone sends its approval to the moment the"
                        + " login page's form post is answered with the redirect out of the login: the page's long-poll is"
                        + " woken by the cluster event, returns, and the page posts.%n",
                Instant.now().toString().substring(0, 10), Runtime.getRuntime().availableProcessors(), LOGINS, USERS,
                p50, p95, max);
        System.out.println(report);
        Path reports = Path.of(System.getProperty("tweestap.benchmark.reports", "../benchmark/reports"));
        try {
            Files.createDirectories(reports);
            Files.writeString(reports.resolve("push-latency.md"), report);
        } catch (IOException e) {
            System.out.println("report not written: " + e);
        }
        assertThat(millis).hasSize(LOGINS);
    }

    private double oneLogin(String name, CompanionClient phone) throws Exception {
        FormClient browser = new FormClient();
        return measure(browser, browser.login(server, PushLoginIT.REALM, name, PushLoginIT.PASSWORD), phone);
    }

    /**
     * From a wait page: does what the page's script does (long-poll, then post the form) while the phone approves;
     * returns the milliseconds from the approval being sent to the login's redirect.
     */
    static double measure(FormClient browser, FormClient.Page wait, CompanionClient phone) throws Exception {
        Matcher number = NUMBER.matcher(wait.html());
        Matcher waitUrl = WAIT.matcher(wait.html());
        assertThat(number.find() && waitUrl.find()).as("wait page").isTrue();
        String url = waitUrl.group(1).replace("&amp;", "&");
        CompletableFuture<FormClient.Page> page = CompletableFuture.supplyAsync(() -> {
            FormClient.Page answer = new FormClient().get(url);
            while (!answer.html().contains("\"done\":true")) {
                answer = new FormClient().get(url);
            }
            return browser.submit(wait, "kc-tweestap-push-form", Map.of("continue", "auto"), false);
        });
        Challenge challenge = null;
        while (challenge == null) {
            List<Challenge> open = phone.poll(Duration.ofSeconds(5));
            challenge = open.isEmpty() ? null : open.get(0);
        }
        long start = System.nanoTime();
        phone.approve(challenge.id(), number.group(1));
        FormClient.Page redirect = page.get();
        long end = System.nanoTime();
        assertThat(redirect.status()).as("redirect out of the login").isEqualTo(302);
        assertThat(redirect.html()).contains("/account/").contains("code=");
        return (end - start) / 1_000_000.0;
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
