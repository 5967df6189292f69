package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.QrLinks;
import io.github.tweestap.companion.Totp;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.ClusterNodes;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.SmsGatewayStub;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The pack on a two-node cluster (real distribution, production mode, PostgreSQL, Keycloak's default discovery):
 * the browser on node A and the phone on node B, an enrollment through one node used through the other, and node
 * A stopped while a browser waits for a push.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String PASSWORD = "Cluster-wachtwoord-1";
    private static final Pattern NUMBER = Pattern.compile("id=\"tweestap-push-number\"[^>]*>(\\d+)<");
    private static final Pattern WAIT = Pattern.compile("data-tweestap-wait=\"([^\"]+)\"");
    private static final Pattern QR_LINK = Pattern.compile("id=\"tweestap-enroll-link\">([^<]+)<");

    private final SmsGatewayStub gateway;
    private ClusterNodes cluster;

    ClusterIT(SmsGatewayStub gateway) {
        this.gateway = gateway;
    }

    @BeforeAll
    void startCluster() {
        cluster = ClusterNodes.start(Path.of(System.getProperty("tweestap.kc.cluster.home")),
                Path.of(System.getProperty("tweestap.pack.dir")),
                Path.of("src/test/resources/cluster/cluster-lab-realm.json"),
                Map.of("KC_SPI_TWEESTAP_SMS_SENDER__HTTP__URL", gateway.url() + "/send",
                        "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__BODY", "{\"to\":\"{to}\",\"text\":\"{text}\"}",
                        "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__HEADERS", "X-Api-Key: {secret}",
                        "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__SECRET", SmsGatewayStub.API_KEY));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String number(int user) {
        return "+3164000000" + user;
    }

    /** The enrollment link from a binding page, pointed at another node. */
    static URI onNode(String link, ClusterNodes.Node node) {
        return URI.create(link.replaceFirst("^http://[^/]+", node.baseUrl()));
    }

    String smsCode(int user, int count) {
        return Outbox.codeIn(gateway.awaitReceived(number(user), count).get(count - 1).text());
    }

    /** Binds user N's phone from a login through {@code pageNode}, the phone talking to {@code phoneNode}. */
    CompanionClient bind(int user, ClusterNodes.Node pageNode, ClusterNodes.Node phoneNode) {
        FormClient browser = new FormClient();
        FormClient.Page page = login(browser, pageNode, user);
        Matcher link = QR_LINK.matcher(page.html());
        assertThat(link.find()).as("binding page on node " + pageNode.port()).isTrue();
        CompanionClient phone = new CompanionClient();
        phone.enroll(onNode(link.group(1).replace("&amp;", "&"), phoneNode), "Cluster " + user);
        assertThat(phone.confirm(smsCode(user, 1)).isActive()).isTrue();
        return phone;
    }

    FormClient.Page login(FormClient browser, ClusterNodes.Node node, int user) {
        return ClusterLatencyBenchmark.login(browser, node, user);
    }

    @Test
    @Order(1)
    void theNodesFormOneCluster() {
        assertThat(cluster.log(cluster.a())).contains("ISPN000094").containsPattern("Received new cluster view.*\\(2\\)");
        assertThat(cluster.log(cluster.b())).containsPattern("Received new cluster view.*\\(2\\)");
    }

    @Test
    @Order(2)
    void theBrowserOnAIsReleasedByThePhonesAnswerOnB() throws Exception {
        // Binding: page on A, phone on B; the page on A is woken when the binding is confirmed on B.
        try (Browser browser = new Browser("nl")) {
            browser.open(cluster.a().realmUrl() + "/account/");
            browser.type(By.id("username"), "cluster1");
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            String link = QrLinks.decodeDataUri(browser.await(By.id("tweestap-enroll-qr")).getAttribute("src"));
            CompanionClient phone = new CompanionClient();
            phone.enroll(onNode(link, cluster.b()), "Cluster 1");
            assertThat(phone.confirm(smsCode(1, 1)).isActive()).isTrue();
            browser.awaitUrl(url -> url.startsWith(cluster.a().realmUrl() + "/account") && !url.contains("login-actions"));
            LoginPages.assertAccountConsoleWorks(browser, null);

            // Push: the login page's long-poll on A, started before the answer, is woken by the answer on B.
            FormClient page = new FormClient();
            FormClient.Page wait = login(page, cluster.a(), 1);
            Matcher number = NUMBER.matcher(wait.html());
            Matcher waitUrl = WAIT.matcher(wait.html());
            assertThat(number.find() && waitUrl.find()).isTrue();
            String url = waitUrl.group(1).replace("&amp;", "&");
            assertThat(url).startsWith(cluster.a().baseUrl());
            CompletableFuture<FormClient.Page> longPoll = CompletableFuture.supplyAsync(() -> new FormClient().get(url));
            Challenge challenge = Phones.awaitChallenge(phone);
            KeycloakServer.sleep(1500); // the long-poll is waiting on A by now
            assertThat(longPoll).isNotDone();
            assertThat(phone.approve(challenge.id(), number.group(1))).isEqualTo("approved");
            FormClient.Page woken = longPoll.get(19, TimeUnit.SECONDS);
            assertThat(woken.html()).as("woken by the cluster event, not by its 20 s timeout").contains("\"done\":true");
            FormClient.Page redirect = page.submit(wait, "kc-tweestap-push-form", Map.of("continue", "auto"), false);
            assertThat(redirect.status()).isEqualTo(302);
            assertThat(redirect.html()).contains("code=");
        }
    }

    @Test
    @Order(3)
    void anEnrollmentThroughAIsUsableAtOnceThroughBWithTheCodeFallback() {
        CompanionClient phone = bind(2, cluster.a(), cluster.a());
        FormClient browser = new FormClient();
        FormClient.Page wait = login(browser, cluster.b(), 2);
        assertThat(wait.html()).contains("tweestap-push-number");
        FormClient.Page codeForm = browser.submit(wait, "kc-tweestap-push-form", Map.of("use-code", ""));
        FormClient.Page done = browser.submit(codeForm, "kc-tweestap-push-code-form",
                Map.of("otp", Totp.code(phone.state().totp(), Instant.now()), "login", ""), false);
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.html()).contains("code=");
    }

    @Test
    @Order(4)
    void aLockoutOnAReachesThePhoneOnBAndItsApprovalUnlocks() {
        CompanionClient phone = bind(3, cluster.b(), cluster.b());
        for (int i = 0; i < 3; i++) {
            ClusterLatencyBenchmark.login(new FormClient(), cluster.a(), 3, "Fout-" + i);
            KeycloakServer.sleep(300);
        }
        Challenge unlock = null;
        Instant deadline = Instant.now().plusSeconds(25);
        while (unlock == null && Instant.now().isBefore(deadline)) {
            unlock = phone.poll(java.time.Duration.ofSeconds(5)).stream().filter(c -> "unlock".equals(c.type()))
                    .findFirst().orElse(null);
        }
        assertThat(unlock).as("the unlock request reached the phone on B").isNotNull();
        assertThat(phone.approve(unlock.id(), null)).isEqualTo("approved");
        KeycloakServer.sleep(1000);
        FormClient.Page after = login(new FormClient(), cluster.a(), 3);
        assertThat(after.html()).as("the right password gets through again, to the push page").contains("tweestap-push-number");
    }

    @Test
    @Order(5)
    void whenNodeAStopsWhileTheBrowserWaitsTheLoginCompletesThroughB() {
        CompanionClient phone = bind(4, cluster.b(), cluster.b());
        FormClient browser = new FormClient();
        FormClient.Page wait = login(browser, cluster.a(), 4);
        Matcher number = NUMBER.matcher(wait.html());
        assertThat(number.find()).isTrue();
        Challenge challenge = Phones.awaitChallenge(phone);
        cluster.a().stop();
        assertThat(cluster.a().alive()).isFalse();
        assertThat(phone.approve(challenge.id(), number.group(1))).isEqualTo("approved");
        // The same login (its cookies, its form) continues on B.
        FormClient.Page onB = new FormClient.Page(wait.url().replace(":" + cluster.a().port() + "/", ":" + cluster.b().port() + "/"),
                wait.status(), wait.html().replace("127.0.0.1:" + cluster.a().port(), "127.0.0.1:" + cluster.b().port())
                        .replace("localhost:" + cluster.a().port(), "localhost:" + cluster.b().port()));
        FormClient.Page redirect = browser.submit(onB, "kc-tweestap-push-form", Map.of("continue", "auto"), false);
        assertThat(redirect.status()).as(redirect.html()).isEqualTo(302);
        assertThat(redirect.html()).contains("code=");
    }
}
