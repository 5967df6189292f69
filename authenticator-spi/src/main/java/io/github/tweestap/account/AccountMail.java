package io.github.tweestap.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The pack's account e-mails (username reminder, password-expiry reminder) through Keycloak's own e-mail template
 * provider: the realm's e-mail theme and SMTP settings, the user's locale; templates {@code html/} and
 * {@code text/} in theme-resources, overridable by any e-mail theme.
 */
public final class AccountMail {

    static final String USERNAME_TEMPLATE = "tweestap-username-email.ftl";
    static final String EXPIRY_TEMPLATE = "tweestap-password-expiry-email.ftl";

    private AccountMail() {
    }

    public static void sendUsername(KeycloakSession session, RealmModel realm, UserModel user) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tweestapUsername", user.getUsername());
        attributes.put("tweestapRealmName", displayName(realm));
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send("tweestapUsernameReminderSubject", List.of(displayName(realm)), USERNAME_TEMPLATE, attributes);
    }

    static void sendExpiryReminder(KeycloakSession session, RealmModel realm, UserModel user, int daysLeft,
            String expiresOn) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tweestapDaysLeft", daysLeft);
        attributes.put("tweestapExpiresOn", expiresOn);
        attributes.put("tweestapRealmName", displayName(realm));
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send("tweestapPasswordExpiryReminderSubject", List.of(daysLeft), EXPIRY_TEMPLATE, attributes);
    }

    static String displayName(RealmModel realm) {
        String name = realm.getDisplayName();
        return name == null || name.isBlank() ? realm.getName() : name;
    }
}
