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
 * Event listener {@code tweestap-login-failure-email}, for a realm that wants its users warned about failed logins:
 * after a wrong password or code (or an attempt while locked out) the user gets one warning
 * ({@code tweestap-login-failure.ftl}, the realm's e-mail theme), and no other for {@code window} seconds
 * ({@code --spi-events-listener--tweestap-login-failure-email--window}, default 3600) however many attempts follow.
 */
public final class LoginFailureEmailListenerFactory implements EventListenerProviderFactory,
        SimpleFactory<EventListenerProvider> {

    public static final String ID = "tweestap-login-failure-email";
    static final IntSetting WINDOW = new IntSetting("window", "Window (seconds)",
            "At most one warning about failed logins per user within this many seconds.", 3600, 60, 7 * 86_400);

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
        return new EmailNoticeListener(session, EmailNotice::loginFailure, window);
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
