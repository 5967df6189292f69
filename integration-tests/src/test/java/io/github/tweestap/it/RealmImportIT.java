package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Smoke;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every realm the server imported at startup (the five portals of realm-config/realms and the test realms) is there
 * as its file says: themes, browser flow, every flow with the same steps (so each of the pack's authenticators is
 * known to this Keycloak version), the pack's required actions, and a login page drawn by the realm's own theme.
 */
@ExtendWith(KeycloakExtension.class)
@Smoke
class RealmImportIT {

    private final KeycloakServer server;
    private final AdminApi admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RealmImportIT(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
    }

    @Test
    void everyRealmFileIsImportedWithItsThemesFlowsAndRequiredActions() throws Exception {
        List<Path> files = realmFiles();
        assertThat(files).as("realm files").hasSizeGreaterThanOrEqualTo(5 + 8);
        for (Path file : files) {
            JsonNode expected = AdminApi.JSON.readTree(file.toFile());
            String realm = expected.get("realm").asText();
            JsonNode actual = admin.get("/admin/realms/" + realm);
            for (String field : List.of("loginTheme", "emailTheme", "browserFlow", "resetCredentialsFlow")) {
                if (expected.hasNonNull(field)) {
                    assertThat(actual.path(field).asText()).as(realm + " " + field).isEqualTo(expected.get(field).asText());
                }
            }
            for (JsonNode flow : expected.path("authenticationFlows")) {
                String alias = flow.get("alias").asText();
                Set<String> steps = new TreeSet<>();
                flow.path("authenticationExecutions").forEach(e -> {
                    if (e.hasNonNull("authenticator")) {
                        steps.add(e.get("authenticator").asText());
                    }
                });
                Set<String> imported = new TreeSet<>();
                admin.get("/admin/realms/" + realm + "/authentication/flows/"
                        + URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20") + "/executions")
                        .forEach(e -> {
                            if (e.path("level").asInt() == 0 && e.hasNonNull("providerId")) {
                                imported.add(e.get("providerId").asText());
                            }
                        });
                assertThat(imported).as(realm + " flow '" + alias + "'").containsAll(steps);
            }
            JsonNode actions = admin.get("/admin/realms/" + realm + "/authentication/required-actions");
            for (JsonNode action : expected.path("requiredActions")) {
                if (!action.path("providerId").asText().startsWith("tweestap-")) {
                    continue;
                }
                String alias = action.get("alias").asText();
                JsonNode found = null;
                for (JsonNode a : actions) {
                    if (alias.equals(a.path("alias").asText())) {
                        found = a;
                    }
                }
                assertThat(found).as(realm + " required action " + alias).isNotNull();
                assertThat(found.path("enabled").asBoolean()).as(realm + " " + alias + " enabled")
                        .isEqualTo(action.path("enabled").asBoolean());
            }
            String theme = expected.path("loginTheme").asText();
            String page = loginPage(realm);
            assertThat(page).as(realm + " login page").contains("id=\"kc-login\"")
                    .contains("/login/" + theme + "/css/" + theme + ".css");
        }
    }

    private String loginPage(String realm) throws IOException, InterruptedException {
        String account = server.realmUrl(realm) + "/account/";
        URI auth = URI.create(server.realmUrl(realm) + "/protocol/openid-connect/auth?client_id=account-console"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(account, StandardCharsets.UTF_8)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(auth).header("Accept-Language", "nl").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(realm + " login page status").isEqualTo(200);
        return response.body();
    }

    private static List<Path> realmFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("tweestap.realms.dir", "tweestap.test.realms.dir")) {
            try (Stream<Path> list = Files.list(Path.of(System.getProperty(dir)))) {
                list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
