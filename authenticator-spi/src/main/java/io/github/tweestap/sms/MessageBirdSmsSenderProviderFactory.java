package io.github.tweestap.sms;

import io.github.tweestap.support.SimpleFactory;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * SMS provider {@code messagebird}: MessageBird's (Bird's) SMS Messaging API ({@code POST /messages}, JSON
 * {@code {"recipients":[...],"originator":...,"body":...}}, header {@code Authorization: AccessKey <key>}; 201
 * Created). Options: {@code access-key} (vault expression or environment), {@code originator}, {@code base-url}
 * (default https://rest.messagebird.com), timeouts.
 */
public final class MessageBirdSmsSenderProviderFactory implements SmsSenderProviderFactory, SimpleFactory<SmsSenderProvider> {

    public static final String ID = "messagebird";

    private String baseUrl;
    private String accessKey;
    private String originator;
    private GatewayClient client;

    @Override
    public SmsSenderProvider create(KeycloakSession session) {
        return message -> {
            if (originator == null) {
                throw new SmsException(ID + ": option 'originator' is not set");
            }
            String key = GatewayClient.secret(session, ID, "access-key", accessKey);
            String body = "{\"recipients\":[\"" + message.to().replace("+", "") + "\"],\"originator\":\""
                    + HttpSmsSenderProviderFactory.escape(originator, HttpSmsSenderProviderFactory.Escape.JSON)
                    + "\",\"body\":\""
                    + HttpSmsSenderProviderFactory.escape(message.text(), HttpSmsSenderProviderFactory.Escape.JSON)
                    + "\"}";
            client.send("POST", baseUrl + "/messages", Map.of("Authorization", "AccessKey " + key,
                    "Accept", "application/json"), "application/json", body, status -> status == 201);
        };
    }

    @Override
    public void init(Config.Scope config) {
        baseUrl = TwilioSmsSenderProviderFactory.trimSlash(config.get("base-url", "https://rest.messagebird.com"));
        accessKey = config.get("access-key");
        originator = GatewayClient.optional(config, "originator");
        client = new GatewayClient(ID, config);
    }



    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> options = ProviderConfigurationBuilder.create()
                .property().name("access-key").type(ProviderConfigProperty.PASSWORD)
                .helpText("MessageBird access key; a vault expression ${vault.key} or a value from the environment.").add()
                .property().name("originator").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Sender name (max. 11 characters) or number.").add()
                .property().name("base-url").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("https://rest.messagebird.com").helpText("API base URL.").add()
                .build();
        List<ProviderConfigProperty> all = new java.util.ArrayList<>(options);
        all.addAll(GatewayClient.timeoutOptions());
        return all;
    }
}
