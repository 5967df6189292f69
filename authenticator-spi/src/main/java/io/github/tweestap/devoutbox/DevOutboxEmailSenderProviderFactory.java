package io.github.tweestap.devoutbox;

import io.github.tweestap.support.SimpleFactory;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailSenderProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * E-mail sender {@code tweestap-dev-outbox}: keeps each e-mail in the dev outbox instead of sending it, so flows can
 * be tried without a mail server. Selected with {@code --spi-email-sender--provider=tweestap-dev-outbox}.
 */
public final class DevOutboxEmailSenderProviderFactory implements EmailSenderProviderFactory, SimpleFactory<EmailSenderProvider> {

    public static final String ID = "tweestap-dev-outbox";
    private static final Logger LOG = Logger.getLogger(DevOutboxEmailSenderProviderFactory.class);

    private OutboxStore store;

    @Override
    public EmailSenderProvider create(KeycloakSession session) {
        return new Sender(session, store);
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return DevOutbox.options();
    }

    @Override
    public void init(Config.Scope config) {
        store = DevOutbox.configure(config, "e-mail sender " + ID);
    }

    /**
     * The outbox when this sender captures e-mail, else null. The pack's own multipart e-mails (with inline images)
     * ask this before they go to SMTP, so the dev outbox shows them too.
     */
    public OutboxStore capturingStore() {
        return store;
    }



    @Override
    public String getId() {
        return ID;
    }

    private static final class Sender implements EmailSenderProvider {
        private final KeycloakSession session;
        private final OutboxStore store;

        Sender(KeycloakSession session, OutboxStore store) {
            this.session = session;
            this.store = store;
        }

        @Override
        public void send(Map<String, String> config, String address, String subject, String textBody, String htmlBody)
                throws EmailException {
            if (store == null) {
                throw new EmailException("the dev outbox is not enabled (--spi-email-sender--tweestap-dev-outbox--capture)");
            }
            if (address == null || address.isBlank()) {
                throw new EmailException("no recipient address");
            }
            RealmModel realm = session.getContext().getRealm();
            if (realm == null) {
                throw new EmailException("no realm in context");
            }
            store.add(realm.getId(), "email", address, subject, textBody, htmlBody, Time.currentTimeMillis());
            LOG.infof("E-mail kept in the dev outbox of realm %s", realm.getName());
        }

        @Override
        public void validate(Map<String, String> config) {
            // nothing to connect to
        }

        @Override
        public void close() {
        }
    }
}
