package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app as the real server serves it per realm (issue 16): files, headers (strict CSP on every answer,
 * Permissions-Policy, sw.js never cached), the realm's own manifest, texts in the asked language, and 404 for
 * everything that is not one of the app's files.
 */
@ExtendWith(KeycloakExtension.class)
class WebAppServingIT {

    static final String CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self'; "
            + "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    WebAppServingIT(KeycloakServer server) {
        this.server = server;
    }

    HttpResponse<byte[]> get(String path, String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (language != null) {
            request.header("Accept-Language", language);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static void assertSecured(HttpResponse<?> response) {
        assertThat(header(response, "Content-Security-Policy")).as(response.uri().toString()).isEqualTo(CSP);
        assertThat(header(response, "Permissions-Policy")).contains("camera=(self)");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return AdminApi.JSON.readTree(response.body());
    }

    @Test
    void theAppShellIsServedWithAStrictPolicy() {
        HttpResponse<byte[]> bare = get("/realms/push-lab/tweestap-app", null);
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(header(bare, "Location")).endsWith("/realms/push-lab/tweestap-app/");
        assertSecured(bare);

        HttpResponse<byte[]> index = get("/realms/push-lab/tweestap-app/", "nl");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(header(index, "Content-Type")).startsWith("text/html");
        assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains("manifest.webmanifest", "js/app.js")
                .doesNotContain("http://", "https://");
        assertSecured(index);

        HttpResponse<byte[]> sw = get("/realms/push-lab/tweestap-app/sw.js", null);
        assertThat(sw.statusCode()).isEqualTo(200);
        assertThat(header(sw, "Content-Type")).startsWith("text/javascript");
        assertThat(header(sw, "Cache-Control")).contains("no-cache");
        assertThat(new String(sw.body(), StandardCharsets.UTF_8)).doesNotContain("__SHELL_VERSION__")
                .containsPattern("SHELL_VERSION = \"[0-9a-f]{16}\"");
        assertThat(header(sw, "Service-Worker-Allowed")).isNull(); // its scope is its own directory: the app
        assertSecured(sw);

        HttpResponse<byte[]> wasm = get("/realms/push-lab/tweestap-app/vendor/zxing-wasm/reader/zxing_reader.wasm", null);
        assertThat(wasm.statusCode()).isEqualTo(200);
        assertThat(header(wasm, "Content-Type")).isEqualTo("application/wasm");
        assertThat(wasm.body()).startsWith(0, 'a', 's', 'm');
        assertSecured(wasm);

        HttpResponse<byte[]> module = get("/realms/push-lab/tweestap-app/vendor/barcode-detector/ponyfill.js", null);
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(header(module, "Content-Type")).startsWith("text/javascript");
        HttpResponse<byte[]> icon = get("/realms/push-lab/tweestap-app/icons/icon-512.png", null);
        assertThat(header(icon, "Content-Type")).isEqualTo("image/png");
    }

    @Test
    void eachRealmHasItsOwnManifestNameColoursAndTexts() throws IOException {
        HttpResponse<byte[]> lab = get("/realms/push-lab/tweestap-app/manifest.webmanifest", "nl");
        assertThat(lab.statusCode()).isEqualTo(200);
        assertThat(header(lab, "Content-Type")).startsWith("application/manifest+json");
        assertSecured(lab);
        JsonNode manifest = json(lab);
        assertThat(manifest.path("id").asText()).isEqualTo("/realms/push-lab/tweestap-app/");
        assertThat(manifest.path("scope").asText()).isEqualTo("/realms/push-lab/tweestap-app/");
        assertThat(manifest.path("start_url").asText()).isEqualTo("/realms/push-lab/tweestap-app/");
        assertThat(manifest.path("display").asText()).isEqualTo("standalone");
        assertThat(manifest.path("handle_links").asText()).as("links in scope open the installed app").isEqualTo("preferred");
        assertThat(manifest.path("name").asText()).isEqualTo("Push lab app");
        assertThat(manifest.path("icons").findValuesAsText("sizes")).contains("192x192", "512x512");

        JsonNode werkplek = json(get("/realms/werkplek/tweestap-app/manifest.webmanifest", "nl"));
        assertThat(werkplek.path("id").asText()).isEqualTo("/realms/werkplek/tweestap-app/");
        assertThat(werkplek.path("name").asText()).isEqualTo("Werkplek app");
        assertThat(werkplek.path("theme_color").asText()).isEqualTo("#003082");
        assertThat(new String(get("/realms/werkplek/tweestap-app/theme.css", null).body(), StandardCharsets.UTF_8))
                .contains("--tw-primary: #003082;", "--tw-accent: #ffc917;");

        JsonNode nl = json(get("/realms/werkplek/tweestap-app/messages.json", "nl"));
        assertThat(nl.path("locale").asText()).isEqualTo("nl");
        assertThat(nl.path("messages").path("tweestapAppStartTitle").asText()).isEqualTo("Koppel de Werkplek app aan je account");
        assertThat(nl.path("messages").path("tweestapAppApproveTitle").asText()).isEqualTo("Logt u in?");
        assertThat(nl.path("messages").has("tweestapPushWaitTitle")).as("only the app's keys").isFalse();
        JsonNode en = json(get("/realms/push-lab/tweestap-app/messages.json", "en"));
        assertThat(en.path("locale").asText()).isEqualTo("en");
        assertThat(en.path("messages").path("tweestapAppApproveTitle").asText()).isEqualTo("Are you signing in?");

        JsonNode config = json(get("/realms/push-lab/tweestap-app/config.json", "nl"));
        assertThat(config.path("appName").asText()).isEqualTo("Push lab app");
        assertThat(config.path("version").asText()).isNotBlank();
        // The test server's push sender is the dev outbox's, which offers a key to subscribe with (65 bytes).
        assertThat(config.path("vapidPublicKey").asText()).matches("[A-Za-z0-9_-]{87}");
    }

    @Test
    void theQrCodesLinkOpenedInABrowserGoesOnToTheApp() {
        HttpResponse<byte[]> opened = get("/realms/push-lab/tweestap-device/enroll?token=abc.DEF-1_2", null);
        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(header(opened, "Location")).isEqualTo(server.realmUrl("push-lab") + "/tweestap-app/#link="
                + java.net.URLEncoder.encode(server.realmUrl("push-lab") + "/tweestap-device/enroll?token=abc.DEF-1_2",
                        StandardCharsets.UTF_8));
        assertSecured(opened);
        HttpResponse<byte[]> odd = get("/realms/push-lab/tweestap-device/enroll?token=%3Cscript%3E", null);
        assertThat(header(odd, "Location")).isEqualTo(server.realmUrl("push-lab") + "/tweestap-app/");
    }

    @Test
    void theBindingSmsLinkIsInTheAppsScopeAndGoesOnToTheConfirmationPage() {
        // The SMS link is under the app's path (an installed app may open it) and goes on to the page that confirms.
        HttpResponse<byte[]> opened = get("/realms/push-lab/tweestap-app/link?t=AbC-12_x", "nl");
        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(header(opened, "Location")).endsWith("/realms/push-lab/tweestap-device/link?t=AbC-12_x");
        assertSecured(opened);
        HttpResponse<byte[]> odd = get("/realms/push-lab/tweestap-app/link?t=%3Cscript%3E", "nl");
        assertThat(header(odd, "Location")).endsWith("/realms/push-lab/tweestap-device/link");
        // The page says the link is not valid (any more), in the portal's words.
        HttpResponse<byte[]> page = get("/realms/push-lab/tweestap-device/link?t=AbC-12_x", "nl");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("tweestap-link-invalid");
    }

    @Test
    void anythingButTheAppsFilesIsNotFound() {
        for (String path : new String[] {"nope.js", "js/", "js", "vendor/barcode-detector/LICENSE", "build.properties",
                "META-INF/MANIFEST.MF", "io/github/tweestap/device/app/build.properties", ".hidden.js",
                "vendor/barcode-detector/package.json", "index.htm"}) {
            HttpResponse<byte[]> response = get("/realms/push-lab/tweestap-app/" + path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertSecured(response);
        }
        // Traversal attempts never reach a file outside the app (the server may refuse them even earlier).
        for (String path : new String[] {"..%2F..%2Fmessages%2Fmessages_nl.properties", "js/..%2F..%2Fsw.js",
                "%2e%2e/%2e%2e/theme-resources/messages/messages_nl.properties", "js%2F..%2F..%2FMETA-INF%2FMANIFEST.MF",
                "..;/index.html"}) {
            HttpResponse<byte[]> response = get("/realms/push-lab/tweestap-app/" + path, null);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path)
                    .doesNotContain("tweestapAppName", "SHELL_VERSION", "Manifest-Version");
        }
        assertThat(get("/realms/no-such-realm/tweestap-app/", null).statusCode()).isEqualTo(404);
    }
}
