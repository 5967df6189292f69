package io.github.tweestap.recovery;

import io.github.tweestap.support.IntSetting;
import io.github.tweestap.support.RealmResourceFactory;
import io.github.tweestap.support.SecureCodes;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Serves {@link RecoveryResource} at {@code /realms/<realm>/tweestap-recovery}. Server options
 * ({@code --spi-realm-restapi-extension--tweestap-recovery--<name>}) limit how often the first step (username and
 * mobile number) may be asked per {@code window} seconds (default 3600): {@code per-ip} (per client address, /64 for
 * IPv6; default 10), {@code per-user-and-ip} (per username from one client address; default 5) and {@code per-user}
 * (per username from all addresses together; default 20). A stranger who uses up one address's share for a
 * username does not lock its owner out; denying the owner takes {@code per-user / per-user-and-ip} addresses.
 */
public final class RecoveryResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-recovery";
    static final IntSetting PER_IP = new IntSetting("perIp", "Requests per client address",
            "Renewal requests per client address (IPv6: per /64) per window.", 10, 1, 100_000);
    static final IntSetting PER_USER_AND_IP = new IntSetting("perUserAndIp", "Requests per username and address",
            "Renewal requests for one username from one client address per window.", 5, 1, 1000);
    static final IntSetting PER_USER = new IntSetting("perUser", "Requests per username",
            "Renewal requests for one username from all addresses together per window.", 20, 1, 10_000);
    static final IntSetting WINDOW = new IntSetting("window", "Window (seconds)",
            "The time window of these limits.", 3600, 60, 7 * 24 * 3600);

    private final SecureCodes codes = SecureCodes.create();
    private RecoveryLimits limits = new RecoveryLimits(PER_IP.defaultValue(), PER_USER_AND_IP.defaultValue(),
            PER_USER.defaultValue(), WINDOW.defaultValue());

    @Override
    public void init(Config.Scope config) {
        limits = new RecoveryLimits(PER_IP.read(config, ID), PER_USER_AND_IP.read(config, ID), PER_USER.read(config, ID),
                WINDOW.read(config, ID));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of(PER_IP.toProperty(), PER_USER_AND_IP.toProperty(), PER_USER.toProperty(), WINDOW.toProperty());
    }

    @Override
    public Object resource(KeycloakSession session) {
        return new RecoveryResource(session, codes, limits);
    }

    @Override
    public String getId() {
        return ID;
    }
}
