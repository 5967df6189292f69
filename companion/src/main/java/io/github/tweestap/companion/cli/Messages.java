package io.github.tweestap.companion.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/** The CLI's texts, Dutch ({@code nl}, the default) or English ({@code en}), from {@code messages_*.properties}. */
final class Messages {

    static final String BUNDLE = "io.github.tweestap.companion.cli.messages";
    static final Set<String> LANGUAGES = Set.of("nl", "en");

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** @throws IllegalArgumentException for a language other than nl and en */
    static Messages of(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(language);
        }
        Locale locale = Locale.forLanguageTag(language);
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(bundle, locale);
    }

    Locale locale() {
        return locale;
    }

    boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The text for {@code key}, {@link MessageFormat} applied with {@code args}. */
    String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}
