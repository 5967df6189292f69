package io.github.tweestap.companion.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {

    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    private static Properties load(String language) throws IOException {
        String resource = "/" + Messages.BUNDLE.replace('.', '/') + "_" + language + ".properties";
        try (InputStream in = MessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }

    @Test
    void dutchAndEnglishHaveTheSameKeys() throws IOException {
        Properties nl = load("nl");
        Properties en = load("en");
        assertThat(nl.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
    }

    @Test
    void everyTextIsAValidMessageFormatWithoutLoneQuotes() throws IOException {
        for (String language : Messages.LANGUAGES) {
            Properties texts = load(language);
            for (String key : texts.stringPropertyNames()) {
                String pattern = texts.getProperty(key);
                assertThat(LONE_QUOTE.matcher(pattern).find()).as(language + " " + key).isFalse();
                String formatted = new MessageFormat(pattern, Locale.forLanguageTag(language))
                        .format(new Object[] {3, 4, "x"});
                assertThat(formatted).as(language + " " + key).isNotBlank();
            }
        }
    }

    @Test
    void bundlesLoadPerLanguage() {
        assertThat(Messages.of("nl").get("challenge.askLogin")).isEqualTo("Logt u in? (Ja/Nee)");
        assertThat(Messages.of("nl").get("challenge.askNumber")).isEqualTo("Welk getal ziet u op het inlogscherm?");
        assertThat(Messages.of("en").get("challenge.askLogin")).isEqualTo("Are you logging in? (Yes/No)");
        assertThat(Messages.of("nl").get("profile.passwordDays", 12)).isEqualTo("Wachtwoord nog 12 dagen geldig");
        assertThat(Messages.of("nl").get("profile.passwordDays", 1)).isEqualTo("Wachtwoord nog 1 dag geldig");
        assertThat(Messages.of("en").get("profile.passwordDays", 12)).isEqualTo("Password valid for 12 more days");
        assertThat(Messages.of("en").get("error.invalid_signature")).contains("device's");
    }
}
