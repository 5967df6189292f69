package io.github.tweestap.device;

import io.github.tweestap.support.SimpleFactory;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * Event listener {@code tweestap-device-pairing}, global (every realm, nothing to configure): when a credential is
 * removed outside the pack's device code — the admin console or admin REST {@code DELETE users/<id>/credentials/<id>},
 * the account console's "delete credential" action and the account REST delete, the pack's own OTP switch-off and
 * deactivation — the other half of an app binding goes in the same transaction: the OTP credential of a deleted
 * binding, the binding of a deleted OTP credential ({@link BindingPairing}).
 *
 * <p>Why a listener: Keycloak's routes call {@code removeStoredCredentialById} directly (Keycloak 26.4–26.7), never a
 * {@code CredentialProvider}, and an event is what every one of them emits, synchronously and within the request's
 * transaction (a {@code REMOVE_CREDENTIAL}/{@code REMOVE_TOTP} user event, or an admin event on the user). Any route
 * that emits none (Keycloak's reset-OTP step, a federation provider) is covered by {@link Devices}, which treats a
 * binding whose OTP credential is gone as removed the first time it loads it.
 */
public final class BindingPairingListenerFactory implements EventListenerProviderFactory, SimpleFactory<EventListenerProvider> {

    public static final String ID = "tweestap-device-pairing";

    /**
     * An admin path on a user, relative to the realm: Keycloak's {@code users/<id>/...} (with {@code credentials/<id>}
     * when it names one credential) or an extension's {@code <extension>/users/<id>/...}.
     */
    private static final Pattern USER_PATH = Pattern.compile(
            "(?:[A-Za-z0-9._-]+/)?users/([^/]+)(?:/credentials/([^/]+))?(?:/.*)?");

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new Listener(session);
    }

    /** Every realm gets it, whether or not its admin added it to the realm's event listeners. */
    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return ID;
    }

    /** {userId, credentialId or null} of an admin event on a user, or null when it is on no user. */
    static String[] userOfAdminPath(ResourceType type, String resourcePath) {
        if (type != ResourceType.USER || resourcePath == null) {
            return null;
        }
        Matcher m = USER_PATH.matcher(resourcePath);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    private static final class Listener implements EventListenerProvider {

        private final KeycloakSession session;

        Listener(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public void onEvent(Event event) {
            if (event.getType() != EventType.REMOVE_CREDENTIAL && event.getType() != EventType.REMOVE_TOTP
                    || event.getUserId() == null) {
                return;
            }
            // credential_id from the account console's delete action; the deprecated account REST delete names it
            // selected_credential_id. Either is only acted on when that credential is really gone.
            Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
            String removed = details.getOrDefault(Details.CREDENTIAL_ID, details.get(Details.SELECTED_CREDENTIAL_ID));
            handle(event.getRealmId(), event.getUserId(), removed);
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
            // Only what may remove a credential; creating a user or updating one's profile cannot.
            if (event.getOperationType() != OperationType.DELETE && event.getOperationType() != OperationType.ACTION) {
                return;
            }
            String[] target = userOfAdminPath(event.getResourceType(), event.getResourcePath());
            if (target != null) {
                handle(event.getRealmId(), target[0], target[1]);
            }
        }

        private void handle(String realmId, String userId, String removedId) {
            RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            RealmModel previous = session.getContext().getRealm();
            session.getContext().setRealm(realm);
            try {
                UserModel user = session.users().getUserById(realm, userId);
                if (user == null) {
                    return;
                }
                BindingPairing.Removed removed = BindingPairing.afterRemoval(user, removedId);
                removed.otpIds().forEach(id -> event(realm, user, OTPCredentialModel.TYPE, id));
                removed.bindingIds().forEach(id -> event(realm, user, Devices.TYPE, id));
            } finally {
                session.getContext().setRealm(previous);
            }
        }

        /** The removal of the other half, for the realm's audit (no credential_id: nothing for this listener to do). */
        private void event(RealmModel realm, UserModel user, String type, String credentialId) {
            new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.REMOVE_CREDENTIAL)
                    .user(user).detail(Details.CREDENTIAL_TYPE, type).detail("tweestap_credential", credentialId)
                    .detail("tweestap_step", "binding_pair_removed").success();
        }

        @Override
        public void close() {
        }
    }
}
