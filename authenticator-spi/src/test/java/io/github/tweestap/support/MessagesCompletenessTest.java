package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every default text exists in Dutch and English, and every key a template uses is defined. Quoted
 * {@code tweestap…} strings in the code count as message keys, except attribute names, a key prefix
 * ({@code …PREFIX = }) and theme properties ({@code themeProperties, "…"}: the web app's colours).
 */
class MessagesCompletenessTest {

    private static final Path RESOURCES = Path.of("src/main/resources/theme-resources");
    private static final Pattern MSG = Pattern.compile("msg\\(\"(tweestap[A-Za-z0-9]+)\"|label=\"(tweestap[A-Za-z0-9]+)\"");

    @Test
    void dutchAndEnglishHaveTheSameKeys() throws IOException {
        Properties nl = load(RESOURCES.resolve("messages/messages_nl.properties"));
        Properties en = load(RESOURCES.resolve("messages/messages_en.properties"));
        assertThat(nl.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
    }

    @Test
    void everyKeyUsedByATemplateOrTheCodeIsDefined() throws IOException {
        Properties nl = load(RESOURCES.resolve("messages/messages_nl.properties"));
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(RESOURCES.resolve("templates")),
                Files.walk(Path.of("src/main/java")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = MSG.matcher(text);
                while (m.find()) {
                    used.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
                Matcher quoted = Pattern.compile("(?<!setAttribute\\(|ATTRIBUTE = |attributes\\.put\\(|Map\\.of\\(|PREFIX = |themeProperties, )\"(tweestap[A-Z][A-Za-z0-9]+)\"").matcher(text);
                while (quoted.find()) {
                    used.add(quoted.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(nl.stringPropertyNames()).containsAll(used);
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file);
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
