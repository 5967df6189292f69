package io.github.tweestap.sms;

import io.github.tweestap.support.SimpleFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * SMS provider {@code twilio}: Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form
 * body To, From or MessagingServiceSid, Body; HTTP Basic with the account SID and auth token; 201 Created).
 * Options: {@code account-sid}, {@code auth-token} (vault expression or environment), {@code from} or
 * {@code messaging-service-sid}, {@code base-url} (default https://api.twilio.com), timeouts.
 */
public final class TwilioSmsSenderProviderFactory implements SmsSenderProviderFactory, SimpleFactory<SmsSenderProvider> {

    public static final String ID = "twilio";

    private String baseUrl;
    private String accountSid;
    private String authToken;
    private String from;
    private String messagingServiceSid;
    private GatewayClient client;

    @Override
    public SmsSenderProvider create(KeycloakSession session) {
        return message -> {
            if (accountSid == null || (from == null && messagingServiceSid == null)) {
                throw new SmsException(ID + ": set 'account-sid' and 'from' or 'messaging-service-sid'");
            }
            String token = GatewayClient.secret(session, ID, "auth-token", authToken);
            String body = form("To", message.to())
                    + (messagingServiceSid != null ? "&" + form("MessagingServiceSid", messagingServiceSid)
                            : "&" + form("From", from))
                    + "&" + form("Body", message.text());
            String auth = Base64.getEncoder().encodeToString((accountSid + ":" + token).getBytes(StandardCharsets.UTF_8));
            client.send("POST", baseUrl + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8)
                    + "/Messages.json", Map.of("Authorization", "Basic " + auth, "Accept", "application/json"),
                    "application/x-www-form-urlencoded", body, status -> status == 201 || status == 200);
        };
    }

    private static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void init(Config.Scope config) {
        baseUrl = trimSlash(config.get("base-url", "https://api.twilio.com"));
        accountSid = GatewayClient.optional(config, "account-sid");
        authToken = config.get("auth-token");
        from = GatewayClient.optional(config, "from");
        messagingServiceSid = GatewayClient.optional(config, "messaging-service-sid");
        client = new GatewayClient(ID, config);
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }



    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> options = ProviderConfigurationBuilder.create()
                .property().name("account-sid").type(ProviderConfigProperty.STRING_TYPE).helpText("Twilio account SID.").add()
                .property().name("auth-token").type(ProviderConfigProperty.PASSWORD)
                .helpText("Twilio auth token; a vault expression ${vault.key} or a value from the environment.").add()
                .property().name("from").type(ProviderConfigProperty.STRING_TYPE).helpText("Sender number or name.").add()
                .property().name("messaging-service-sid").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Messaging service SID, instead of 'from'.").add()
                .property().name("base-url").type(ProviderConfigProperty.STRING_TYPE).defaultValue("https://api.twilio.com")
                .helpText("API base URL.").add()
                .build();
        List<ProviderConfigProperty> all = new java.util.ArrayList<>(options);
        all.addAll(GatewayClient.timeoutOptions());
        return all;
    }
}
