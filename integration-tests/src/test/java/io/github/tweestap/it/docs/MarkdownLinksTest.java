package io.github.tweestap.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Markdown file of the project: each relative link and image points to a file that exists, and each
 * {@code #anchor} to a heading of the target file (as GitHub names headings). Links to the web are not followed
 * (no internet in CI); links into a running server ({@code http://localhost:...}) are the run-command tests' job.
 */
class MarkdownLinksTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HTML_LINK = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

    static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String relative = ROOT.relativize(p).toString().replace('\\', '/');
                        return !relative.startsWith(".") && !relative.contains("/target/")
                                && !relative.startsWith("target/") && !relative.contains("node_modules/")
                                && !relative.contains("/.");
                    })
                    .sorted().toList();
        }
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> files = markdownFiles();
        assertThat(files).extracting(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                .contains("README.md", "companion/PROTOCOL.md");
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            for (Link link : links(file)) {
                String problem = check(file, link.target(), anchors);
                if (problem != null) {
                    broken.add(ROOT.relativize(file) + ":" + link.line() + ": " + link.target() + " (" + problem + ")");
                }
            }
        }
        assertThat(broken).as("broken links in the Markdown files").isEmpty();
    }

    @Test
    void theCheckFindsABrokenLinkAndABrokenAnchor() throws IOException {
        Path dir = Files.createTempDirectory("md-links");
        Path page = dir.resolve("page.md");
        Files.writeString(page, "# Title\n\n## Two words here\n", StandardCharsets.UTF_8);
        Map<Path, Set<String>> anchors = new HashMap<>();
        assertThat(check(page, "page.md#two-words-here", anchors)).isNull();
        assertThat(check(page, "#title", anchors)).isNull();
        assertThat(check(page, "page.md#three-words", anchors)).contains("no heading");
        assertThat(check(page, "missing.md", anchors)).contains("no such file");
        assertThat(check(page, "https://example.org/x", anchors)).isNull();
    }

    @Test
    void headingsAreNamedAsGitHubNamesThem() {
        Map<String, Integer> seen = new HashMap<>();
        assertThat(slug("SMS-code authenticator (`tweestap-sms-code`)", seen))
                .isEqualTo("sms-code-authenticator-tweestap-sms-code");
        assertThat(slug("\"Gebruikersnaam vergeten?\" (seed 004)", seen)).isEqualTo("gebruikersnaam-vergeten-seed-004");
        assertThat(slug("werkplek (seed 001)", seen)).isEqualTo("werkplek-seed-001");
        assertThat(slug("werkplek (seed 001)", seen)).isEqualTo("werkplek-seed-001-1");
        assertThat(slug("Push or code with the companion app — [link](x.md)", seen))
                .isEqualTo("push-or-code-with-the-companion-app--link");
    }

    record Link(int line, String target) {
    }

    static List<Link> links(Path file) throws IOException {
        List<Link> links = new ArrayList<>();
        boolean fenced = false;
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "");
            for (Pattern pattern : List.of(LINK, HTML_LINK)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    links.add(new Link(number, m.group(1)));
                }
            }
        }
        return links;
    }

    /** Null when the link resolves, otherwise what is wrong. */
    static String check(Path from, String target, Map<Path, Set<String>> anchors) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto:
        }
        String path = target;
        String fragment = null;
        int hash = target.indexOf('#');
        if (hash >= 0) {
            path = target.substring(0, hash);
            fragment = target.substring(hash + 1);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Path resolved = path.isEmpty() ? from
                : path.startsWith("/") ? ROOT.resolve(path.substring(1))
                : from.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment == null || fragment.isEmpty() || !resolved.toString().endsWith(".md")) {
            return null;
        }
        Set<String> known = anchors.computeIfAbsent(resolved, MarkdownLinksTest::anchorsOf);
        String wanted = URLDecoder.decode(fragment, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return known.contains(wanted) ? null : "no heading #" + fragment;
    }

    private static Set<String> anchorsOf(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    anchors.add(slug(heading.group(2), seen));
                }
                Matcher html = HTML_ANCHOR.matcher(line);
                while (html.find()) {
                    anchors.add(html.group(1).toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return anchors;
    }

    /** GitHub's heading anchor: the heading's text, lower case, punctuation dropped, spaces as '-', numbered repeats. */
    static String slug(String heading, Map<String, Integer> seen) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // a link's text only
                .replaceAll("<[^>]+>", "") // inline HTML
                .toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        String base = slug.toString();
        int count = seen.merge(base, 1, Integer::sum) - 1;
        return count == 0 ? base : base + "-" + count;
    }
}
