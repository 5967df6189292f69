package io.github.tweestap.account;

import io.github.tweestap.support.IntSetting;
import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import java.util.function.Function;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What the pack's e-mail listeners share: one {@link EmailNoticeListener} per session, mailing the kinds of notice
 * {@code kindOf} picks from the events, each kind at most once per user per window; the window is the listener's one
 * server option ({@code --spi-events-listener--<id>--window}). Each listener has its own id, window and kinds.
 */
abstract class WindowedEmailListenerFactory implements EventListenerProviderFactory,
        SimpleFactory<EventListenerProvider> {

    private final String id;
    private final IntSetting windowSetting;
    private final Function<Event, String> kindOf;
    private int window;

    WindowedEmailListenerFactory(String id, IntSetting windowSetting, Function<Event, String> kindOf) {
        this.id = id;
        this.windowSetting = windowSetting;
        this.kindOf = kindOf;
        this.window = windowSetting.defaultValue();
    }

    @Override
    public void init(Config.Scope config) {
        window = windowSetting.read(config, id);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.eventListener();
        }
        return new EmailNoticeListener(session, kindOf, window);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of(windowSetting.toProperty());
    }

    @Override
    public String getId() {
        return id;
    }
}
