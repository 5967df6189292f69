package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pack's own HTML pages (outside Keycloak's login flow) send the headers a Keycloak login page sends: no caching,
 * no framing by other sites, no content sniffing, no referrer, HSTS — each with the login page's value.
 */
@ExtendWith(KeycloakExtension.class)
class PageHeadersIT {

    private static final String REALM = "unlock-lab";
    /** The security headers of a Keycloak login page that every page must carry alike. */
    private static final List<String> HEADERS = List.of("Cache-Control", "X-Frame-Options", "Content-Security-Policy",
            "X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security", "X-Robots-Tag");

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    PageHeadersIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void everyPageOfThePackSendsTheLoginPagesSecurityHeaders() throws Exception {
        String realm = server.realmUrl(REALM);
        HttpResponse<String> login = send(get(new FormClient().openLogin(server, REALM).url()));
        assertThat(login.statusCode()).isEqualTo(200);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String header : HEADERS) {
            login.headers().firstValue(header).ifPresent(value -> expected.put(header, value));
        }
        assertThat(expected).as("Keycloak's login page").containsKeys("Cache-Control", "X-Frame-Options",
                "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy");
        assertThat(expected.get("Cache-Control")).contains("no-store");

        Map<String, HttpRequest> pages = new LinkedHashMap<>();
        pages.put("unlock page", get(realm + "/tweestap-unlock"));
        pages.put("unlock answer", post(realm + "/tweestap-unlock", "username=niemand&back=", "127.0.11.1"));
        pages.put("username reminder", get(realm + "/tweestap-account/username"));
        pages.put("username reminder answer", post(realm + "/tweestap-account/username",
                "email=" + URLEncoder.encode("niemand@test.localhost", StandardCharsets.UTF_8), "127.0.11.2"));
        pages.put("username reminder error", post(realm + "/tweestap-account/username", "email=", "127.0.11.2"));
        pages.put("renewal", get(realm + "/tweestap-recovery"));
        pages.put("renewal answer", post(realm + "/tweestap-recovery",
                "step=start&username=niemand&phone=%2B31612345678&back=", "127.0.11.3"));
        pages.put("app binding SMS link", get(realm + "/tweestap-device/link?t=onbekend"));
        pages.put("app binding SMS link confirmed", post(realm + "/tweestap-device/link", "t=onbekend", "127.0.11.4"));
        pages.put("number SMS link", get(realm + "/tweestap-phone/verify?t=onbekend"));
        pages.put("number SMS link confirmed", post(realm + "/tweestap-phone/verify", "t=onbekend", "127.0.11.5"));
        pages.put("dev outbox", get(realm + "/tweestap-outbox"));
        for (Map.Entry<String, HttpRequest> page : pages.entrySet()) {
            HttpResponse<String> answer = send(page.getValue());
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(page.getKey()).startsWith("text/html");
            assertThat(answer.body()).as(page.getKey()).contains("<html").doesNotContain("Exception");
            HttpHeaders headers = answer.headers();
            for (Map.Entry<String, String> header : expected.entrySet()) {
                assertThat(headers.allValues(header.getKey())).as(page.getKey() + " (" + answer.statusCode() + "): "
                        + header.getKey()).containsExactly(header.getValue());
            }
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static HttpRequest post(String url, String form, String clientAddress) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
