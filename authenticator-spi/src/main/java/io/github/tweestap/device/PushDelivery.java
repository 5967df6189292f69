package io.github.tweestap.device;

import io.github.tweestap.device.push.PushException;
import io.github.tweestap.device.push.PushMessage;
import io.github.tweestap.device.push.PushSenderProvider;
import io.github.tweestap.device.push.PushTarget;
import io.github.tweestap.support.LocalizedMessages;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.RealmModel;

/** Wakes a device through the server's push sender, best effort (the device's long-poll finds the challenge anyway). */
final class PushDelivery {

    private static final Logger LOG = Logger.getLogger(PushDelivery.class);

    private PushDelivery() {
    }

    /**
     * Prepares the push now (texts in the user's language) and hands it to the push service after this session's
     * commit, on a worker: the request never waits for the push service, so its timing says nothing.
     */
    static void send(KeycloakSession session, RealmModel realm, Devices.Device device, Challenges.Challenge challenge,
            int ttlSeconds, String titleKey, String bodyKey, Object... bodyArgs) {
        PushTarget target = new PushTarget(device.id(), device.text("pushEndpoint"), device.text("pushP256dh"),
                device.text("pushAuth"));
        if (!target.hasSubscription()) {
            return;
        }
        LocalizedMessages msg = LocalizedMessages.forUser(session, realm, device.user());
        PushMessage message = new PushMessage(challenge.get("type"), challenge.id(), msg.get(titleKey),
                msg.get(bodyKey, bodyArgs), ttlSeconds);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        Runnable job = () -> KeycloakModelUtils.runJobInTransaction(factory, s -> {
            // The job's own session has no realm yet: give it the device's, for senders that read realm state
            // (a vault secret, the dev outbox).
            s.getContext().setRealm(s.realms().getRealm(realmId));
            PushSenderProvider sender = s.getProvider(PushSenderProvider.class);
            if (sender == null) {
                return;
            }
            try {
                sender.send(target, message);
            } catch (PushException e) {
                LOG.debugf("push to a device failed (status %d)", e.status());
                if (e.status() == 404 || e.status() == 410) {
                    // The subscription is gone for good: stop pushing to it.
                    RealmModel r = s.realms().getRealm(realmId);
                    Devices.Device current = r == null ? null : Devices.find(s, r, target.deviceId());
                    if (current != null) {
                        current.save(Map.of("pushEndpoint", "", "pushP256dh", "", "pushAuth", ""));
                    }
                }
            }
        });
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.getProvider(ExecutorsProvider.class).getExecutor("tweestap-push").execute(job);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
