package io.github.tweestap.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pack's themes are complete: every messages folder speaks Dutch and English with the same keys; every key a
 * template uses (our theme templates, and the authenticator SPI's templates as each of our themes serves them) is
 * defined by the theme, one of its parents (ours or Keycloak's) or the SPI's texts; a portal theme overrides only
 * keys that exist (a typo would silently show the parent's text); every theme is declared with its parent and
 * Dutch first.
 */
class ThemeCompletenessTest {

    static final Path THEMES = Path.of("src/main/resources/theme");
    static final Path SPI = Path.of("../authenticator-spi/src/main/resources/theme-resources");
    static final Pattern KEY = Pattern.compile("(?:msg|advancedMsg)\\(\\s*\"([A-Za-z0-9_.\\-]+)\"\\s*[,)]");

    @Test
    void everyMessagesFolderHasDutchAndEnglishWithTheSameKeys() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> walk = Stream.concat(Files.walk(THEMES), Files.walk(SPI))) {
            walk.filter(p -> p.getFileName().toString().equals("messages")).forEach(dirs::add);
        }
        assertThat(dirs).hasSizeGreaterThan(2);
        for (Path dir : dirs) {
            Properties nl = load(dir.resolve("messages_nl.properties"));
            Properties en = load(dir.resolve("messages_en.properties"));
            assertThat(nl.stringPropertyNames()).as(dir + ": keys in nl but not in en, or the reverse")
                    .isEqualTo(en.stringPropertyNames());
            for (String key : nl.stringPropertyNames()) {
                assertThat(nl.getProperty(key)).as(dir + " nl " + key).isNotBlank();
                assertThat(en.getProperty(key)).as(dir + " en " + key).isNotBlank();
            }
        }
    }

    @Test
    void everyKeyATemplateUsesIsDefinedForEveryThemeThatServesIt() throws IOException {
        int checked = 0;
        for (String theme : ourThemes()) {
            for (String type : List.of("login", "email")) {
                if (!Files.isDirectory(THEMES.resolve(theme).resolve(type))) {
                    continue;
                }
                Set<String> defined = definedKeys(theme, type);
                List<Path> templates = new ArrayList<>();
                for (String t : chain(theme, type)) {
                    if (Files.isDirectory(THEMES.resolve(t).resolve(type))) {
                        templates.addAll(templatesOf(t, type));
                    }
                }
                // The SPI's templates are served by every theme of the pack: login pages, and html/text e-mails.
                templates.addAll(spiTemplates(type));
                for (Path template : templates) {
                    for (String key : usedKeys(template)) {
                        assertThat(defined.contains(key))
                                .as("theme %s (%s): key '%s' used by %s is defined nowhere", theme, type, key, template)
                                .isTrue();
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("keys checked").isGreaterThan(100);
    }

    @Test
    void portalThemesOverrideOnlyKeysThatExist() throws IOException {
        for (String theme : ourThemes()) {
            if (theme.equals("tweestap")) {
                continue;
            }
            for (String type : List.of("login", "email")) {
                Path own = THEMES.resolve(theme).resolve(type).resolve("messages/messages_en.properties");
                if (!Files.exists(own)) {
                    continue;
                }
                List<String> chain = chain(theme, type);
                Set<String> inherited = new TreeSet<>(spiKeys());
                for (String parent : chain.subList(1, chain.size())) {
                    inherited.addAll(messagesOf(parent, type));
                }
                Set<String> usedByOwnTemplates = new TreeSet<>();
                for (Path template : templatesOf(theme, type)) {
                    usedByOwnTemplates.addAll(usedKeys(template));
                }
                for (String key : load(own).stringPropertyNames()) {
                    assertThat(inherited.contains(key) || usedByOwnTemplates.contains(key))
                            .as("%s (%s) defines '%s', which no parent defines and no template of its own uses"
                                    + " (a typo?)", theme, type, key)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void everyThemeIsDeclaredExtendsItsParentAndSpeaksDutchFirst() throws IOException {
        String manifest = Files.readString(Path.of("src/main/resources/META-INF/keycloak-themes.json"));
        assertThat(ourThemes()).contains("tweestap", "tweestap-je", "storingen-stations", "werkplek", "nse-portal", "verzuimcoach",
                "werknemerloket");
        for (String theme : ourThemes()) {
            for (String type : List.of("login", "email")) {
                Path dir = THEMES.resolve(theme).resolve(type);
                assertThat(Files.isDirectory(dir)).as(dir.toString()).isTrue();
                Properties props = load(dir.resolve("theme.properties"));
                // Portal themes extend tweestap-je (the informal voice), which extends tweestap.
                String expectedParent = theme.equals("tweestap") ? (type.equals("login") ? "keycloak.v2" : "keycloak")
                        : theme.equals("tweestap-je") ? "tweestap" : "tweestap-je";
                assertThat(props.getProperty("parent")).as(dir.toString()).isEqualTo(expectedParent);
                assertThat(props.getProperty("locales")).as(dir.toString()).startsWith("nl").contains("en");
                if (type.equals("login")) {
                    for (String style : props.getProperty("styles", "").split("\\s+")) {
                        boolean found = style.equals("css/styles.css") // keycloak.v2's own
                                || Files.exists(dir.resolve("resources").resolve(style))
                                || Files.exists(THEMES.resolve("tweestap/login/resources").resolve(style));
                        assertThat(found).as(theme + " style " + style).isTrue();
                    }
                    // A child's "scripts" replaces its parent's: it must keep the shared accessibility repair.
                    List<String> scripts = List.of(scriptsOf(theme).split("\\s+"));
                    assertThat(scripts).as(theme + " scripts").contains("js/tweestap-a11y.js");
                    for (String script : scripts) {
                        boolean found = Files.exists(dir.resolve("resources").resolve(script))
                                || Files.exists(THEMES.resolve("tweestap/login/resources").resolve(script));
                        assertThat(found).as(theme + " script " + script).isTrue();
                    }
                }
            }
            Matcher declared = Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(theme)
                    + "\"\\s*,\\s*\"types\"\\s*:\\s*\\[\\s*\"login\"\\s*,\\s*\"email\"\\s*[],]").matcher(manifest);
            assertThat(declared.find()).as(theme + " declared with login and email in keycloak-themes.json").isTrue();
        }
    }

    @Test
    void theCheckFindsAnUndefinedKey() throws IOException {
        Path bad = Files.createTempFile("tweestap-", ".ftl");
        Files.writeString(bad, "<p>${msg(\"tweestapNoSuchKey\")}</p> ${kcSanitize(msg(\"doLogIn\"))}");
        assertThat(usedKeys(bad)).containsExactlyInAnyOrder("tweestapNoSuchKey", "doLogIn");
        assertThat(definedKeys("werkplek", "login")).contains("doLogIn").doesNotContain("tweestapNoSuchKey");
        assertThat(definedKeys("verzuimcoach", "email")).contains("executeActionsSubject", "tweestapInviteLinkText");
    }

    // ---- theme model ----------------------------------------------------------------------------------------

    static List<String> ourThemes() throws IOException {
        try (Stream<Path> dirs = Files.list(THEMES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The theme and its parents, nearest first, ending with Keycloak's base theme. */
    static List<String> chain(String theme, String type) throws IOException {
        List<String> chain = new ArrayList<>();
        String current = theme;
        while (current != null && !chain.contains(current)) {
            chain.add(current);
            Properties props = themeProperties(current, type);
            current = props == null ? null : props.getProperty("parent");
        }
        return chain;
    }

    /** The scripts a login theme loads: its own "scripts" or, when it sets none, its nearest parent's. */
    static String scriptsOf(String theme) throws IOException {
        for (String t : chain(theme, "login")) {
            Properties props = themeProperties(t, "login");
            if (props != null && props.getProperty("scripts") != null) {
                return props.getProperty("scripts");
            }
        }
        return "";
    }

    static Properties themeProperties(String theme, String type) throws IOException {
        Path own = THEMES.resolve(theme).resolve(type).resolve("theme.properties");
        if (Files.exists(own)) {
            return load(own);
        }
        try (InputStream in = resource("theme/" + theme + "/" + type + "/theme.properties")) {
            return in == null ? null : load(in);
        }
    }

    static Set<String> definedKeys(String theme, String type) throws IOException {
        Set<String> keys = new TreeSet<>(spiKeys());
        for (String t : chain(theme, type)) {
            keys.addAll(messagesOf(t, type));
        }
        return keys;
    }

    static Set<String> messagesOf(String theme, String type) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String lang : List.of("en", "nl")) {
            Path own = THEMES.resolve(theme).resolve(type).resolve("messages/messages_" + lang + ".properties");
            if (Files.exists(own)) {
                keys.addAll(load(own).stringPropertyNames());
                continue;
            }
            try (InputStream in = resource("theme/" + theme + "/" + type + "/messages/messages_" + lang + ".properties")) {
                if (in != null) {
                    keys.addAll(load(in).stringPropertyNames());
                }
            }
        }
        return keys;
    }

    static Set<String> spiKeys() throws IOException {
        return load(SPI.resolve("messages/messages_en.properties")).stringPropertyNames();
    }

    static List<Path> templatesOf(String theme, String type) throws IOException {
        Path dir = THEMES.resolve(theme).resolve(type);
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
        }
    }

    static List<Path> spiTemplates(String type) throws IOException {
        try (Stream<Path> walk = Files.walk(SPI.resolve("templates"))) {
            return walk.filter(p -> p.toString().endsWith(".ftl"))
                    .filter(p -> {
                        String parent = p.getParent().getFileName().toString();
                        boolean mail = parent.equals("html") || parent.equals("text");
                        return type.equals("email") == mail;
                    }).sorted().toList();
        }
    }

    static Set<String> usedKeys(Path template) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = KEY.matcher(Files.readString(template, StandardCharsets.UTF_8));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    static InputStream resource(String name) {
        return ThemeCompletenessTest.class.getClassLoader().getResourceAsStream(name);
    }

    static Properties load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        }
    }

    static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
