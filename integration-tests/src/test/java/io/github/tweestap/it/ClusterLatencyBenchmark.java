package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.ClusterNodes;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.SmsGatewayStub;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test of speed: approve → redirect across two cluster nodes (the login page on node A, the phone on
 * node B), over {@value #LOGINS} logins. Run with {@code mvn verify -pl integration-tests -am
 * -Dit.test=ClusterLatencyBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}; writes
 * {@code benchmark/reports/cluster-push-latency.md}.
 */
@ExtendWith(KeycloakExtension.class)
class ClusterLatencyBenchmark {

    static final int LOGINS = 240;
    private static final int[] USERS = {5, 6, 7, 8};
    private static final Pattern QR_LINK = Pattern.compile("id=\"tweestap-enroll-link\">([^<]+)<");

    private final SmsGatewayStub gateway;

    ClusterLatencyBenchmark(SmsGatewayStub gateway) {
        this.gateway = gateway;
    }

    @Test
    void approveOnBToRedirectOnA() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(Path.of(System.getProperty("tweestap.kc.cluster.home")),
                Path.of(System.getProperty("tweestap.pack.dir")),
                Path.of("src/test/resources/cluster/cluster-lab-realm.json"),
                Map.of("KC_SPI_TWEESTAP_SMS_SENDER__HTTP__URL", gateway.url() + "/send",
                        "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__BODY", "{\"to\":\"{to}\",\"text\":\"{text}\"}",
                        "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__HEADERS", "X-Api-Key: {secret}",
                        "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__SECRET", SmsGatewayStub.API_KEY))) {
            List<CompanionClient> phones = new ArrayList<>();
            for (int user : USERS) {
                FormClient browser = new FormClient();
                Matcher link = QR_LINK.matcher(login(browser, cluster.a(), user).html());
                assertThat(link.find()).isTrue();
                CompanionClient phone = new CompanionClient();
                phone.enroll(URI.create(link.group(1).replace("&amp;", "&").replaceFirst("^http://[^/]+",
                        cluster.b().baseUrl())), "Benchmark " + user);
                phone.confirm(Outbox.codeIn(gateway.awaitReceived(ClusterIT.number(user), 1).get(0).text()));
                phones.add(phone);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                millis.add(oneLogin(cluster, USERS[i % USERS.length], phones.get(i % USERS.length)));
            }
            Collections.sort(millis);
            double p50 = PushLatencyBenchmark.percentile(millis, 50);
            double p95 = PushLatencyBenchmark.percentile(millis, 95);
            String report = String.format(java.util.Locale.ROOT,
                    "# Push approve → redirect latency across two nodes%n%n%s, two Keycloak 26.7.3 nodes (`start --optimized`,"
                            + " PostgreSQL, jdbc-ping on 127.0.0.1) and the load driver on one machine (%d cores), %d logins,"
                            + " login page on node A, phone on node B.%n%n| p50 | p95 | max |%n|---|---|---|%n"
                            + "| %.1f ms | %.1f ms | %.1f ms |%n",
                    Instant.now().toString().substring(0, 10), Runtime.getRuntime().availableProcessors(), LOGINS, p50,
                    p95, millis.get(millis.size() - 1));
            System.out.println(report);
            Path reports = Path.of(System.getProperty("tweestap.benchmark.reports", "../benchmark/reports"));
            try {
                Files.createDirectories(reports);
                Files.writeString(reports.resolve("cluster-push-latency.md"), report);
            } catch (IOException e) {
                System.out.println("report not written: " + e);
            }
            assertThat(millis).hasSize(LOGINS);
        }
    }

    private double oneLogin(ClusterNodes cluster, int user, CompanionClient phone) throws Exception {
        FormClient browser = new FormClient();
        return PushLatencyBenchmark.measure(browser, login(browser, cluster.a(), user), phone);
    }

    static FormClient.Page login(FormClient browser, ClusterNodes.Node node, int user) {
        return login(browser, node, user, "Cluster-wachtwoord-1");
    }

    static FormClient.Page login(FormClient browser, ClusterNodes.Node node, int user, String password) {
        String realm = node.realmUrl();
        FormClient.Page form = browser.get(realm + "/protocol/openid-connect/auth?client_id=account-console"
                + "&response_type=code&scope=openid&redirect_uri=" + java.net.URLEncoder.encode(realm + "/account/",
                java.nio.charset.StandardCharsets.UTF_8)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        return browser.submit(form, "kc-form-login", Map.of("username", "cluster" + user, "password", password,
                "credentialId", ""));
    }
}
