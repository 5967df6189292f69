package io.github.tweestap.account;

import io.github.tweestap.support.IntSetting;
import io.github.tweestap.support.RealmResourceFactory;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Serves {@link UsernameReminderResource} at {@code /realms/<realm>/tweestap-account}. Server options
 * ({@code --spi-realm-restapi-extension--tweestap-account--<name>}) per {@code window} seconds (default 3600):
 * {@code per-ip} (requests per client address, /64 for IPv6; default 10), {@code per-address-and-ip} (per e-mail
 * address from one client address; default 3) and {@code per-address} (per e-mail address from all client addresses
 * together; default 10). A stranger who uses up one address's share does not stop the owner's own request.
 */
public final class UsernameReminderResourceFactory implements RealmResourceFactory {

    public static final String ID = "tweestap-account";
    static final IntSetting PER_IP = new IntSetting("perIp", "Requests per client address",
            "Username reminders asked from one client address (IPv6: per /64) per window.", 10, 1, 100_000);
    static final IntSetting PER_ADDRESS_AND_IP = new IntSetting("perAddressAndIp", "Requests per e-mail and client address",
            "Username reminders for one e-mail address from one client address per window.", 3, 1, 1000);
    static final IntSetting PER_ADDRESS = new IntSetting("perAddress", "Requests per e-mail address",
            "Username reminders for one e-mail address from all client addresses together per window.", 10, 1, 1000);
    static final IntSetting WINDOW = new IntSetting("window", "Window (seconds)", "The time window of these limits.",
            3600, 60, 7 * 24 * 3600);

    private UsernameReminderLimits limits = new UsernameReminderLimits(PER_IP.defaultValue(),
            PER_ADDRESS_AND_IP.defaultValue(), PER_ADDRESS.defaultValue(), WINDOW.defaultValue());

    @Override
    public void init(Config.Scope config) {
        limits = new UsernameReminderLimits(PER_IP.read(config, ID), PER_ADDRESS_AND_IP.read(config, ID),
                PER_ADDRESS.read(config, ID), WINDOW.read(config, ID));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of(PER_IP.toProperty(), PER_ADDRESS_AND_IP.toProperty(), PER_ADDRESS.toProperty(), WINDOW.toProperty());
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
