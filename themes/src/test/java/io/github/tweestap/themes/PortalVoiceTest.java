package io.github.tweestap.themes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: every portal speaks with one voice on every page and in every e-mail it can show. For each portal, in
 * Dutch, the texts its pages and e-mails are made of are resolved the way Keycloak resolves them (the pack's
 * defaults, Keycloak's base and keycloak.v2 texts, tweestap, tweestap-je, the portal theme, then the realm's own
 * localization texts), and every one is checked: no "u/uw" in a "je" portal, no "je/jouw/jij" in a "u" theme. Only
 * the phrases a seed itself quotes are allowed ("Logt u in?"). Template text outside message keys is checked too.
 * This covers every page and mail at once (a page shows nothing that is not one of these texts), Keycloak's own
 * pages included, rather than only the pages a walkthrough happens to open.
 */
class PortalVoiceTest {

    private static final Pattern FORMAL = Pattern.compile("(?<![\\p{L}\\p{N}_.-])(U|u|Uw|uw)(?![\\p{L}\\p{N}_-])");
    private static final Pattern INFORMAL = Pattern.compile("(?<![\\p{L}\\p{N}_.-])(Je|je|Jouw|jouw|Jij|jij)(?![\\p{L}\\p{N}_-])");
    /** What the seeds themselves quote in the formal voice: seed 001's push, seed 004's activation step 3. */
    private static final List<String> SEED_QUOTES = List.of("Logt u in?", "wordt er op uw mobiele apparaat een");
    /** The voice of each theme a realm can pick (the five portals speak "je", as their seeds do). */
    private static final Map<String, Boolean> INFORMAL_VOICE = Map.of("storingen-stations", true, "werkplek", true,
            "nse-portal", true, "verzuimcoach", true, "werknemerloket", true, "tweestap", false);
    private static final Path REALMS = Path.of("../realm-config/realms");

    @Test
    void everyTextOfEveryPortalSpeaksItsVoice() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Boolean> portal : INFORMAL_VOICE.entrySet()) {
            Pattern other = portal.getValue() ? FORMAL : INFORMAL;
            // The account console (where a login lands) too: the portal realms' account theme is tweestap-je.
            List<String> types = portal.getValue() ? List.of("login", "email", "account") : List.of("login", "email");
            for (String type : types) {
                String theme = type.equals("account") ? accountTheme(portal.getKey()) : portal.getKey();
                Map<String, String> texts = effectiveDutch(theme, type);
                if (type.equals("account")) {
                    assertThat(texts).as(portal.getKey() + ": the account console's texts").hasSizeGreaterThan(100);
                }
                for (Map.Entry<String, String> text : texts.entrySet()) {
                    checked++;
                    if (other.matcher(withoutSeedQuotes(text.getValue())).find()) {
                        wrong.add(portal.getKey() + " (" + type + ") " + text.getKey() + " = " + text.getValue());
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(3000);
        assertThat(wrong).as("texts in the other voice").isEmpty();
    }

    @Test
    void templatesSayNothingOutsideTheirMessages() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<Path> templates = new ArrayList<>(ThemeCompletenessTest.spiTemplates("login"));
        templates.addAll(ThemeCompletenessTest.spiTemplates("email"));
        for (String theme : ThemeCompletenessTest.ourThemes()) {
            for (String type : List.of("login", "email")) {
                templates.addAll(ThemeCompletenessTest.templatesOf(theme, type));
            }
        }
        for (Path template : templates) {
            String text = Files.readString(template, StandardCharsets.UTF_8)
                    .replaceAll("(?s)<#--.*?-->", " ").replaceAll("(?s)<!--.*?-->", " ")
                    .replaceAll("(?s)\\$\\{[^}]*}", " ").replaceAll("(?s)<[^>]*>", " ");
            if (FORMAL.matcher(text).find() || INFORMAL.matcher(text).find()) {
                wrong.add(template.toString());
            }
        }
        assertThat(templates).hasSizeGreaterThan(20);
        assertThat(wrong).as("templates with their own words for the person").isEmpty();
    }

    @Test
    void theEmailSubjectsTheJavaCodeSendsAreChecked() throws IOException {
        assertThat(javaEmailSubjects()).contains("tweestapOtpMailSubject", "tweestapUsernameReminderSubject",
                "tweestapPasswordExpiryReminderSubject", "tweestapUnlockReportedSubject", "tweestapRecoveryMailSubject",
                "tweestapLoginFailureSubject");
        assertThat(effectiveDutch("werkplek", "email")).containsKeys("tweestapOtpMailSubject", "tweestapLoginFailureSubject");
    }

    @Test
    void theCheckSeesBothVoices() {
        assertThat(FORMAL.matcher("Voer uw wachtwoord in.").find()).isTrue();
        assertThat(FORMAL.matcher("U moet").find()).isTrue();
        assertThat(FORMAL.matcher("a.u.b. zie www.u.nl, fout-u, uur, nu").find()).isFalse();
        assertThat(INFORMAL.matcher("Vul je gebruikersnaam in").find()).isTrue();
        assertThat(INFORMAL.matcher("jeugdvriend, jij-bak").find()).isFalse();
        assertThat(FORMAL.matcher(withoutSeedQuotes("de melding 'Logt u in?'")).find()).isFalse();
    }

    /** The account theme the portal's realm names (the account console's look and texts). */
    private static String accountTheme(String portal) throws IOException {
        return new ObjectMapper().readTree(REALMS.resolve(portal + "-realm.json").toFile()).path("accountTheme").asText();
    }

    private static String withoutSeedQuotes(String text) {
        String result = text;
        for (String quote : SEED_QUOTES) {
            result = result.replace(quote, "");
        }
        return result;
    }

    /**
     * A theme's Dutch texts as Keycloak resolves them for a realm that uses it: the pack's texts (lowest), then the
     * theme chain from Keycloak's base to the theme itself, then the realm's localization texts (highest). For
     * e-mails, the pack's texts only where an e-mail template uses them or the pack's Java code sends them as the
     * subject.
     */
    static Map<String, String> effectiveDutch(String theme, String type) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        Properties spi = ThemeCompletenessTest.load(ThemeCompletenessTest.SPI.resolve("messages/messages_nl.properties"));
        Set<String> spiKeys = spi.stringPropertyNames();
        if (type.equals("email")) {
            spiKeys = new HashSet<>(javaEmailSubjects());
            for (Path template : ThemeCompletenessTest.spiTemplates("email")) {
                spiKeys.addAll(ThemeCompletenessTest.usedKeys(template));
            }
            for (String t : ThemeCompletenessTest.chain(theme, type)) {
                if (Files.isDirectory(ThemeCompletenessTest.THEMES.resolve(t).resolve(type))) {
                    for (Path template : ThemeCompletenessTest.templatesOf(t, type)) {
                        spiKeys.addAll(ThemeCompletenessTest.usedKeys(template));
                    }
                }
            }
        }
        for (String key : spiKeys) {
            if (spi.getProperty(key) != null) {
                texts.put(key, spi.getProperty(key));
            }
        }
        List<String> chain = ThemeCompletenessTest.chain(theme, type);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Properties messages = dutchOf(chain.get(i), type);
            for (String key : messages.stringPropertyNames()) {
                texts.put(key, messages.getProperty(key));
            }
        }
        Path realm = REALMS.resolve(theme + "-realm.json");
        if (Files.exists(realm)) {
            JsonNode nl = new ObjectMapper().readTree(realm.toFile()).path("localizationTexts").path("nl");
            nl.fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        }
        return texts;
    }

    /** Where the pack's Java code sends an e-mail with a subject key: Keycloak's e-mail provider, or ThemedEmail. */
    private static final Pattern SUBJECT = Pattern.compile(
            "(?:\\.send\\(\\s*|ThemedEmail\\.render\\([^\"]*?)\"(tweestap[A-Za-z0-9]+)\"");
    private static final Path SPI_JAVA = Path.of("../authenticator-spi/src/main/java");

    /**
     * The subject keys the pack's Java code gives the e-mail theme (no template names them, so the templates alone do
     * not show them): the subject a person reads first, resolved in the realm's e-mail theme.
     */
    static Set<String> javaEmailSubjects() throws IOException {
        Set<String> keys = new java.util.TreeSet<>();
        try (java.util.stream.Stream<Path> walk = Files.walk(SPI_JAVA)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                java.util.regex.Matcher m = SUBJECT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    private static Properties dutchOf(String theme, String type) throws IOException {
        Path own = ThemeCompletenessTest.THEMES.resolve(theme).resolve(type).resolve("messages/messages_nl.properties");
        if (Files.exists(own)) {
            return ThemeCompletenessTest.load(own);
        }
        try (InputStream in = ThemeCompletenessTest.resource("theme/" + theme + "/" + type + "/messages/messages_nl.properties")) {
            return in == null ? new Properties() : ThemeCompletenessTest.load(in);
        }
    }
}
