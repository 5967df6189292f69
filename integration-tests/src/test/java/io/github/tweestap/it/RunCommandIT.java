package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tweestap.it.support.Distributions;
import io.github.tweestap.it.support.KeycloakExtension;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What users run contains only the pack. Starts the README's run command itself ({@code ./run.sh}) on a copy of this
 * checkout (so its build does not touch the JARs this test run is using), on a free port, and fails when its
 * Keycloak has any provider beyond the pack's: a JAR in {@code providers/} that is not one of the pack's, a
 * provider id the tests' own server (the same pack plus the test-only providers) does not have, or the test-only
 * clock answering.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_SOURCES = Set.of("target", "node_modules", ".git", ".tweestap", ".idea");

    private final KeycloakServer testServer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path checkout;
    private Process run;
    private String baseUrl;

    RunCommandIT(KeycloakServer testServer) {
        this.testServer = testServer;
    }

    @BeforeAll
    void startTheRunCommand() throws Exception {
        Path root = Path.of(System.getProperty("tweestap.root.dir")).toRealPath();
        checkout = Path.of("target/run-command").toAbsolutePath();
        Distributions.deleteTree(checkout);
        Distributions.copyTree(root, checkout, NOT_SOURCES);
        int port = Distributions.freePort();
        baseUrl = "http://localhost:" + port;
        ProcessBuilder builder = new ProcessBuilder("bash", checkout.resolve("run.sh").toString())
                .directory(checkout.toFile()).redirectErrorStream(true)
                .redirectOutput(checkout.resolveSibling("run-command.log").toFile());
        builder.environment().put("TWEESTAP_HTTP_PORT", String.valueOf(port));
        run = builder.start();
        awaitReady(Duration.ofSeconds(Long.getLong("tweestap.keycloak.startSeconds", 300) + 600));
    }

    @AfterAll
    void stopTheRunCommand() {
        if (run != null) {
            Distributions.stop(run);
        }
    }

    @Test
    void itsKeycloakHasExactlyThePacksJarsInProviders() throws IOException {
        Path providers = checkout.resolve(".tweestap/keycloak-" + keycloakVersion() + "/providers");
        List<String> installed = Distributions.jars(providers).stream().map(p -> p.getFileName().toString()).toList();
        List<String> pack = Distributions.packJars().stream().map(p -> p.getFileName().toString()).toList();

        assertThat(pack).containsExactly("tweestap-authenticator-spi.jar", "tweestap-themes.jar");
        assertThat(installed).as("JARs in the run command's providers/").containsExactlyElementsOf(pack);
        for (String name : installed) {
            assertThat(Files.mismatch(providers.resolve(name), checkout.resolve("integration-tests/target/pack/providers")
                    .resolve(name))).as(name + " is the pack's JAR as built").isEqualTo(-1L);
        }
    }

    @Test
    void itsKeycloakHasNoProviderBeyondThePacks() throws Exception {
        Set<String> run = providerIds(baseUrl);
        Set<String> tests = providerIds(testServer.baseUrl());
        Set<String> beyond = new TreeSet<>(run);
        beyond.removeAll(tests);

        assertThat(tests).as("the tests' own server has the test-only clock").contains("realm-restapi-extension/tweestap-test-clock");
        assertThat(run).as("the run command's server has the pack").contains("realm-restapi-extension/tweestap-device",
                "authenticator/tweestap-push");
        assertThat(run).as("the run command's server has no test-only provider")
                .doesNotContain("realm-restapi-extension/tweestap-test-clock");
        assertThat(beyond).as("providers of the run command's server that the tests' server (pack + test providers) lacks")
                .isEmpty();
    }

    @Test
    void theTestOnlyClockIsNotThere() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/realms/master/tweestap-test-clock/offset/86400")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    /** A link of the README to follow, or of run.sh's start banner. */
    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("http://localhost:8080[^\\s)`'\"<>]*");
    private static final java.util.regex.Pattern PRINTED = java.util.regex.Pattern.compile("http://localhost:[0-9]+/[^\\s]*");

    /**
     * Issue 18: on a port other than 8080 (this run's), every page link of the README and of the guides in docs/ works: the account consoles,
     * the outboxes, the admin console, and the portals' activation links, whose redirect_uri names the port too
     * (they ended on "Ongeldige parameter: redirect_uri" when the demo clients assumed 8080). The links run.sh prints
     * for its own port work as they are. API calls (curl in the README, with a token) are left out.
     */
    @Test
    void theReadmesLinksWorkOnThisPort() throws Exception {
        int port = URI.create(baseUrl).getPort();
        assertThat(port).isNotEqualTo(8080);
        Set<String> links = new TreeSet<>();
        StringBuilder docs = new StringBuilder(Files.readString(checkout.resolve("README.md")));
        try (var guides = Files.walk(checkout.resolve("docs"))) {
            for (Path guide : guides.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                docs.append('\n').append(Files.readString(guide));
            }
        }
        java.util.regex.Matcher readme = LINK.matcher(docs);
        while (readme.find()) {
            String link = readme.group().replaceAll("[.,:;]+$", "");
            if (!link.contains("/protocol/openid-connect/token") && !link.contains("/admin/realms/") && !link.contains("$")) {
                links.add(link.replace("localhost:8080", "localhost:" + port).replace("localhost%3A8080", "localhost%3A" + port));
            }
        }
        java.util.regex.Matcher printed = PRINTED.matcher(Files.readString(checkout.resolveSibling("run-command.log")));
        int fromRunSh = 0;
        while (printed.find()) {
            links.add(printed.group());
            fromRunSh += printed.group().contains("kc_action=") ? 1 : 0;
        }
        assertThat(fromRunSh).as("run.sh prints the portals' activation links").isGreaterThanOrEqualTo(3);
        assertThat(links).as("README links").anyMatch(l -> l.contains("client_id=nse-portal"))
                .anyMatch(l -> l.contains("client_id=werknemerloket"));
        HttpClient browserLike = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        for (String link : links) {
            HttpResponse<String> page = browserLike.send(HttpRequest.newBuilder(URI.create(link))
                    .header("Accept-Language", "nl").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(link + " answers").isLessThan(400);
            assertThat(page.body()).as(link).doesNotContain("Ongeldige parameter").doesNotContain("Invalid parameter");
            if (link.contains("kc_action=")) {
                assertThat(page.body()).as(link + " shows the login page").contains("kc-form-login");
            }
        }
    }

    /** Every provider the server runs, as "spi/id", from the admin API's server info. */
    private Set<String> providerIds(String base) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER + "&password="
                + KeycloakServer.ADMIN_PASSWORD;
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).get("access_token").asText();
        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/serverinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        Set<String> ids = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> spis = JSON.readTree(info.body()).get("providers").fields();
        while (spis.hasNext()) {
            Map.Entry<String, JsonNode> spi = spis.next();
            spi.getValue().path("providers").fieldNames().forEachRemaining(id -> ids.add(spi.getKey() + "/" + id));
        }
        return ids;
    }

    private static String keycloakVersion() {
        Path home = Path.of(System.getProperty("tweestap.kc.home"));
        return home.getFileName().toString().substring("keycloak-".length());
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI probe = URI.create(baseUrl + "/realms/werkplek/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!run.isAlive()) {
                throw new IllegalStateException("run.sh exited with " + run.exitValue() + "; see target/run-command.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            KeycloakServer.sleep(2000);
        }
        throw new IllegalStateException("run.sh did not bring Keycloak up within " + timeout + "; see target/run-command.log");
    }
}
