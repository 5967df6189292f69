package io.github.tweestap.support;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * Server-side texts (SMS bodies, plain pages) from the realm's login theme, in the user's locale, with the realm's
 * own localization overrides applied — the same messages the login pages use.
 */
public final class LocalizedMessages {

    private static final Logger LOG = Logger.getLogger(LocalizedMessages.class);

    private final Properties messages;
    private final Locale locale;

    private LocalizedMessages(Properties messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    public static LocalizedMessages forUser(KeycloakSession session, RealmModel realm, UserModel user) {
        Locale locale = session.getContext().resolveLocale(user);
        return load(session, realm, locale);
    }

    public static LocalizedMessages load(KeycloakSession session, RealmModel realm, Locale locale) {
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            return new LocalizedMessages(theme.getEnhancedMessages(realm, locale), locale);
        } catch (IOException e) {
            LOG.warn("could not load the login theme's messages; showing message keys", e);
            return new LocalizedMessages(new Properties(), locale);
        }
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        String pattern = messages.getProperty(key);
        if (pattern == null) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
