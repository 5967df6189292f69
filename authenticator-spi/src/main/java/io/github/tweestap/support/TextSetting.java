package io.github.tweestap.support;

import java.util.Map;
import java.util.function.Predicate;
import org.keycloak.provider.ProviderConfigProperty;

/** A text setting with a default and a validity check; an invalid value yields the default, like {@link IntSetting}. */
public record TextSetting(String key, String label, String helpText, String defaultValue, Predicate<String> valid) {

    public String read(Map<String, String> config) {
        String raw = config == null ? null : config.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        String value = raw.trim();
        return valid.test(value) ? value : defaultValue;
    }

    public String problem(Map<String, String> config) {
        String raw = config == null ? null : config.get(key);
        if (raw == null || raw.isBlank() || valid.test(raw.trim())) {
            return null;
        }
        return key + " has an invalid value; using '" + defaultValue + "'";
    }

    public ProviderConfigProperty toProperty() {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(key);
        property.setLabel(label);
        property.setType(ProviderConfigProperty.STRING_TYPE);
        property.setDefaultValue(defaultValue);
        property.setHelpText(helpText + (defaultValue.isEmpty() ? "" : " Default: " + defaultValue + "."));
        return property;
    }
}
