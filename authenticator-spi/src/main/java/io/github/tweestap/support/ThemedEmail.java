package io.github.tweestap.support;

import java.text.Bidi;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.email.EmailException;
import org.keycloak.email.freemarker.beans.ProfileBean;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * An e-mail rendered the way Keycloak renders its own: the {@code html/} and {@code text/} templates of the realm's
 * e-mail theme (falling back to the pack's theme-resources), that theme's messages with the realm's localization
 * texts, in the user's locale, with Keycloak's FreeMarker provider and the attributes its e-mail templates know
 * ({@code msg}, {@code kcSanitize}, {@code locale}, {@code realmName}, {@code user}, {@code properties}). Only
 * rendered, not sent: for e-mails Keycloak's sender cannot send (an inline image, see {@code EnrollmentMail}).
 */
public record ThemedEmail(String subject, String text, String html) {

    /**
     * Renders {@code text/<template>} and {@code html/<template>} of the realm's e-mail theme; the subject is the
     * message {@code subjectKey} formatted with {@code subjectArguments}.
     */
    public static ThemedEmail render(KeycloakSession session, RealmModel realm, UserModel user, String subjectKey,
            List<Object> subjectArguments, String template, Map<String, Object> attributes) throws EmailException {
        try {
            Locale locale = session.getContext().resolveLocale(user);
            Theme theme = session.theme().getTheme(Theme.Type.EMAIL);
            Properties messages = theme.getEnhancedMessages(realm, locale);
            Map<String, Object> model = new HashMap<>(attributes);
            model.put("locale", locale);
            String language = messages.getProperty("locale_" + locale.getLanguage(), locale.getLanguage());
            model.put("ltr", new Bidi(language, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT).isLeftToRight());
            model.put("msg", new MessageFormatterMethod(locale, messages));
            model.put("properties", theme.getProperties());
            model.put("realmName", realmName(realm));
            model.put("user", new ProfileBean(user, session));
            String subject = new MessageFormat(messages.getProperty(subjectKey, subjectKey), locale)
                    .format(subjectArguments.toArray());
            model.put("subject", subject);
            FreeMarkerProvider freeMarker = session.getProvider(FreeMarkerProvider.class);
            String text = freeMarker.processTemplate(model, "text/" + template, theme);
            String html = freeMarker.processTemplate(model, "html/" + template, theme);
            return new ThemedEmail(subject, text, html);
        } catch (Exception e) {
            throw new EmailException("the e-mail " + template + " could not be rendered", e);
        }
    }

    /** The realm's name as Keycloak's own e-mails show it. */
    static String realmName(RealmModel realm) {
        String display = realm.getDisplayName();
        if (display != null) {
            return display;
        }
        String name = realm.getName();
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
