package io.github.tweestap.sms;

import io.github.tweestap.support.MapScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/** Each gateway's exact request, against a real local HTTP server. */
class GatewaysTest {

    private static final String TEXT = "Je code is 123456.\n\n@login.example.nl #123456 & \"meer\"";
    private static final SmsMessage MESSAGE = new SmsMessage("werkplek", "+31612345678", TEXT, List.of("123456"));

    private GatewayStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = new GatewayStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void twilioPostsTheMessagesApiFormWithBasicAuth() throws Exception {
        SmsSenderProvider twilio = init(new TwilioSmsSenderProviderFactory(), Map.of("base-url", stub.url(),
                "account-sid", "AC123", "auth-token", "secret-token", "from", "+3197010000000")).create(null);
        twilio.send(MESSAGE);

        GatewayStub.Request request = stub.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(request.headers().get("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC123:secret-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(request.body())).containsExactlyInAnyOrderEntriesOf(
                Map.of("To", "+31612345678", "From", "+3197010000000", "Body", TEXT));
    }

    @Test
    void twilioCanUseAMessagingService() throws Exception {
        init(new TwilioSmsSenderProviderFactory(), Map.of("base-url", stub.url() + "/", "account-sid", "AC1",
                "auth-token", "t", "messaging-service-sid", "MG9")).create(null).send(MESSAGE);
        assertThat(form(stub.requests.get(0).body())).containsEntry("MessagingServiceSid", "MG9").doesNotContainKey("From");
    }

    @Test
    void messageBirdPostsJsonWithTheAccessKey() throws Exception {
        init(new MessageBirdSmsSenderProviderFactory(), Map.of("base-url", stub.url(), "access-key", "live_abc",
                "originator", "Werkplek")).create(null).send(MESSAGE);

        GatewayStub.Request request = stub.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/messages");
        assertThat(request.headers().get("Authorization")).isEqualTo("AccessKey live_abc");
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"recipients\":[\"31612345678\"],\"originator\":\"Werkplek\","
                + "\"body\":\"Je code is 123456.\\n\\n@login.example.nl #123456 & \\\"meer\\\"\"}");
    }

    @Test
    void theGenericGatewayFillsItsTemplatesEscapedForWhereTheyStand() throws Exception {
        init(new HttpSmsSenderProviderFactory(), Map.of("url", stub.url() + "/api/send?to={to}&key={secret}",
                "headers", "X-Api-Key: {secret}|X-Client: tweestap", "secret", "k&y",
                "body", "{\"number\":\"{to_digits}\",\"message\":\"{text}\",\"sender\":\"{from}\"}", "from", "Werkplek"))
                .create(null).send(MESSAGE);

        GatewayStub.Request request = stub.requests.get(0);
        assertThat(request.path()).isEqualTo("/api/send");
        assertThat(request.query()).isEqualTo("to=%2B31612345678&key=k%26y");
        assertThat(request.headers().get("X-Api-Key")).isEqualTo("k&y");
        assertThat(request.headers().get("X-Client")).isEqualTo("tweestap");
        assertThat(request.body()).isEqualTo("{\"number\":\"31612345678\",\"message\":\"Je code is 123456.\\n\\n"
                + "@login.example.nl #123456 & \\\"meer\\\"\",\"sender\":\"Werkplek\"}");
    }

    @Test
    void theGenericGatewaySendsFormsToo() throws Exception {
        init(new HttpSmsSenderProviderFactory(), Map.of("url", stub.url() + "/sms", "method", "put",
                "content-type", "form", "body", "to={to}&text={text}", "success-status", "200,202")).create(null);
        stub.status = 202;
        init(new HttpSmsSenderProviderFactory(), Map.of("url", stub.url() + "/sms", "method", "put",
                "content-type", "form", "body", "to={to}&text={text}", "success-status", "200,202"))
                .create(null).send(MESSAGE);
        GatewayStub.Request request = stub.requests.get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(request.body())).containsExactlyInAnyOrderEntriesOf(Map.of("to", "+31612345678", "text", TEXT));
    }

    @Test
    void aRefusalOrAnAnswerWithoutConfirmationIsAFailureThatDoesNotLeakTheAnswer() throws Exception {
        stub.status = 500;
        stub.answer = "error: could not deliver 'Je code is 123456'";
        SmsSenderProvider http = init(new HttpSmsSenderProviderFactory(), Map.of("url", stub.url(), "body", "{text}"))
                .create(null);
        assertThatThrownBy(() -> http.send(MESSAGE)).isInstanceOf(SmsException.class)
                .hasMessageContaining("HTTP 500").hasMessageNotContaining("123456");

        stub.status = 200;
        stub.answer = "{\"status\":\"queued-later\"}";
        SmsSenderProvider confirming = init(new HttpSmsSenderProviderFactory(), Map.of("url", stub.url(),
                "body", "{text}", "success-body", "\"status\":\"ok\"")).create(null);
        assertThatThrownBy(() -> confirming.send(MESSAGE)).isInstanceOf(SmsException.class)
                .hasMessageContaining("did not confirm");
    }

    @Test
    void aSlowGatewayTimesOut() throws Exception {
        stub.delayMillis = 3000;
        SmsSenderProvider slow = init(new MessageBirdSmsSenderProviderFactory(), Map.of("base-url", stub.url(),
                "access-key", "k", "originator", "W", "read-timeout-ms", "300")).create(null);
        assertThatThrownBy(() -> slow.send(MESSAGE)).isInstanceOf(SmsException.class).hasMessageContaining("timeout");
    }

    @Test
    void anUnreachableGatewayIsAFailure() throws Exception {
        String url = stub.url();
        stub.close();
        SmsSenderProvider gone = init(new TwilioSmsSenderProviderFactory(), Map.of("base-url", url,
                "account-sid", "AC1", "auth-token", "t", "from", "x")).create(null);
        assertThatThrownBy(() -> gone.send(MESSAGE)).isInstanceOf(SmsException.class)
                .hasMessageContaining("could not reach");
    }

    @Test
    void secretsCanComeFromTheRealmsVault() throws Exception {
        KeycloakSession session = mock(KeycloakSession.class);
        VaultTranscriber vault = mock(VaultTranscriber.class);
        when(session.vault()).thenReturn(vault);
        when(vault.getStringSecret("${vault.twilio_token}")).thenReturn(secret("from-vault"));
        when(vault.getStringSecret("${vault.missing}")).thenReturn(secret(null));

        init(new TwilioSmsSenderProviderFactory(), Map.of("base-url", stub.url(), "account-sid", "AC1",
                "auth-token", "${vault.twilio_token}", "from", "x")).create(session).send(MESSAGE);
        assertThat(stub.requests.get(0).headers().get("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC1:from-vault".getBytes(StandardCharsets.UTF_8)));

        SmsSenderProvider missing = init(new TwilioSmsSenderProviderFactory(), Map.of("base-url", stub.url(),
                "account-sid", "AC1", "auth-token", "${vault.missing}", "from", "x")).create(session);
        assertThatThrownBy(() -> missing.send(MESSAGE)).isInstanceOf(SmsException.class).hasMessageContaining("vault");
    }

    @Test
    void missingSettingsAreAClearFailure() {
        assertThatThrownBy(() -> init(new TwilioSmsSenderProviderFactory(), Map.of()).create(null).send(MESSAGE))
                .isInstanceOf(SmsException.class).hasMessageContaining("account-sid");
        assertThatThrownBy(() -> init(new HttpSmsSenderProviderFactory(), Map.of()).create(null).send(MESSAGE))
                .isInstanceOf(SmsException.class).hasMessageContaining("url");
    }

    private static VaultStringSecret secret(String value) {
        return new VaultStringSecret() {
            @Override
            public Optional<String> get() {
                return Optional.ofNullable(value);
            }

            @Override
            public void close() {
            }
        };
    }

    private static <F extends SmsSenderProviderFactory> F init(F factory, Map<String, String> options) {
        factory.init(new MapScope(new HashMap<>(options)));
        return factory;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
