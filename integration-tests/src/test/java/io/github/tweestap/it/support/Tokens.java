package io.github.tweestap.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tokens of a realm's own users, the ways an application gets them: the authorization code flow with PKCE (what a
 * portal does; the login pages driven over HTTP), and the direct grant ({@code grant_type=password}), which the
 * portal realms keep off.
 */
public final class Tokens {

    /** RFC 7636's example pair: the verifier of the challenge the tests send. */
    public static final String PKCE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final String PKCE_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Tokens(KeycloakServer server) {
        this.server = server;
    }

    /** The token endpoint's answer: HTTP status and JSON body. */
    public record Answer(int status, JsonNode body) {
        public String error() {
            return body.path("error").asText();
        }

        public String description() {
            return body.path("error_description").asText();
        }

        public String accessToken() {
            return body.path("access_token").asText();
        }
    }

    /** A direct grant; {@code otp} (the authenticator app's code) only when not null. */
    public Answer password(String realm, String clientId, String username, String password, String otp) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        if (otp != null) {
            form.put("otp", otp);
        }
        return post(realm, form);
    }

    /**
     * Logs in on the realm's login page as {@code clientId} (code flow with PKCE, username and password only) and
     * redeems the code, as a portal does; fails when the login asks for more than the password.
     */
    public String byLogin(String realm, String clientId, String redirectUri, String username, String password) {
        FormClient browser = new FormClient();
        FormClient.Page login = browser.get(server.realmUrl(realm) + "/protocol/openid-connect/auth?client_id="
                + clientId + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&code_challenge=" + PKCE_CHALLENGE + "&code_challenge_method=S256");
        FormClient.Page answer = browser.submit(login, "kc-form-login",
                Map.of("username", username, "password", password, "credentialId", ""), false);
        if (answer.status() / 100 != 3 || !answer.html().startsWith(redirectUri)) {
            throw new AssertionError("the login did not return to " + redirectUri + ": " + answer.status() + " "
                    + answer.html());
        }
        String code = query(URI.create(answer.html())).get("code");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", PKCE_VERIFIER);
        Answer token = post(realm, form);
        if (token.status() != 200) {
            throw new AssertionError("code exchange: " + token.status() + " " + token.body());
        }
        return token.accessToken();
    }

    /** The status of a GET with the token (e.g. the account REST API); without a token when it is null. */
    public int get(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build()).statusCode();
    }

    private Answer post(String realm, Map<String, String> form) {
        return postForm(server.realmUrl(realm) + "/protocol/openid-connect/token", form);
    }

    /** POSTs a form (e.g. to the device authorization endpoint) and reads the JSON answer. */
    public Answer postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        try {
            return new Answer(response.statusCode(), AdminApi.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(url + " answered no JSON: " + response.statusCode() + " " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
