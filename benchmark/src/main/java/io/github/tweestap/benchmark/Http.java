package io.github.tweestap.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Seeding helpers over plain HTTP: the admin REST API (admin-cli token of the master realm) and a scripted login page
 * client that keeps Keycloak's Secure cookies itself (java.net.http drops them on http://). Not used for the measured
 * logins (Gatling does those).
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Page(String url, int status, String html) {
    }

    private Http() {
    }

    /** The admin REST API of a server. */
    static final class Admin {
        private final BenchServer server;
        private String token;
        private Instant expires = Instant.EPOCH;

        Admin(BenchServer server) {
            this.server = server;
        }

        private synchronized String token() {
            if (Instant.now().isBefore(expires)) {
                return token;
            }
            String form = "grant_type=password&client_id=admin-cli&username=" + BenchServer.ADMIN_USER + "&password="
                    + BenchServer.ADMIN_PASSWORD;
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.realmUrl("master")
                            + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            JsonNode body = parse(r.body());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("admin token: " + r.statusCode() + " " + r.body());
            }
            token = body.get("access_token").asText();
            expires = Instant.now().plusSeconds(Math.max(10, body.get("expires_in").asLong() - 15));
            return token;
        }

        JsonNode get(String path) {
            return check(send(builder(path).GET().build()), path);
        }

        /** POST (or PUT); returns the status, the Location header (if any) and the body. */
        Answer call(String method, String path, Object body) {
            HttpResponse<String> r = send(builder(path).method(method, publisher(body)).build());
            return new Answer(r.statusCode(), r.headers().firstValue("Location").orElse(""), r.body());
        }

        Answer expect(String method, String path, Object body, int... ok) {
            Answer a = call(method, path, body);
            for (int status : ok) {
                if (a.status() == status) {
                    return a;
                }
            }
            throw new IllegalStateException(method + " " + path + ": " + a.status() + " " + a.body());
        }

        private HttpRequest.Builder builder(String path) {
            return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                    .header("Accept", "application/json");
        }

        private static JsonNode check(HttpResponse<String> r, String path) {
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
            return parse(r.body());
        }
    }

    record Answer(int status, String location, String body) {
        JsonNode json() {
            return parse(body);
        }
    }

    /** A login page client with its own cookie store; may claim another client address (X-Forwarded-For). */
    static final class Browser {
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private final String forwardedFor;

        Browser(String forwardedFor) {
            this.forwardedFor = forwardedFor;
        }

        Page get(String url) {
            return follow(send(HttpRequest.newBuilder(URI.create(url)).GET(), url));
        }

        Page submit(Page page, String formId, Map<String, String> fields) {
            return follow(submitNoFollow(page, formId, fields));
        }

        /** Submits; a redirect is returned as it is (its html is the absolute Location). */
        Page submitNoFollow(Page page, String formId, Map<String, String> fields) {
            String action = formAction(page.html(), formId);
            if (action == null) {
                throw new IllegalStateException("no form " + formId + " on " + page.url() + ":\n" + page.html());
            }
            String target = URI.create(page.url()).resolve(action).toString();
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(target))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), target);
        }

        private Page follow(Page page) {
            Page current = page;
            for (int i = 0; i < 10 && current.status() / 100 == 3; i++) {
                String location = current.html();
                if (location.contains("code=") && !location.contains("/protocol/openid-connect/auth")) {
                    return current; // the redirect out of the login: not followed (the account console is an SPA)
                }
                current = send(HttpRequest.newBuilder(URI.create(location)).GET(), location);
            }
            return current;
        }

        private Page send(HttpRequest.Builder request, String url) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            request.timeout(Duration.ofSeconds(60));
            HttpResponse<String> response = Http.send(request.build());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String value = pair.substring(eq + 1);
                    if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                        cookies.remove(pair.substring(0, eq));
                    } else {
                        cookies.put(pair.substring(0, eq), value);
                    }
                }
            }
            if (response.statusCode() / 100 == 3) {
                String location = response.headers().firstValue("Location").orElseThrow();
                return new Page(url, response.statusCode(), URI.create(url).resolve(location).toString());
            }
            return new Page(url, response.statusCode(), response.body());
        }
    }

    /** The action of the form with this id (attributes in any order), unescaped; null if there is none. */
    static String formAction(String html, String formId) {
        Matcher form = Pattern.compile("<form[^>]*id=\"" + Pattern.quote(formId) + "\"[^>]*>", Pattern.DOTALL).matcher(html);
        if (!form.find()) {
            return null;
        }
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.group());
        return action.find() ? action.group(1).replace("&amp;", "&") : null;
    }

    /** The authorization request of the realm's account console (PKCE), as its login page opens. */
    static String authUrl(String realmUrl) {
        String redirect = realmUrl + "/account/";
        return realmUrl + "/protocol/openid-connect/auth?client_id=account-console&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String getString(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build()).body();
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
