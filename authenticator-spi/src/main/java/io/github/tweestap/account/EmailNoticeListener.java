package io.github.tweestap.account;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerTransaction;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Mails a user about an event once the event's transaction has committed (as Keycloak's own {@code email} listener
 * does), through the realm's e-mail theme in the user's language, only to a verified address, and at most once per
 * user and kind of notice per window: the first notice claims a key in Keycloak's cluster-wide single-use store
 * ({@code putIfAbsent}, living the window), so every node counts together and a burst of events sends one e-mail.
 */
final class EmailNoticeListener implements EventListenerProvider {

    static final String THROTTLE = "tweestap.notice.";
    static final String LOGIN_FAILURE_TEMPLATE = "tweestap-login-failure.ftl";
    private static final Logger LOG = Logger.getLogger(EmailNoticeListener.class);

    private final KeycloakSession session;
    private final Function<Event, String> kindOf;
    private final int windowSeconds;
    private final EventListenerTransaction afterCommit;

    /**
     * @param kindOf        the kind of notice for an event, or null for events this listener ignores
     * @param windowSeconds at most one e-mail per user and kind within this many seconds (0: no throttle)
     */
    EmailNoticeListener(KeycloakSession session, Function<Event, String> kindOf, int windowSeconds) {
        this.session = session;
        this.kindOf = kindOf;
        this.windowSeconds = windowSeconds;
        this.afterCommit = new EventListenerTransaction(null, this::sendInOwnTransaction);
        session.getTransactionManager().enlistAfterCompletion(afterCommit);
    }

    @Override
    public void onEvent(Event event) {
        if (event.getRealmId() != null && event.getUserId() != null && kindOf.apply(event) != null) {
            afterCommit.addEvent(event);
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }

    private void sendInOwnTransaction(Event event) {
        HttpRequest request = session.getContext().getHttpRequest();
        ClientConnection connection = session.getContext().getConnection();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            RealmModel realm = s.realms().getRealm(event.getRealmId());
            if (realm == null) {
                return;
            }
            s.getContext().setRealm(realm);
            ClientModel client = event.getClientId() == null ? null : realm.getClientByClientId(event.getClientId());
            if (client != null) {
                s.getContext().setClient(client);
            }
            if (request != null) {
                s.getContext().setHttpRequest(request);
            }
            if (connection != null) {
                s.getContext().setConnection(connection);
            }
            send(s, realm, event);
        });
    }

    /** Sends the notice for one event unless the user has no verified address or had this kind within the window. */
    void send(KeycloakSession s, RealmModel realm, Event event) {
        String kind = kindOf.apply(event);
        UserModel user = s.users().getUserById(realm, event.getUserId());
        if (kind == null || user == null || user.getEmail() == null || user.getEmail().isBlank() || !user.isEmailVerified()) {
            return;
        }
        SingleUseObjectProvider store = s.getProvider(SingleUseObjectProvider.class);
        String key = THROTTLE + realm.getId() + "." + user.getId() + "." + kind;
        if (windowSeconds > 0 && !store.putIfAbsent(key, windowSeconds)) {
            LOG.debugf("notice %s for a user of realm %s held back: one was sent within %d s", kind, realm.getName(),
                    windowSeconds);
            return;
        }
        try {
            EmailTemplateProvider mail = s.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user);
            if (EmailNotice.LOGIN_FAILURE.equals(kind)) {
                Map<String, Object> attributes = new HashMap<>();
                attributes.put("tweestapWhen", new Date(event.getTime()));
                attributes.put("tweestapIp", event.getIpAddress() == null ? "-" : event.getIpAddress());
                attributes.put("tweestapRealmName", AccountMail.displayName(realm));
                mail.send("tweestapLoginFailureSubject", List.of(AccountMail.displayName(realm)), LOGIN_FAILURE_TEMPLATE,
                        attributes);
            } else {
                mail.sendEvent(event);
            }
        } catch (EmailException e) {
            // Not sent: the next event of this kind may try again.
            store.remove(key);
            LOG.warnf("notice %s for a user of realm %s could not be sent: %s", kind, realm.getName(), e.getMessage());
        }
    }
}
