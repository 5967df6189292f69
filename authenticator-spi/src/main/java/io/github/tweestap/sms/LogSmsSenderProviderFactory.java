package io.github.tweestap.sms;

import io.github.tweestap.support.SimpleFactory;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * Writes each message to the server log instead of sending it, with the code and all but two digits of the
 * number masked. For trying a flow without a gateway where the code reaches the user some other way (never
 * useful for real logins: the user cannot read the log).
 */
public final class LogSmsSenderProviderFactory implements SmsSenderProviderFactory, SimpleFactory<SmsSenderProvider> {

    public static final String ID = "log";
    private static final Logger LOG = Logger.getLogger(LogSmsSenderProviderFactory.class);

    @Override
    public SmsSenderProvider create(KeycloakSession session) {
        return message -> LOG.infof("SMS to %s (realm %s): %s", SmsMessage.maskNumber(message.to()), message.realm(),
                message.maskedText());
    }




    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 10;
    }
}
