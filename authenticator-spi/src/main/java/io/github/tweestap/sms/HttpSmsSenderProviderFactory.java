package io.github.tweestap.sms;

import io.github.tweestap.support.SimpleFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * SMS provider {@code http}: any gateway with an HTTP API, described by options
 * ({@code --spi-tweestap-sms-sender--http--<option>}): {@code url}, {@code method}, {@code content-type}
 * ({@code json} or {@code form}), {@code body}, {@code headers} ({@code Name: value}, separated by {@code |}),
 * {@code secret}, {@code from}, {@code success-status} ({@code 2xx} or a list such as {@code 200,202}),
 * {@code success-body} (a regular expression the answer must contain) and the timeouts. Placeholders:
 * {@code {to}} (E.164), {@code {to_digits}} (without +), {@code {text}}, {@code {from}}, {@code {secret}}; each is
 * escaped for where it stands (URL-encoded in the URL and a form, JSON-escaped in a JSON body).
 */
public final class HttpSmsSenderProviderFactory implements SmsSenderProviderFactory, SimpleFactory<SmsSenderProvider> {

    public static final String ID = "http";

    private Settings settings;
    private GatewayClient client;

    record Settings(String url, String method, boolean json, String body, Map<String, String> headers, String secret,
            String from, IntPredicate success, Pattern successBody) {
    }

    @Override
    public SmsSenderProvider create(KeycloakSession session) {
        Settings s = settings;
        GatewayClient c = client;
        return message -> {
            if (s.url() == null) {
                throw new SmsException(ID + ": option 'url' is not set");
            }
            String secret = s.secret() == null ? "" : GatewayClient.secret(session, ID, "secret", s.secret());
            Map<String, String> values = Map.of("to", message.to(), "to_digits", message.to().replace("+", ""),
                    "text", message.text(), "from", s.from() == null ? "" : s.from(), "secret", secret);
            String url = fill(s.url(), values, Escape.URL);
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : s.headers().entrySet()) {
                headers.put(header.getKey(), fill(header.getValue(), values, Escape.HEADER));
            }
            String body = s.body() == null ? null : fill(s.body(), values, s.json() ? Escape.JSON : Escape.URL);
            String contentType = body == null ? null
                    : s.json() ? "application/json" : "application/x-www-form-urlencoded";
            String answer = c.send(s.method(), url, headers, contentType, body, s.success());
            if (s.successBody() != null && (answer == null || !s.successBody().matcher(answer).find())) {
                throw new SmsException(ID + ": the gateway's answer did not confirm the message");
            }
        };
    }

    enum Escape { URL, JSON, HEADER }

    static String fill(String template, Map<String, String> values, Escape escape) {
        String result = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("{" + value.getKey() + "}", escape(value.getValue(), escape));
        }
        return result;
    }

    static String escape(String value, Escape escape) {
        return switch (escape) {
            case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8);
            case HEADER -> value.replaceAll("[\\r\\n]", "");
            case JSON -> {
                StringBuilder out = new StringBuilder();
                for (char ch : value.toCharArray()) {
                    switch (ch) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\t' -> out.append("\\t");
                        default -> {
                            if (ch < 0x20) {
                                out.append(String.format("\\u%04x", (int) ch));
                            } else {
                                out.append(ch);
                            }
                        }
                    }
                }
                yield out.toString();
            }
        };
    }

    static Settings settings(Config.Scope config) {
        Map<String, String> headers = new LinkedHashMap<>();
        String rawHeaders = config.get("headers");
        if (rawHeaders != null) {
            for (String line : rawHeaders.split("[|\\n]")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        }
        String contentType = config.get("content-type", "json").toLowerCase(Locale.ROOT);
        String successBody = config.get("success-body");
        return new Settings(GatewayClient.optional(config, "url"), config.get("method", "POST").toUpperCase(Locale.ROOT),
                !contentType.equals("form"), config.get("body"), headers, config.get("secret"), config.get("from"),
                statusMatcher(config.get("success-status", "2xx")),
                successBody == null || successBody.isBlank() ? null : Pattern.compile(successBody));
    }

    static IntPredicate statusMatcher(String spec) {
        String trimmed = spec.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("2xx")) {
            return status -> status >= 200 && status < 300;
        }
        List<Integer> accepted = java.util.Arrays.stream(trimmed.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        return accepted::contains;
    }

    @Override
    public void init(Config.Scope config) {
        settings = settings(config);
        client = new GatewayClient(ID, config);
    }



    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> options = ProviderConfigurationBuilder.create()
                .property().name("url").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Gateway URL; may use {to}, {to_digits}, {text}, {from}, {secret}.").add()
                .property().name("method").type(ProviderConfigProperty.STRING_TYPE).defaultValue("POST")
                .helpText("HTTP method.").add()
                .property().name("content-type").type(ProviderConfigProperty.STRING_TYPE).defaultValue("json")
                .helpText("Body format: json or form.").add()
                .property().name("body").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Body template with placeholders.").add()
                .property().name("headers").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Extra headers, 'Name: value' separated by '|'; may use {secret}.").add()
                .property().name("secret").type(ProviderConfigProperty.PASSWORD)
                .helpText("API key or token; a vault expression ${vault.key} or a value from the environment.").add()
                .property().name("from").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Sender name or number.").add()
                .property().name("success-status").type(ProviderConfigProperty.STRING_TYPE).defaultValue("2xx")
                .helpText("HTTP statuses that mean sent: 2xx or a list like 200,202.").add()
                .property().name("success-body").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional regular expression that the answer must contain.").add()
                .build();
        List<ProviderConfigProperty> all = new java.util.ArrayList<>(options);
        all.addAll(GatewayClient.timeoutOptions());
        return all;
    }
}
