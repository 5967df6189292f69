package io.github.tweestap.account;

import java.util.Set;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * Which of Keycloak's events the pack tells a user about by e-mail, and as which kind of notice (the throttle counts
 * per user and kind). Keycloak's own {@code email} listener mails on six event types, among them every
 * {@code LOGIN_ERROR} and the deprecated {@code UPDATE_TOTP}/{@code REMOVE_TOTP}/{@code UPDATE_PASSWORD} that come
 * with each {@code UPDATE_CREDENTIAL}/{@code REMOVE_CREDENTIAL}; the pack sends one notice per credential change and,
 * only where a realm asks for it, one warning about failed logins.
 */
final class EmailNotice {

    /** Credential types whose change switches the second factor on or off. */
    static final Set<String> SECOND_FACTOR = Set.of("otp", "tweestap-device");

    /** Errors of a login attempt with a wrong password or code (or one made while locked out for them). */
    static final Set<String> FAILED_LOGIN = Set.of(Errors.INVALID_USER_CREDENTIALS, Errors.USER_TEMPORARILY_DISABLED);

    static final String LOGIN_FAILURE = "login-failure";

    private EmailNotice() {
    }

    /**
     * The kind of credential notice for this event ({@code 2fa-on}, {@code 2fa-off}, {@code credential-changed.<type>},
     * {@code credential-removed.<type>}), or null when the pack sends none. Mailed with Keycloak's
     * {@code event-update_credential.ftl} / {@code event-remove_credential.ftl} of the realm's e-mail theme.
     */
    static String credentialNotice(Event event) {
        if (event.getUserId() == null) {
            return null;
        }
        String type = event.getDetails() == null ? null : event.getDetails().get(Details.CREDENTIAL_TYPE);
        boolean secondFactor = type != null && SECOND_FACTOR.contains(type);
        if (event.getType() == EventType.UPDATE_CREDENTIAL) {
            return secondFactor ? "2fa-on" : "credential-changed." + type;
        }
        if (event.getType() == EventType.REMOVE_CREDENTIAL) {
            return secondFactor ? "2fa-off" : "credential-removed." + type;
        }
        return null;
    }

    /** {@link #LOGIN_FAILURE} for a failed login attempt of a known user, else null. */
    static String loginFailure(Event event) {
        return event.getType() == EventType.LOGIN_ERROR && event.getUserId() != null
                && FAILED_LOGIN.contains(event.getError()) ? LOGIN_FAILURE : null;
    }
}
