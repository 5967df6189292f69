package io.github.tweestap.devoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.tweestap.sms.SmsMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.Config;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The dev outbox's switches: capturing in dev mode, inert without its option, refusing production mode. (The pages
 * and the SMS path run against the real server in the integration tests.)
 */
class DevOutboxFactoriesTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("kc.profile");
        System.clearProperty("tweestap-test.capture");
        System.clearProperty("tweestap-test.dir");
    }

    private Config.Scope scope(boolean capture) {
        if (capture) {
            System.setProperty("tweestap-test.capture", "true");
        }
        System.setProperty("tweestap-test.dir", dir.toString());
        return new Config.SystemPropertiesScope("tweestap-test.");
    }

    private static KeycloakSession sessionInRealm() {
        KeycloakSession session = mock(KeycloakSession.class);
        KeycloakContext context = mock(KeycloakContext.class);
        RealmModel realm = mock(RealmModel.class);
        when(session.getContext()).thenReturn(context);
        when(context.getRealm()).thenReturn(realm);
        when(realm.getId()).thenReturn("realm-1");
        when(realm.getName()).thenReturn("werkplek");
        return session;
    }

    @Test
    void inDevModeEmailAndSmsAreCapturedNotSent() throws Exception {
        System.setProperty("kc.profile", "dev");
        DevOutboxEmailSenderProviderFactory mail = new DevOutboxEmailSenderProviderFactory();
        mail.init(scope(true));
        mail.create(sessionInRealm()).send(Map.of(), "jan@example.test", "Onderwerp", "tekst", "<p>html</p>");
        DevOutboxSmsSenderProviderFactory sms = new DevOutboxSmsSenderProviderFactory();
        sms.init(scope(true));
        sms.create(sessionInRealm()).send(new SmsMessage("werkplek", "+31612345678", "code 123456", List.of("123456")));

        List<OutboxEntry> entries = new OutboxStore(dir).list("realm-1", 10);
        assertThat(entries).extracting(OutboxEntry::channel).containsExactlyInAnyOrder("email", "sms");
        assertThat(entries).filteredOn(e -> e.channel().equals("email")).singleElement()
                .satisfies(e -> assertThat(e.html()).isEqualTo("<p>html</p>"));
        assertThat(mail.capturingStore()).isNotNull();
    }

    @Test
    void withoutItsOptionTheOutboxIsInertAndRefusesToSend() {
        System.setProperty("kc.profile", "dev");
        DevOutboxEmailSenderProviderFactory mail = new DevOutboxEmailSenderProviderFactory();
        mail.init(scope(false));
        assertThat(mail.capturingStore()).isNull();
        assertThatThrownBy(() -> mail.create(sessionInRealm()).send(Map.of(), "a@b.test", "s", "t", null))
                .hasMessageContaining("not enabled");
    }

    @Test
    void inProductionModeTheOutboxRefusesToStart() {
        System.setProperty("kc.profile", "prod");
        assertThatThrownBy(() -> new DevOutboxEmailSenderProviderFactory().init(scope(true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("production mode");
        assertThatThrownBy(() -> new OutboxResourceProviderFactory().init(scope(true)))
                .isInstanceOf(IllegalStateException.class);
    }
}
