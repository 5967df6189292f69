package io.github.tweestap.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Keycloak's admin REST API over plain HTTP, as the master realm's admin. */
public final class AdminApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public AdminApi(KeycloakServer server) {
        this.server = server;
    }

    private synchronized String token() {
        if (Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER + "&password="
                + KeycloakServer.ADMIN_PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl("master") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode body = JSON.valueToTree(Map.of());
        HttpResponse<String> response = send(request);
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("admin token: " + response.body(), e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin token: " + response.statusCode() + " " + response.body());
        }
        token = body.get("access_token").asText();
        tokenExpires = Instant.now().plusSeconds(Math.max(10, body.get("expires_in").asLong() - 15));
        return token;
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = send(builder(path).GET().build());
        expect(response, 200, path);
        return parse(response.body());
    }

    public int status(String method, String path, Object body) {
        return send(builder(path).method(method, publisher(body)).build()).statusCode();
    }

    public void put(String path, Object body) {
        HttpResponse<String> response = send(builder(path).PUT(publisher(body)).build());
        expect(response, 204, path);
    }

    /** POSTs and returns the Location of what was created (or null). */
    public String post(String path, Object body) {
        HttpResponse<String> response = send(builder(path).POST(publisher(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Location").orElse(null);
    }

    public void delete(String path) {
        HttpResponse<String> response = send(builder(path).DELETE().build());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new IllegalStateException("DELETE " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** A token of a realm's own user (direct grant through admin-cli), to prove what such a user may not do. */
    public String userToken(String realm, String username, String password) {
        String form = "grant_type=password&client_id=admin-cli&username=" + username + "&password=" + password;
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("user token: " + response.statusCode() + " " + response.body());
        }
        return parse(response.body()).get("access_token").asText();
    }

    public int statusWithToken(String token, String method, String path) {
        return statusWithToken(token, method, path, null);
    }

    public int statusWithToken(String token, String method, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, publisher(body)).build();
        return send(request).statusCode();
    }

    /** Gives a realm user one role of the realm's realm-management client (e.g. view-users). */
    public void grantRealmManagementRole(String realm, String userId, String role) {
        JsonNode client = get("/admin/realms/" + realm + "/clients?clientId=realm-management").get(0);
        JsonNode representation = get("/admin/realms/" + realm + "/clients/" + client.get("id").asText() + "/roles/" + role);
        post("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/clients/" + client.get("id").asText(),
                java.util.List.of(representation));
    }

    /**
     * Moves Keycloak's clock by {@code seconds} (0 puts it back) through the test-only provider, and forgets the
     * admin token, which was issued under the old clock.
     */
    public synchronized void clockOffset(int seconds) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl("master") + "/tweestap-test-clock/offset/" + seconds))
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("clock offset: " + response.statusCode() + " " + response.body());
        }
        tokenExpires = Instant.EPOCH;
    }

    // ---- conveniences for the tests ----

    /** Creates an enabled user with a password and (optionally) a mobile number; returns its id. */
    public String createUser(String realm, String username, String password, String phoneNumber) {
        ObjectNode user = JSON.createObjectNode();
        user.put("username", username).put("enabled", true).put("email", username + "@test.localhost")
                .put("emailVerified", true).put("firstName", "Test").put("lastName", "Gebruiker");
        if (phoneNumber != null) {
            user.putObject("attributes").putArray("phoneNumber").add(phoneNumber);
        }
        ObjectNode credential = user.putArray("credentials").addObject();
        credential.put("type", "password").put("value", password).put("temporary", false);
        String location = post("/admin/realms/" + realm + "/users", user);
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (phoneNumber != null) {
            attestPhone(realm, id, phoneNumber);
        }
        return id;
    }

    /**
     * Registers a number through the pack's admin API and confirms it the way the phone's owner does: opening the SMS
     * link and pressing the button (numbers set through Keycloak's own API stay unverified).
     */
    public void attestPhone(String realm, String userId, String phoneNumber) {
        Answer answer = putForAnswer("/admin/realms/" + realm + "/tweestap-sms/users/" + userId + "/phone-number",
                Map.of("phoneNumber", phoneNumber));
        if (answer.status() == 200) {
            return;
        }
        if (answer.status() != 202) {
            throw new IllegalStateException("register phone: " + answer.status() + " " + answer.body());
        }
        String link = new Outbox(server).awaitLink(realm, answer.body().path("phoneNumber").asText());
        String token = link.substring(link.indexOf("?t=") + 3);
        HttpRequest confirm = HttpRequest.newBuilder(URI.create(link.substring(0, link.indexOf('?'))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("t=" + token)).build();
        HttpResponse<String> response = send(confirm);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("confirm phone link: " + response.statusCode() + " " + response.body());
        }
    }

    /** PUTs and returns the status and the JSON answer. */
    public Answer putForAnswer(String path, Object body) {
        HttpResponse<String> response = send(builder(path).PUT(publisher(body)).build());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    public Answer postForAnswer(String path, Object body) {
        HttpResponse<String> response = send(builder(path).POST(publisher(body)).build());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    public record Answer(int status, JsonNode body) {
    }

    void raiseIpQuota(String realm, String flow, String configAlias) {
        ObjectNode config = authenticatorConfig(realm, flow, configAlias);
        ((ObjectNode) config.get("config")).put("tweestap.sms.quota.ipCount", "100000");
        updateAuthenticatorConfig(realm, config);
    }

    /** The config of a required action (e.g. tweestap-verify-phone) and a way to change it. */
    public ObjectNode requiredActionConfig(String realm, String alias) {
        return (ObjectNode) get("/admin/realms/" + realm + "/authentication/required-actions/" + alias + "/config");
    }

    public void updateRequiredActionConfig(String realm, String alias, ObjectNode config) {
        put("/admin/realms/" + realm + "/authentication/required-actions/" + alias + "/config", config);
    }

    /** A user's credentials as the admin API lists them. */
    public JsonNode credentials(String realm, String userId) {
        return get("/admin/realms/" + realm + "/users/" + userId + "/credentials");
    }

    /** The types of a user's credentials ("password", "otp", "tweestap-device", ...). */
    public java.util.List<String> credentialTypes(String realm, String userId) {
        return credentials(realm, userId).findValuesAsText("type");
    }

    /** Whether the pack's OTP admin API reports an active authenticator app for the user. */
    public boolean otpActive(String realm, String userId) {
        return get("/admin/realms/" + realm + "/tweestap-otp/users/" + userId).path("active").asBoolean();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The brute-force status of a user: numFailures, disabled, lastFailure... */
    public JsonNode bruteForce(String realm, String userId) {
        return get("/admin/realms/" + realm + "/attack-detection/brute-force/users/" + userId);
    }

    /** Polls until the condition holds (brute-force counting and events are asynchronous). */
    public JsonNode await(String description, Duration timeout, java.util.function.Supplier<JsonNode> supplier,
            Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = supplier.get();
            if (condition.test(last)) {
                return last;
            }
            KeycloakServer.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + description + "; last value: " + last);
    }

    /** The config of the authenticator config with this alias, for updating it. */
    public ObjectNode authenticatorConfig(String realm, String flowAlias, String configAlias) {
        JsonNode executions = get("/admin/realms/" + realm + "/authentication/flows/"
                + URLEncoder.encode(flowAlias, StandardCharsets.UTF_8).replace("+", "%20") + "/executions");
        for (JsonNode execution : executions) {
            if (execution.hasNonNull("authenticationConfig")) {
                JsonNode config = get("/admin/realms/" + realm + "/authentication/config/"
                        + execution.get("authenticationConfig").asText());
                if (configAlias.equals(config.path("alias").asText())) {
                    return (ObjectNode) config;
                }
            }
        }
        throw new IllegalStateException("no authenticator config " + configAlias + " in flow " + flowAlias);
    }

    public void updateAuthenticatorConfig(String realm, ObjectNode config) {
        put("/admin/realms/" + realm + "/authentication/config/" + config.get("id").asText(), config);
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String path) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(path + ": expected " + status + " but got " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
