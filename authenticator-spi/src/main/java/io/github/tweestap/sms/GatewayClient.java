package io.github.tweestap.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * The HTTP side of the SMS gateways: one JDK client per gateway (connect and read timeouts from its options,
 * 5 s by default), and secrets that may be written as Keycloak vault expressions ({@code ${vault.key}}, resolved in
 * the realm of the request) or come from the environment through Keycloak's {@code KC_SPI_...} variables. Errors
 * never carry the gateway's answer, which may echo the message and thus the code.
 */
final class GatewayClient {

    static final int DEFAULT_TIMEOUT_MS = 5000;

    private final String gateway;
    private final HttpClient http;
    private final Duration readTimeout;

    GatewayClient(String gateway, Config.Scope config) {
        this(gateway, config.getInt("connect-timeout-ms", DEFAULT_TIMEOUT_MS), config.getInt("read-timeout-ms",
                DEFAULT_TIMEOUT_MS));
    }

    /** The timeout options every gateway reads (declared once for the configuration reference). */
    static java.util.List<org.keycloak.provider.ProviderConfigProperty> timeoutOptions() {
        return org.keycloak.provider.ProviderConfigurationBuilder.create()
                .property().name("connect-timeout-ms").type(org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_TIMEOUT_MS).helpText("Connect timeout in milliseconds.").add()
                .property().name("read-timeout-ms").type(org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_TIMEOUT_MS).helpText("Timeout for the gateway's answer in milliseconds.").add()
                .build();
    }

    GatewayClient(String gateway, int connectTimeoutMs, int readTimeoutMs) {
        this.gateway = gateway;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.readTimeout = Duration.ofMillis(readTimeoutMs);
    }

    /** Sends the request; returns the response body when {@code success} accepts the status. */
    String send(String method, String url, Map<String, String> headers, String contentType, String body,
            IntPredicate success) throws SmsException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout);
        } catch (IllegalArgumentException e) {
            throw new SmsException(gateway + ": the configured URL is not valid");
        }
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SmsException(gateway + ": no answer within the timeout");
        } catch (IOException e) {
            throw new SmsException(gateway + ": could not reach the gateway (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException(gateway + ": interrupted");
        }
        if (!success.test(response.statusCode())) {
            throw new SmsException(gateway + ": the gateway refused the message (HTTP " + response.statusCode() + ")");
        }
        return response.body();
    }

    /** An option's value, resolved through the realm's vault when it is a vault expression. */
    static String secret(KeycloakSession session, String gateway, String option, String raw) throws SmsException {
        if (raw == null || raw.isBlank()) {
            throw new SmsException(gateway + ": option '" + option + "' is not set");
        }
        if (!raw.startsWith("${vault.")) {
            return raw;
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(raw)) {
            Optional<String> value = secret.get();
            return value.orElseThrow(() -> new SmsException(gateway + ": vault secret for '" + option + "' not found"));
        }
    }

    /** An option's trimmed value, or null when it is not set. */
    static String optional(Config.Scope config, String option) {
        String value = config.get(option);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
