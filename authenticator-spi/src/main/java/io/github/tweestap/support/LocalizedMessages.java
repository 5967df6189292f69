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
 * <p>
 * Loading them merges the theme's whole bundle with the realm's texts (and, with the theme cache off as in dev mode,
 * reads the theme's files), so one request loads them once per realm and locale: later calls in the same
 * {@link KeycloakSession} get the same texts (a request-scoped attribute, gone with the session; nothing is kept on
 * the node).
 */
public final class LocalizedMessages {

    private static final Logger LOG = Logger.getLogger(LocalizedMessages.class);
    private static final String LOADED = "tweestap.messages.";

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
        String attribute = LOADED + realm.getId() + "/" + locale.toLanguageTag();
        if (session.getAttribute(attribute) instanceof LocalizedMessages loaded) {
            return loaded;
        }
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            LocalizedMessages messages = new LocalizedMessages(theme.getEnhancedMessages(realm, locale), locale);
            session.setAttribute(attribute, messages);
            return messages;
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
