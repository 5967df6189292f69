package io.github.tweestap.devoutbox;

import java.nio.file.Path;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;

/**
 * The switch shared by the dev outbox's providers. Each of them is inert unless its {@code capture} option is true,
 * and each refuses to start (failing the server's start) when enabled outside {@code kc.sh start-dev}: the outbox
 * shows codes and links to anyone who opens it and must never run in production.
 */
public final class DevOutbox {

    /** Not "enabled": Keycloak reserves that option name for switching a provider on or off at build time. */
    public static final String ENABLED = "capture";
    public static final String DIR = "dir";

    private DevOutbox() {
    }

    /** The options every dev-outbox provider reads (declared once for the configuration reference). */
    public static java.util.List<org.keycloak.provider.ProviderConfigProperty> options() {
        return org.keycloak.provider.ProviderConfigurationBuilder.create()
                .property().name(ENABLED).type(org.keycloak.provider.ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(false).helpText("Capture SMS, e-mail and pushes in the dev outbox instead of sending "
                        + "them. For 'kc.sh start-dev' only: the server refuses to start with it in production mode.")
                .add()
                .property().name(DIR).type(org.keycloak.provider.ProviderConfigProperty.STRING_TYPE)
                .helpText("Directory of the outbox (default: data/tweestap-outbox under Keycloak's home).").add()
                .build();
    }

    /** Reads the provider's options; returns the store when enabled, null when inert. */
    public static OutboxStore configure(Config.Scope config, String option) {
        boolean enabled = config.getBoolean(ENABLED, false);
        if (!enabled) {
            return null;
        }
        if (!Environment.isDevMode()) {
            throw new IllegalStateException("The Tweestap dev outbox (" + option + ") is enabled, but Keycloak runs in"
                    + " production mode. The dev outbox exposes one-time codes and is for 'kc.sh start-dev' only:"
                    + " remove its 'capture' option and configure a real SMS gateway and SMTP server.");
        }
        String dir = config.get(DIR);
        if (dir == null || dir.isBlank()) {
            String home = System.getProperty("kc.home.dir", ".");
            dir = Path.of(home, "data", "tweestap-outbox").toString();
        }
        return new OutboxStore(Path.of(dir));
    }
}
