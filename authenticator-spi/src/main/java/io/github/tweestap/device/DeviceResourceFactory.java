package io.github.tweestap.device;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.RealmResourceFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * Serves the device API at {@code /realms/<realm>/tweestap-device} and owns the node's waiter registry. In
 * {@code postInit} it registers the one cluster listener that wakes waiters. Server option:
 * {@code --spi-realm-restapi-extension--tweestap-device--max-waiters} (long-polls per node, default 500; beyond it
 * requests get 429 with Retry-After).
 */
public final class DeviceResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-device";
    private static final Logger LOG = Logger.getLogger(DeviceResourceFactory.class);

    private DeviceRuntime runtime = new DeviceRuntime(500);

    @Override
    public void init(Config.Scope config) {
        int max;
        try {
            max = config.getInt("maxWaiters", 500);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > 100_000) {
            LOG.warnf("tweestap-device max-waiters must be between 1 and 100000; using 500");
            max = 500;
        }
        runtime = new DeviceRuntime(max);
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return org.keycloak.provider.ProviderConfigurationBuilder.create()
                .property().name("maxWaiters").type(org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(500).helpText("How many login pages and phones may wait (long-poll) at once on this "
                        + "node, 1-100000; above it they get 429 with Retry-After and fall back to polling.").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // The pack's one check of the Keycloak version at startup (any single factory would do; this one is always
        // there). On an unsupported version nothing else of the pack starts.
        KeycloakVersion.logAtStartup();
        if (!KeycloakVersion.supported()) {
            return;
        }
        DeviceRuntime current = runtime;
        // Not here but once Keycloak has started: the cluster provider may need the database (jdbc-ping), whose
        // factory another postInit sets up, in no fixed order (a node once failed to start: "emf" was null).
        factory.register(started -> {
            if (started instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                        .registerListener(WakeEvent.NAME, event -> {
                            if (event instanceof WakeEvent wake) {
                                current.waiters().wake(wake.key());
                            }
                        }));
            }
        });
    }

    /** The node's runtime, for the push step (same class loader, same node). */
    DeviceRuntime runtime() {
        return runtime;
    }

    @Override
    public Object resource(KeycloakSession session) {
        return new DeviceResource(session, runtime);
    }

    @Override
    public String getId() {
        return ID;
    }
}
