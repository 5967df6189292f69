package io.github.tweestap.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted client of Keycloak's login pages over plain HTTP, for driving a page thousands of times (the
 * SMS-pumping tests). It keeps Keycloak's cookies itself: they are marked Secure, and Java's cookie handling drops
 * Secure cookies on http://localhost. Each request may claim another client address through X-Forwarded-For.
 */
public final class FormClient {

    public record Page(String url, int status, String html) {
        public boolean contains(String text) {
            return html.contains(text);
        }
    }

    /** HTTP/1.1, as a browser speaks to an {@code http://} address (browsers do not upgrade to HTTP/2 there). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String forwardedFor;

    /** Makes the following requests come "from" this client address (X-Forwarded-For). */
    public FormClient from(String address) {
        this.forwardedFor = address;
        return this;
    }

    public Page get(String url) {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET(), url));
    }

    /** Submits the form with this id on the page, with the given fields. */
    public Page submit(Page page, String formId, Map<String, String> fields) {
        return submit(page, formId, fields, true);
    }

    /** Like {@link #submit(Page, String, Map)}; without {@code follow} a redirect is returned as it is. */
    public Page submit(Page page, String formId, Map<String, String> fields, boolean follow) {
        String action = formAction(page.html(), formId);
        if (action == null) {
            throw new AssertionError("no form " + formId + " with an action on " + page.url() + ":\n" + page.html());
        }
        String target = URI.create(page.url()).resolve(action).toString();
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Page answer = send(request, target);
        return follow ? follow(answer) : answer;
    }

    private Page follow(Page page) {
        Page current = page;
        for (int i = 0; i < 10 && current.status() / 100 == 3; i++) {
            String location = current.html();
            current = send(HttpRequest.newBuilder(URI.create(location)).GET(), location);
        }
        return current;
    }

    /**
     * A script's request from the page (a {@code fetch}), sent asynchronously on this browser's own connections with
     * its cookies and client address; the answer as it comes, redirects not followed.
     */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> fetch(String url, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout);
        headers(request);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void headers(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
    }

    /** Sends; for a redirect the returned page's html is the absolute Location. */
    private Page send(HttpRequest.Builder request, String url) {
        headers(request);
        request.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (String setCookie : setCookies) {
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
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The action of the form with this id (attributes in any order), unescaped; null if there is none. */
    public static String formAction(String html, String formId) {
        Matcher form = Pattern.compile("<form[^>]*id=\"" + Pattern.quote(formId) + "\"[^>]*>", Pattern.DOTALL).matcher(html);
        if (!form.find()) {
            return null;
        }
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form.group());
        return action.find() ? action.group(1).replace("&amp;", "&") : null;
    }

    /** The authorization request of the realm's account console (PKCE), as its login page opens. */
    public static String authUrl(String realmUrl) {
        String redirect = realmUrl + "/account/";
        return realmUrl + "/protocol/openid-connect/auth?client_id=account-console&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    }

    /** The login page of the realm's account console (a PKCE authorization request). */
    public Page openLogin(KeycloakServer server, String realm) {
        return get(authUrl(server.realmUrl(realm)));
    }

    public Page login(KeycloakServer server, String realm, String username, String password) {
        Page page = openLogin(server, realm);
        return submit(page, "kc-form-login", Map.of("username", username, "password", password, "credentialId", ""));
    }
}
