package io.github.tweestap.devoutbox;

import io.github.tweestap.device.push.PushException;
import io.github.tweestap.device.push.PushSenderProvider;
import io.github.tweestap.device.push.PushSenderProviderFactory;
import io.github.tweestap.device.push.VapidKeys;
import io.github.tweestap.device.push.WebPushPayload;
import io.github.tweestap.support.SimpleFactory;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Push sender {@code dev-outbox} (dev mode only, like the SMS one): keeps the plaintext payload of every push in the
 * dev outbox (channel {@code push}, addressed to the device id) instead of sending it, so a person or a test can
 * hand it to a browser's service worker (DevTools {@code ServiceWorker.deliverPushMessage}). It offers the web app a
 * key to subscribe with, a fresh one per start that signs nothing. Enable it with
 * {@code --spi-tweestap-push-sender--provider-default=dev-outbox --spi-tweestap-push-sender--dev-outbox--capture=true};
 * it refuses to start outside {@code kc.sh start-dev}.
 */
public final class DevOutboxPushSenderProviderFactory implements PushSenderProviderFactory, SimpleFactory<PushSenderProvider> {

    public static final String ID = "dev-outbox";
    private static final Logger LOG = Logger.getLogger(DevOutboxPushSenderProviderFactory.class);

    private OutboxStore store;
    private String applicationServerKey;

    @Override
    public PushSenderProvider create(KeycloakSession session) {
        OutboxStore current = store;
        String key = applicationServerKey;
        return new PushSenderProvider() {
            @Override
            public String applicationServerKey() {
                return key;
            }

            @Override
            public void send(io.github.tweestap.device.push.PushTarget target, io.github.tweestap.device.push.PushMessage message)
                    throws PushException {
                if (current == null) {
                    throw new PushException("the dev outbox is not enabled (--spi-tweestap-push-sender--dev-outbox--capture)", -1);
                }
                RealmModel realm = session.getContext().getRealm();
                if (realm == null || target == null || !target.hasSubscription()) {
                    return;
                }
                current.add(realm.getId(), "push", target.deviceId(), message.title(), WebPushPayload.json(message), null,
                        Time.currentTimeMillis());
                LOG.infof("push to a device kept in the dev outbox of realm %s", realm.getName());
            }
        };
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return DevOutbox.options();
    }

    @Override
    public void init(Config.Scope config) {
        store = DevOutbox.configure(config, "push sender " + ID);
        if (store != null) {
            try {
                applicationServerKey = VapidKeys.base64url(VapidKeys.encodePublic((ECPublicKey) VapidKeys.generate().getPublic()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
