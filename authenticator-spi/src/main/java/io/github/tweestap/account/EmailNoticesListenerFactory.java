package io.github.tweestap.account;

import io.github.tweestap.support.IntSetting;
import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Event listener {@code tweestap-email-notices}: the pack's replacement of Keycloak's {@code email} listener in a
 * realm's event listeners. It mails the user one notice per credential change ("two-step verification switched
 * on/off", "sign-in details changed", "a sign-in method removed"; templates {@code event-update_credential.ftl} and
 * {@code event-remove_credential.ftl} of the realm's e-mail theme), each kind at most once per user per
 * {@code window} seconds (server option {@code --spi-events-listener--tweestap-email-notices--window}, default 60),
 * and nothing about failed logins (see {@link LoginFailureEmailListenerFactory}).
 */
public final class EmailNoticesListenerFactory implements EventListenerProviderFactory, SimpleFactory<EventListenerProvider> {

    public static final String ID = "tweestap-email-notices";
    static final IntSetting WINDOW = new IntSetting("window", "Window (seconds)",
            "At most one notice of a kind (switched on, switched off, ...) per user within this many seconds; 0: no limit.",
            60, 0, 86_400);

    private int window = WINDOW.defaultValue();

    @Override
    public void init(Config.Scope config) {
        window = WINDOW.read(config, ID);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.eventListener();
        }
        return new EmailNoticeListener(session, EmailNotice::credentialNotice, window);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of(WINDOW.toProperty());
    }

    @Override
    public String getId() {
        return ID;
    }
}
