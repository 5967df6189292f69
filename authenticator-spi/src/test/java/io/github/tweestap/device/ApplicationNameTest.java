package io.github.tweestap.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.ThemeManager;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;

/**
 * The application's name on the phone ("Toepassing: …"): a {@code ${key}} client name in the user's language, a
 * plain name as it is without loading any messages, the client id only when there is no name.
 */
class ApplicationNameTest {

    private final Theme theme = mock(Theme.class);
    private final ThemeManager themes = mock(ThemeManager.class);
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);
    private final ClientModel client = mock(ClientModel.class);
    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);

    ApplicationNameTest() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        when(session.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        org.mockito.Mockito.doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1)))
                .when(session).setAttribute(anyString(), any());
        when(session.theme()).thenReturn(themes);
        when(themes.getTheme(Theme.Type.LOGIN)).thenReturn(theme);
        KeycloakContext keycloakContext = mock(KeycloakContext.class);
        when(session.getContext()).thenReturn(keycloakContext);
        when(keycloakContext.resolveLocale(user)).thenReturn(Locale.forLanguageTag("nl"));
        when(theme.getEnhancedMessages(any(), any())).thenAnswer(call -> {
            Properties p = new Properties();
            p.setProperty("client_account-console", "Accountconsole");
            return p;
        });
        when(realm.getId()).thenReturn("werkplek-id");
        AuthenticationSessionModel auth = mock(AuthenticationSessionModel.class);
        when(auth.getClient()).thenReturn(client);
        when(client.getClientId()).thenReturn("account-console");
        when(context.getAuthenticationSession()).thenReturn(auth);
        when(context.getSession()).thenReturn(session);
        when(context.getRealm()).thenReturn(realm);
        when(context.getUser()).thenReturn(user);
    }

    @Test
    void aKeyNameIsTheTextInTheUsersLanguageNotTheClientId() throws Exception {
        when(client.getName()).thenReturn("${client_account-console}");
        assertThat(PushOrCodeAuthenticator.applicationName(context)).isEqualTo("Accountconsole");
        // The push's own texts in the same request reuse the loaded messages.
        assertThat(io.github.tweestap.support.LocalizedMessages.forUser(session, realm, user).get("client_account-console"))
                .isEqualTo("Accountconsole");
        verify(theme, times(1)).getEnhancedMessages(realm, Locale.forLanguageTag("nl"));
    }

    @Test
    void aPlainNameLoadsNoMessages() throws Exception {
        when(client.getName()).thenReturn("Werkplek portaal");
        assertThat(PushOrCodeAuthenticator.applicationName(context)).isEqualTo("Werkplek portaal");
        verify(theme, never()).getEnhancedMessages(any(), any());
    }

    @Test
    void anUnknownKeyOrNoNameIsTheClientId() {
        when(client.getName()).thenReturn("${no_such_key}");
        assertThat(PushOrCodeAuthenticator.applicationName(context)).isEqualTo("account-console");
        when(client.getName()).thenReturn(null);
        assertThat(PushOrCodeAuthenticator.applicationName(context)).isEqualTo("account-console");
    }
}
