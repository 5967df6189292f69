package io.github.tweestap.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each theme speaks Dutch and English with the same keys, and declares its parent and locales. */
class ThemeMessagesTest {

    private static final Path THEMES = Path.of("src/main/resources/theme");

    @Test
    void everyThemeHasDutchAndEnglishWithTheSameKeys() throws IOException {
        List<Path> messageDirs;
        try (Stream<Path> walk = Files.walk(THEMES)) {
            messageDirs = walk.filter(p -> p.getFileName().toString().equals("messages")).toList();
        }
        assertThat(messageDirs).isNotEmpty();
        for (Path dir : messageDirs) {
            Properties nl = load(dir.resolve("messages_nl.properties"));
            Properties en = load(dir.resolve("messages_en.properties"));
            assertThat(nl.stringPropertyNames()).as(dir.toString()).isNotEmpty().isEqualTo(en.stringPropertyNames());
        }
    }

    @Test
    void portalThemesExtendTheParentThemeAndOfferDutchFirst() throws IOException {
        Properties parent = load(THEMES.resolve("tweestap/login/theme.properties"));
        assertThat(parent.getProperty("parent")).isEqualTo("keycloak.v2");
        Properties werkplek = load(THEMES.resolve("werkplek/login/theme.properties"));
        assertThat(werkplek.getProperty("parent")).isEqualTo("tweestap");
        assertThat(werkplek.getProperty("locales")).startsWith("nl");
        for (String style : werkplek.getProperty("styles").split(" ")) {
            boolean found = Files.exists(THEMES.resolve("werkplek/login/resources/" + style))
                    || Files.exists(THEMES.resolve("tweestap/login/resources/" + style))
                    || style.equals("css/styles.css"); // keycloak.v2's own
            assertThat(found).as(style).isTrue();
        }
        String manifest = Files.readString(Path.of("src/main/resources/META-INF/keycloak-themes.json"));
        assertThat(manifest).contains("\"tweestap\"").contains("\"werkplek\"");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
