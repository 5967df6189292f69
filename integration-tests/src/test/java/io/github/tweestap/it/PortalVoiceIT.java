package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18: every portal speaks with one voice on every page and in every e-mail and SMS it can show, Keycloak's own
 * included. For each of the five portal realms and each language the realm offers, the real server renders (test-only
 * provider {@code tweestap-test-render}, through Keycloak's own login-forms and e-mail template providers and the
 * pack's own code) every login page (Keycloak's: login, reset, OTP, required actions, info, errors, expired, logout;
 * the pack's: SMS code, app enrollment, push, unlock, renewal, username reminder, …), sends every e-mail (Keycloak's:
 * password reset, verification, execute actions, event notices; the pack's) to the test's SMTP server, and gives the
 * pack's SMS texts. The visible text of each (tags, scripts and styles removed; what a screen reader says from
 * {@code alt}, {@code title}, {@code placeholder}, {@code aria-label} kept) must not use the other voice: the five
 * portals speak "je" as their seeds do, so "u/uw" is a slip, except where a seed itself quotes it ({@link #SEED_QUOTES}).
 */
@ExtendWith(KeycloakExtension.class)
class PortalVoiceIT {

    /** The five portals; each speaks "je" (informal), as its seed does. */
    private static final List<String> PORTALS = List.of("storingen-stations", "werkplek", "nse-portal", "verzuimcoach",
            "werknemerloket");
    /** The formal voice: u, uw (any case), as whole words: not in "uur", "a.u.b.", "www.u.nl", "/u/". */
    static final Pattern FORMAL = Pattern.compile("(?<![\\p{L}\\p{N}_.'’/=@&-])(U|u|Uw|uw|UW)(?![\\p{L}\\p{N}_'’/=@&-])");
    /** The informal voice (for a "u" portal: none of the five today, kept so the check works both ways). */
    static final Pattern INFORMAL = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.'’/=@&-])(Je|je|JE|Jouw|jouw|Jij|jij|Jou|jou)(?![\\p{L}\\p{N}_'’/=@&-])");
    /** What a seed itself quotes in the formal voice, allowed as the exact phrase only. */
    static final Map<String, String> SEED_QUOTES = Map.of(
            "Logt u in?", "seed 001 (Werkplek): the app's push is titled 'Logt u in?'",
            "wordt er op uw mobiele apparaat een", "seed 004 (Werknemerloket), activation step 3");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PortalVoiceIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @Test
    void everyPageMailAndSmsOfEveryPortalSpeaksItsVoiceInEveryLanguage() throws Exception {
        List<String> slips = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        int pages = 0;
        int mails = 0;
        int sms = 0;
        for (String realm : PORTALS) {
            List<String> languages = new ArrayList<>();
            admin.get("/admin/realms/" + realm).path("supportedLocales").forEach(l -> languages.add(l.asText()));
            assertThat(languages).as(realm + " offers Dutch").contains("nl");
            String name = AdminApi.uniqueName("voice");
            String userId = admin.createUser(realm, name, "Stem-check-12345!", null);
            String email = name + "@test.localhost";
            try {
                for (String language : languages) {
                    setLocale(realm, userId, language);
                    int before = mailbox.to(email).size();
                    Rendered rendered = render(realm, email, language);
                    assertThat(rendered.errors).as(realm + " " + language + ": every page and mail renders").isEmpty();
                    assertThat(rendered.pages).as(realm + " " + language + ": pages rendered").hasSizeGreaterThan(60);
                    mailbox.await(email, before + rendered.mailNames.size());
                    List<MimeMessage> received = mailbox.to(email);
                    assertThat(rendered.mailNames).as(realm + " " + language + ": e-mails sent").hasSizeGreaterThan(20);
                    Map<String, String> texts = new LinkedHashMap<>();
                    for (Map.Entry<String, String> page : rendered.pages.entrySet()) {
                        assertThat(page.getValue()).as(realm + " " + language + " page " + page.getKey() + " language")
                                .containsPattern("<html[^>]*lang=\"" + language + "\"");
                        texts.put("page " + page.getKey(), visibleText(page.getValue()));
                    }
                    List<MimeMessage> mine = received.subList(received.size() - rendered.mailNames.size(), received.size());
                    for (int i = 0; i < mine.size(); i++) {
                        MimeMessage message = mine.get(i);
                        texts.put("mail " + rendered.mailNames.get(i), message.getSubject() + "\n"
                                + Mailbox.plainText(message) + "\n" + visibleText(htmlPart(message)));
                    }
                    for (Map.Entry<String, Map<String, String>> mail : rendered.mailsRendered.entrySet()) {
                        texts.put("mail " + mail.getKey(), mail.getValue().get("subject") + "\n"
                                + mail.getValue().get("text") + "\n" + visibleText(mail.getValue().get("html")));
                    }
                    rendered.sms.forEach((key, text) -> texts.put("sms " + key, text));
                    pages += rendered.pages.size();
                    mails += mine.size() + rendered.mailsRendered.size();
                    sms += rendered.sms.size();
                    for (Map.Entry<String, String> text : texts.entrySet()) {
                        report.append("== ").append(realm).append(' ').append(language).append(' ')
                                .append(text.getKey()).append('\n').append(text.getValue().strip()).append("\n\n");
                        for (String slip : slips(text.getValue(), true)) {
                            slips.add(realm + " " + language + " " + text.getKey() + ": …" + slip + "…");
                        }
                    }
                }
            } finally {
                admin.delete("/admin/realms/" + realm + "/users/" + userId);
            }
        }
        Path out = Path.of("target/artifacts/portal-voice.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        assertThat(pages).as("pages rendered (5 portals, their languages)").isGreaterThan(5 * 2 * 60);
        assertThat(mails).as("e-mails").isGreaterThan(5 * 2 * 20);
        assertThat(sms).as("SMS texts").isGreaterThan(5 * 2 * 5);
        assertThat(slips).as("the other voice in a portal's pages, e-mails and SMS (all texts in " + out + ")").isEmpty();
    }

    /**
     * The check can fail: a realm's own Dutch text in the other voice ("uw", planted through Keycloak's realm
     * localization, as a realm admin would) shows up on the rendered login page and is found.
     */
    @Test
    void aPlantedFormalWordOnAPortalPageIsFound() throws Exception {
        String realm = "werkplek";
        String name = AdminApi.uniqueName("voice-plant");
        String userId = admin.createUser(realm, name, "Stem-check-12345!", null);
        String texts = "/admin/realms/" + realm + "/localization/nl";
        String path = texts + "/loginAccountTitle";
        try {
            setLocale(realm, userId, "nl");
            assertThat(slips(visibleText(render(realm, name, "nl").pages.get("login")), true)).isEmpty();
            assertThat(admin.status("POST", texts, Map.of("loginAccountTitle", "Meld je aan met uw account"))).isBetween(200, 204);
            String login = visibleText(render(realm, name, "nl").pages.get("login"));
            assertThat(login).contains("Meld je aan met uw account");
            assertThat(slips(login, true)).hasSize(1).allMatch(s -> s.contains("uw account"));
        } finally {
            admin.delete(path);
            admin.delete("/admin/realms/" + realm + "/users/" + userId);
        }
    }

    @Test
    void theCheckKnowsWordsFromLettersAndSeedQuotes() {
        assertThat(slips("Voer uw wachtwoord in.", true)).hasSize(1);
        assertThat(slips("U moet je wachtwoord wijzigen", true)).hasSize(1);
        assertThat(slips("Wijzig UW wachtwoord", true)).hasSize(1);
        assertThat(slips("a.u.b. binnen 1 uur, zie https://x.nl/u/1?u=2 of mail u@x.nl; nu, U2F", true)).isEmpty();
        assertThat(slips("Open de melding 'Logt u in?' op je telefoon", true)).isEmpty();
        assertThat(slips("Logt u nu in?", true)).hasSize(1);
        assertThat(slips("Vul je gebruikersnaam in, jouw code", false)).hasSize(2);
        assertThat(slips("jeugd, Jeroen, bijou", false)).isEmpty();
        assertThat(visibleText("<html><head><title>Titel</title><script>var u = 1;</script><style>.je{}</style></head>"
                + "<body class=\"uw\"><p>Tekst &amp; meer</p><img alt=\"QR-code\"><!-- uw --></body></html>"))
                .contains("Titel", "Tekst & meer", "QR-code").doesNotContain("var u", ".je", "uw");
    }

    /** The phrases in the other voice ({@code informalPortal}: u/uw is the other voice), each with its context. */
    static List<String> slips(String text, boolean informalPortal) {
        String checked = text;
        for (String quote : SEED_QUOTES.keySet()) {
            checked = checked.replace(quote, " ");
        }
        List<String> found = new ArrayList<>();
        Matcher matcher = (informalPortal ? FORMAL : INFORMAL).matcher(checked);
        while (matcher.find()) {
            int from = Math.max(0, matcher.start() - 40);
            int to = Math.min(checked.length(), matcher.end() + 40);
            found.add(checked.substring(from, to).replaceAll("\\s+", " "));
        }
        return found;
    }

    /** What a person reads (and a screen reader says) of an HTML page: no tags, scripts, styles or comments. */
    static String visibleText(String html) {
        if (html == null) {
            return "";
        }
        String text = html.replaceAll("(?is)<!--.*?-->", " ")
                .replaceAll("(?is)<(script|style|template)\\b.*?</\\1\\s*>", " ");
        StringBuilder spoken = new StringBuilder();
        Matcher attribute = Pattern.compile("(?is)\\s(alt|title|placeholder|aria-label)\\s*=\\s*\"([^\"]*)\"").matcher(
                text.replaceAll("(?is)<(meta|link|html|body|head)\\b[^>]*>", " "));
        while (attribute.find()) {
            spoken.append('\n').append(attribute.group(2));
        }
        text = text.replaceAll("(?s)<[^>]*>", " ") + spoken;
        return unescape(text).replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\n\\s*\\n+", "\n").strip();
    }

    private static String unescape(String text) {
        Matcher numeric = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(text);
        StringBuilder out = new StringBuilder();
        while (numeric.find()) {
            int code = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
            numeric.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        numeric.appendTail(out);
        return out.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    private static String htmlPart(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String html = htmlPart(multipart.getBodyPart(i));
                if (html != null) {
                    return html;
                }
            }
        }
        return null;
    }

    private void setLocale(String realm, String userId, String language) {
        ObjectNode user = (ObjectNode) admin.get("/admin/realms/" + realm + "/users/" + userId);
        ObjectNode attributes = user.has("attributes") && user.get("attributes").isObject()
                ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("locale").add(language);
        admin.put("/admin/realms/" + realm + "/users/" + userId, user);
    }

    private record Rendered(Map<String, String> pages, List<String> mailNames,
            Map<String, Map<String, String>> mailsRendered, Map<String, String> sms, Map<String, String> errors) {
    }

    private Rendered render(String realm, String username, String language) throws IOException, InterruptedException {
        URI uri = URI.create(server.realmUrl(realm) + "/tweestap-test-render/all?user="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&kc_locale=" + language);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Accept-Language", language).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = AdminApi.JSON.readTree(response.body());
        Map<String, String> pages = new LinkedHashMap<>();
        body.path("pages").fields().forEachRemaining(e -> pages.put(e.getKey(), e.getValue().asText()));
        List<String> mailNames = new ArrayList<>();
        body.path("mailsSent").forEach(n -> mailNames.add(n.asText()));
        Map<String, Map<String, String>> mailsRendered = new LinkedHashMap<>();
        body.path("mailsRendered").fields().forEachRemaining(e -> mailsRendered.put(e.getKey(), Map.of(
                "subject", e.getValue().path("subject").asText(), "text", e.getValue().path("text").asText(),
                "html", e.getValue().path("html").asText())));
        Map<String, String> sms = new LinkedHashMap<>();
        body.path("sms").fields().forEachRemaining(e -> sms.put(e.getKey(), e.getValue().asText()));
        Map<String, String> errors = new LinkedHashMap<>();
        body.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
        return new Rendered(pages, mailNames, mailsRendered, sms, errors);
    }
}
