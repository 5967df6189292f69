package io.github.tweestap.support;

import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * One whole-number setting of a configurable provider: its key, safe default and allowed range. Reading never
 * fails: a missing, non-numeric or out-of-range value yields the default (Keycloak 26.7 offers no validation hook
 * for authenticator configs, so a bad value must not break logins), and {@link #problem} says what is wrong.
 */
public record IntSetting(String key, String label, String helpText, int defaultValue, int min, int max) {

    public IntSetting {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("default of " + key + " outside its range");
        }
    }

    /**
     * Reads the setting from a provider's server options ({@code --spi-<spi>--<provider>--<key>}); a bad value is
     * logged (naming {@code provider}) and yields the default.
     */
    public int read(Config.Scope scope, String provider) {
        String raw = scope == null ? null : scope.get(key);
        Map<String, String> config = raw == null ? Map.of() : Map.of(key, raw);
        String problem = problem(config);
        if (problem != null) {
            Logger.getLogger(IntSetting.class).warnf("%s: %s", provider, problem);
        }
        return read(config);
    }

    public int read(Map<String, String> config) {
        String raw = config == null ? null : config.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            return value < min || value > max ? defaultValue : value;
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** A description of what is wrong with the configured value, or null when it is absent or valid. */
    public String problem(Map<String, String> config) {
        String raw = config == null ? null : config.get(key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                return key + " must be between " + min + " and " + max + " (got " + value + "); using " + defaultValue;
            }
            return null;
        } catch (NumberFormatException e) {
            return key + " must be a whole number; using " + defaultValue;
        }
    }

    public ProviderConfigProperty toProperty() {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(key);
        property.setLabel(label);
        property.setType(ProviderConfigProperty.STRING_TYPE);
        property.setDefaultValue(Integer.toString(defaultValue));
        property.setHelpText(helpText + " Allowed: " + min + " to " + max + ". Default: " + defaultValue + ".");
        return property;
    }
}
