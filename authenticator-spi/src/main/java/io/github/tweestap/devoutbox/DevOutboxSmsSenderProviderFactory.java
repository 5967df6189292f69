package io.github.tweestap.devoutbox;

import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.sms.SmsException;
import io.github.tweestap.sms.SmsSenderProvider;
import io.github.tweestap.sms.SmsSenderProviderFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** SMS provider {@code dev-outbox}: keeps each message in the dev outbox instead of sending it. */
public final class DevOutboxSmsSenderProviderFactory implements SmsSenderProviderFactory, SimpleFactory<SmsSenderProvider> {

    public static final String ID = "dev-outbox";
    private static final Logger LOG = Logger.getLogger(DevOutboxSmsSenderProviderFactory.class);

    private OutboxStore store;

    @Override
    public SmsSenderProvider create(KeycloakSession session) {
        OutboxStore current = store;
        return message -> {
            if (current == null) {
                throw new SmsException("the dev outbox is not enabled (--spi-tweestap-sms-sender--dev-outbox--capture)");
            }
            RealmModel realm = session.getContext().getRealm();
            String realmId = realm != null ? realm.getId() : message.realm();
            current.add(realmId, "sms", message.to(), null, message.text(), null, Time.currentTimeMillis());
            LOG.infof("SMS to %s kept in the dev outbox of realm %s", io.github.tweestap.sms.SmsMessage.maskNumber(message.to()),
                    message.realm());
        };
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return DevOutbox.options();
    }

    @Override
    public void init(Config.Scope config) {
        store = DevOutbox.configure(config, "SMS sender " + ID);
    }



    @Override
    public String getId() {
        return ID;
    }
}
