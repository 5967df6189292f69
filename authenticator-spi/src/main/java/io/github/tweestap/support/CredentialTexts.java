package io.github.tweestap.support;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Texts the pack's credential types give Keycloak's consoles, in the user's language and the realm's words (its login
 * theme's messages with the realm's overrides): the app's name, dates, short values.
 *
 * <p>The account console passes a type's display name through its own translation (i18next), which would read a
 * {@code .} or {@code :} as a path or a namespace; a name with such characters is replaced by a message key of the
 * console's own messages.
 */
public final class CredentialTexts {

    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}\\p{N} '’&()+-]{1,45}");

    private final LocalizedMessages messages;
    private final RealmModel realm;

    private CredentialTexts(LocalizedMessages messages, RealmModel realm) {
        this.messages = messages;
        this.realm = realm;
    }

    /** For the realm of the request and {@code user} (null: the request's language). */
    public static CredentialTexts of(KeycloakSession session, UserModel user) {
        RealmModel realm = session.getContext().getRealm();
        return new CredentialTexts(LocalizedMessages.load(session, realm, session.getContext().resolveLocale(user)), realm);
    }

    /** The realm's name of the app ({@code tweestapAppName}, e.g. "Werkplek app"), or {@code fallbackKey}. */
    public String appName(String fallbackKey) {
        String realmName = realm == null ? "" : realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        String name = messages.get("tweestapAppName", realmName).trim();
        return PLAIN_NAME.matcher(name).matches() ? name : fallbackKey;
    }

    public String get(String key, Object... args) {
        return messages.get(key, args);
    }

    /** A date (no time: the server does not know the reader's time zone) from epoch seconds. */
    public String date(long epochSeconds) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(messages.locale())
                .withZone(ZoneId.systemDefault()).format(Instant.ofEpochSecond(epochSeconds));
    }

    /** {@link #date(long)} from epoch milliseconds; empty when unknown. */
    public String dateMillis(Long epochMillis) {
        return epochMillis == null ? "" : date(epochMillis / 1000L);
    }
}
