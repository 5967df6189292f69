package io.github.tweestap.device;

import io.github.tweestap.device.push.PushException;
import io.github.tweestap.device.push.PushMessage;
import io.github.tweestap.device.push.PushSenderProvider;
import io.github.tweestap.device.push.PushTarget;
import io.github.tweestap.support.LocalizedMessages;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Wakes a device through the server's push sender, best effort (the device's long-poll finds the challenge anyway). */
final class PushDelivery {

    private static final Logger LOG = Logger.getLogger(PushDelivery.class);

    private PushDelivery() {
    }

    static void send(KeycloakSession session, RealmModel realm, Devices.Device device, Challenges.Challenge challenge,
            int ttlSeconds, String titleKey, String bodyKey, Object... bodyArgs) {
        PushTarget target = new PushTarget(device.id(), device.text("pushEndpoint"), device.text("pushP256dh"),
                device.text("pushAuth"));
        if (!target.hasSubscription()) {
            return;
        }
        PushSenderProvider sender = session.getProvider(PushSenderProvider.class);
        if (sender == null) {
            return;
        }
        LocalizedMessages msg = LocalizedMessages.forUser(session, realm, device.user());
        try {
            sender.send(target, new PushMessage(challenge.get("type"), challenge.id(), msg.get(titleKey),
                    msg.get(bodyKey, bodyArgs), ttlSeconds));
        } catch (PushException e) {
            LOG.debugf("push to a device of realm %s failed (status %d)", realm.getName(), e.status());
            if (e.status() == 404 || e.status() == 410) {
                // The subscription is gone for good: stop pushing to it.
                device.save(Map.of("pushEndpoint", "", "pushP256dh", "", "pushAuth", ""));
            }
        }
    }
}
