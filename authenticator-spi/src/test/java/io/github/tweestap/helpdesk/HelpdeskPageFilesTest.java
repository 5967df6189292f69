package io.github.tweestap.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The helpdesk page's files: every text they show is a message key defined in Dutch and English; no inline code. */
class HelpdeskPageFilesTest {

    private static final Path PAGE = Path.of("src/main/resources/tweestap-helpdesk");
    private static final Path MESSAGES = Path.of("src/main/resources/theme-resources/messages");

    @Test
    void everyKeyThePageUsesIsDefinedInDutchAndEnglish() throws IOException {
        String html = Files.readString(PAGE.resolve("index.html"), StandardCharsets.UTF_8);
        String js = Files.readString(PAGE.resolve("helpdesk.js"), StandardCharsets.UTF_8);
        Set<String> used = new TreeSet<>();
        Matcher dataMsg = Pattern.compile("data-msg=\"(tweestapHelpdesk[A-Za-z]+)\"").matcher(html);
        while (dataMsg.find()) {
            used.add(dataMsg.group(1));
        }
        Matcher literal = Pattern.compile("'(tweestapHelpdesk[A-Z][A-Za-z]+)'(?!\\s*\\+)").matcher(js);
        while (literal.find()) {
            used.add(literal.group(1));
        }
        // Keys composed from an action: 'tweestapHelpdeskAction' + ACTION_KEYS[...], likewise Confirm and Done.
        String table = js.substring(js.indexOf("const ACTION_KEYS = {"), js.indexOf("};", js.indexOf("const ACTION_KEYS = {")));
        Matcher action = Pattern.compile(": '([A-Z][A-Za-z]+)'").matcher(table);
        int actions = 0;
        while (action.find()) {
            actions++;
            for (String prefix : new String[] {"tweestapHelpdeskAction", "tweestapHelpdeskConfirm", "tweestapHelpdeskDone"}) {
                used.add(prefix + action.group(1));
            }
        }
        assertThat(actions).isGreaterThanOrEqualTo(8);
        assertThat(used).hasSizeGreaterThan(40);
        Properties nl = load(MESSAGES.resolve("messages_nl.properties"));
        Properties en = load(MESSAGES.resolve("messages_en.properties"));
        assertThat(nl.stringPropertyNames()).containsAll(used);
        assertThat(en.stringPropertyNames()).containsAll(used);
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (java.io.Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndLoadsNothingFromElsewhere() throws IOException {
        String html = Files.readString(PAGE.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("style=", "onclick", "<script>", "http://", "https://", "//cdn");
        assertThat(HelpdeskPageResource.CSP).contains("script-src 'self'", "frame-ancestors 'none'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }
}
