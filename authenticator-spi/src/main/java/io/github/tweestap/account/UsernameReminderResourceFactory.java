package io.github.tweestap.account;

import io.github.tweestap.support.RealmResourceFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;

/**
 * Serves {@link UsernameReminderResource} at {@code /realms/<realm>/tweestap-account}. Server options
 * ({@code --spi-realm-restapi-extension--tweestap-account--<name>}): {@code per-ip} (requests per client address
 * per window, default 10), {@code per-address} (per e-mail address, default 3), {@code window} (seconds, default
 * 3600).
 */
public final class UsernameReminderResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-account";
    private static final Logger LOG = Logger.getLogger(UsernameReminderResourceFactory.class);

    private UsernameReminderLimits limits = new UsernameReminderLimits(10, 3, 3600);

    @Override
    public void init(Config.Scope config) {
        limits = new UsernameReminderLimits(bounded(config, "perIp", 10, 1, 100_000),
                bounded(config, "perAddress", 3, 1, 1000), bounded(config, "window", 3600, 60, 7 * 24 * 3600));
    }

    private static int bounded(Config.Scope config, String key, int fallback, int min, int max) {
        Integer value;
        try {
            value = config.getInt(key, fallback);
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value < min || value > max) {
            LOG.warnf("tweestap-account option %s must be between %d and %d; using %d", key, min, max, fallback);
            return fallback;
        }
        return value;
    }

    @Override
    public Object resource(KeycloakSession session) {
        return new UsernameReminderResource(session, limits);
    }

    @Override
    public String getId() {
        return ID;
    }
}
