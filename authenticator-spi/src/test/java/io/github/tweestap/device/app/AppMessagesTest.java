package io.github.tweestap.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every text the app shows is a message key of the pack's default texts, in Dutch and English, and every key is used. */
class AppMessagesTest {

    static final Pattern KEY = Pattern.compile("\"(tweestapApp[A-Za-z0-9]+)\"");
    static final String[] SOURCES = {"index.html", "js/app.js", "js/i18n.js", "js/scan.js", "js/push.js", "js/api.js"};

    @Test
    void everyKeyTheAppUsesIsDefinedInBothLanguagesAndNoneIsLeftOver() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String source : SOURCES) {
            Matcher m = KEY.matcher(new String(AppFiles.read(source), StandardCharsets.UTF_8));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        used.add("tweestapAppName"); // the server's: manifest and config.json
        used.add("tweestapAppShortName");
        assertThat(used).hasSizeGreaterThan(60);
        Set<String> nl = appKeys("messages_nl.properties");
        Set<String> en = appKeys("messages_en.properties");
        assertThat(nl).as("keys the app uses").containsAll(used);
        assertThat(nl).as("keys nobody uses").isSubsetOf(used);
        assertThat(en).isEqualTo(nl);
        assertThat(AppResource.isAppKey("tweestapApply")).isFalse();
    }

    static Set<String> appKeys(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = AppMessagesTest.class.getClassLoader().getResourceAsStream("theme-resources/messages/" + file)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> keys = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (AppResource.isAppKey(key)) {
                keys.add(key);
            }
        }
        return keys;
    }
}
