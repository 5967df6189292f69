package io.github.tweestap.account;

import io.github.tweestap.support.SimpleFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves {@link UsernameReminderResource} at {@code /realms/<realm>/tweestap-account}. Server options
 * ({@code --spi-realm-restapi-extension--tweestap-account--<name>}): {@code per-ip} (requests per client address
 * per window, default 10), {@code per-address} (per e-mail address, default 3), {@code window} (seconds, default
 * 3600).
 */
public final class UsernameReminderResourceFactory implements RealmResourceProviderFactory, SimpleFactory<RealmResourceProvider> {

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
    public RealmResourceProvider create(KeycloakSession session) {
        UsernameReminderLimits current = limits;
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new UsernameReminderResource(session, current);
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
