package io.github.tweestap.device.push;

import java.util.Map;
import java.util.Set;
import org.keycloak.Config;

/** Provider options as Keycloak hands them to a factory's init. */
final class OptionsScope extends Config.AbstractScope {

    private final Map<String, String> values;

    OptionsScope(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public Config.Scope scope(String... scope) {
        return new OptionsScope(Map.of());
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Config.Scope root() {
        return this;
    }
}
