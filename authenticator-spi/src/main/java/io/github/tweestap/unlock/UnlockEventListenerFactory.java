package io.github.tweestap.unlock;

import io.github.tweestap.device.Unlocks;
import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Event listener {@code tweestap-unlock} (add it to the realm's event listeners): when Keycloak's brute-force
 * detector locks a user out, the user's bound app gets an unlock request at once — once per lockout, although
 * Keycloak repeats the lockout event on every later failure.
 */
public final class UnlockEventListenerFactory implements EventListenerProviderFactory, SimpleFactory<EventListenerProvider> {

    public static final String ID = "tweestap-unlock";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (!KeycloakVersion.supported()) {
                    return; // the startup error says so; nothing of the pack runs on an unsupported version
                }
                if (event.getType() != EventType.USER_DISABLED_BY_TEMPORARY_LOCKOUT
                        && event.getType() != EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT || event.getUserId() == null) {
                    return;
                }
                RealmModel realm = session.realms().getRealm(event.getRealmId());
                if (realm == null) {
                    return;
                }
                RealmModel previous = session.getContext().getRealm();
                session.getContext().setRealm(realm);
                try {
                    UserModel user = session.users().getUserById(realm, event.getUserId());
                    Unlocks.requestAtLockout(session, realm, user);
                } finally {
                    session.getContext().setRealm(previous);
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
