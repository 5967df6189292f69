package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.ThemeManager;
import org.keycloak.theme.Theme;

/** The login theme's messages are loaded once per request (session), per realm and locale. */
class LocalizedMessagesTest {

    private final Theme theme = mock(Theme.class);
    private final RealmModel realm = mock(RealmModel.class);

    LocalizedMessagesTest() throws Exception {
        when(realm.getId()).thenReturn("realm-1");
        when(theme.getEnhancedMessages(any(), any())).thenAnswer(call -> {
            Locale locale = call.getArgument(1);
            Properties p = new Properties();
            p.setProperty("client_account-console", "nl".equals(locale.getLanguage()) ? "Accountconsole" : "Account Console");
            p.setProperty("greeting", "Hallo {0}");
            return p;
        });
    }

    /** A session whose attributes behave as Keycloak's (a map for the request) and whose theme is {@link #theme}. */
    static KeycloakSession session(Theme theme) {
        KeycloakSession session = mock(KeycloakSession.class);
        Map<String, Object> attributes = new HashMap<>();
        when(session.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        org.mockito.Mockito.doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1)))
                .when(session).setAttribute(anyString(), any());
        ThemeManager themes = mock(ThemeManager.class);
        when(session.theme()).thenReturn(themes);
        try {
            when(themes.getTheme(Theme.Type.LOGIN)).thenReturn(theme);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return session;
    }

    @Test
    void oneRequestLoadsTheMessagesOncePerLocale() throws Exception {
        KeycloakSession session = session(theme);
        Locale nl = Locale.forLanguageTag("nl");

        assertThat(LocalizedMessages.load(session, realm, nl).get("client_account-console")).isEqualTo("Accountconsole");
        assertThat(LocalizedMessages.load(session, realm, nl).get("greeting", "Piet")).isEqualTo("Hallo Piet");
        verify(theme, times(1)).getEnhancedMessages(realm, nl);

        // Another language in the same request is its own bundle.
        assertThat(LocalizedMessages.load(session, realm, Locale.ENGLISH).get("client_account-console"))
                .isEqualTo("Account Console");
        verify(theme, times(1)).getEnhancedMessages(realm, Locale.ENGLISH);
    }

    @Test
    void anotherRequestLoadsThemAgain() throws Exception {
        Locale nl = Locale.forLanguageTag("nl");
        LocalizedMessages.load(session(theme), realm, nl);
        LocalizedMessages.load(session(theme), realm, nl);
        // Nothing is kept between requests: a realm's changed texts show in the next request.
        verify(theme, times(2)).getEnhancedMessages(realm, nl);
    }

    @Test
    void anUnknownKeyStaysTheKey() {
        assertThat(LocalizedMessages.load(session(theme), realm, Locale.ENGLISH).get("nope")).isEqualTo("nope");
    }
}
