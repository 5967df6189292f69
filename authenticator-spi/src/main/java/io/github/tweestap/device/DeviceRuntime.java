package io.github.tweestap.device;

import io.github.tweestap.support.KeycloakCompat;
import io.github.tweestap.support.SecureCodes;
import java.security.SecureRandom;
import java.util.Set;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * What the device API and the push step share on one node: the CSPRNG, the waiter registry and the way to wake
 * waiters anywhere in the cluster. Owned by {@link DeviceResourceFactory}.
 */
public final class DeviceRuntime {

    private final SecureRandom random = new SecureRandom();
    private final SecureCodes codes = new SecureCodes(random);
    private final Waiters waiters;

    /** The runtime of this node (owned by the device API's factory). */
    public static DeviceRuntime of(KeycloakSession session) {
        DeviceResourceFactory factory = (DeviceResourceFactory) session.getKeycloakSessionFactory().getProviderFactory(
                org.keycloak.services.resource.RealmResourceProvider.class, DeviceResourceFactory.ID);
        return factory.runtime();
    }

    DeviceRuntime(int maxWaiters) {
        this.waiters = new Waiters(maxWaiters);
    }

    SecureRandom random() {
        return random;
    }

    SecureCodes codes() {
        return codes;
    }

    Waiters waiters() {
        return waiters;
    }

    /** Once this session's changes are committed, wakes the waiters of {@code key} on every node (this one too). */
    void wakeAfterCommit(KeycloakSession session, String key) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.getProvider(ClusterProvider.class).notify(WakeEvent.NAME, new WakeEvent(key), false);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    BruteForce bruteForce() {
        return BruteForce.INSTANCE;
    }

    /** Counts a failure outside a login flow (wrong number, wrong binding code) for the realm's brute-force detector. */
    enum BruteForce {
        INSTANCE;

        void failed(KeycloakSession session, RealmModel realm, UserModel user) {
            if (!realm.isBruteForceProtected()) {
                return;
            }
            KeycloakCompat.failedLogin(session.getProvider(BruteForceProtector.class), realm, user,
                    session.getContext().getConnection(), session.getContext().getUri(), Set.of(OTPCredentialModel.TYPE));
        }
    }
}
