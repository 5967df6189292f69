package io.github.tweestap.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs' pictures are the walkthrough tests' screenshots, copied by {@code tools/docs-screenshots.sh}, never made
 * or edited by hand: every image a Markdown file shows from {@code docs/images/} is listed in
 * {@code docs/images/MANIFEST} (written by the script: {@code sha256  path}, sorted by path) with the file's own
 * sha256; the manifest lists no file that is missing or changed; and {@code docs/images/} holds nothing the manifest
 * does not list.
 */
class DocsImagesTest {

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (docs/images/[^\\s]+)");

    @Test
    void everyImageTheDocsShowCameFromTheScreenshotScript() throws IOException {
        Path root = MarkdownLinksTest.ROOT;
        Set<Path> shown = new LinkedHashSet<>();
        for (Path file : MarkdownLinksTest.markdownFiles()) {
            for (MarkdownLinksTest.Link link : MarkdownLinksTest.links(file)) {
                Path target = imageUnderDocsImages(root, file, link.target());
                if (target != null) {
                    shown.add(target);
                }
            }
        }
        // The end-user guides and the README show screenshots: an empty list would check nothing.
        assertThat(shown).as("images the Markdown files show from docs/images/").hasSizeGreaterThan(20);
        assertThat(problems(root, List.copyOf(shown))).as("docs/images/ against docs/images/MANIFEST").isEmpty();
    }

    @Test
    void theCheckFindsAnEditedAMissingAnUnlistedAndAHandMadeImage() throws IOException {
        Path root = Files.createTempDirectory("docs-images");
        Path images = Files.createDirectories(root.resolve("docs/images/portal"));
        Files.write(images.resolve("a.png"), new byte[] {1, 2, 3});
        Files.write(images.resolve("b.png"), new byte[] {4, 5, 6});
        writeManifest(root, "docs/images/portal/a.png", "docs/images/portal/b.png");
        List<Path> shown = List.of(images.resolve("a.png"), images.resolve("b.png"));
        assertThat(problems(root, List.copyOf(shown))).isEmpty();

        Files.write(images.resolve("a.png"), new byte[] {1, 2, 3, 4}); // edited after the script copied it
        assertThat(problems(root, List.copyOf(shown))).singleElement().asString().contains("a.png", "sha256");
        writeManifest(root, "docs/images/portal/a.png", "docs/images/portal/b.png");

        Files.delete(images.resolve("b.png")); // listed, but gone
        assertThat(problems(root, List.of(images.resolve("a.png")))).singleElement().asString()
                .contains("b.png", "missing");
        writeManifest(root, "docs/images/portal/a.png");

        Files.write(images.resolve("c.png"), new byte[] {7}); // put there by hand and shown
        assertThat(problems(root, List.of(images.resolve("a.png"), images.resolve("c.png"))))
                .anySatisfy(p -> assertThat(p).contains("c.png", "not in the manifest"))
                .anySatisfy(p -> assertThat(p).contains("c.png", "not written by the script"));

        Files.delete(images.resolve("c.png"));
        Files.writeString(root.resolve("docs/images/MANIFEST"), "docs/images/portal/a.png\n"); // not the script's format
        assertThat(problems(root, List.of(images.resolve("a.png")))).anySatisfy(p -> assertThat(p).contains("line 1"));
    }

    @Test
    void onlyLinksIntoDocsImagesCount() throws IOException {
        Path root = MarkdownLinksTest.ROOT;
        Path guide = root.resolve("docs/users/werkplek.md");
        assertThat(imageUnderDocsImages(root, guide, "../images/app/05-authenticatie.png"))
                .isEqualTo(root.resolve("docs/images/app/05-authenticatie.png"));
        assertThat(imageUnderDocsImages(root, root.resolve("README.md"), "docs/images/werkplek/QR-code.png"))
                .isEqualTo(root.resolve("docs/images/werkplek/QR-code.png"));
        assertThat(imageUnderDocsImages(root, guide, "nse-portal.md#inloggen")).isNull();
        assertThat(imageUnderDocsImages(root, guide, "https://example.org/docs/images/x.png")).isNull();
        assertThat(imageUnderDocsImages(root, root.resolve("README.md"), "docs/images/")).isNull();
    }

    /** The file under docs/images/ that a link of {@code from} points to, or null when it points elsewhere. */
    static Path imageUnderDocsImages(Path root, Path from, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        String path = target.replaceAll("[#?].*$", "");
        if (path.isEmpty()) {
            return null;
        }
        Path resolved = path.startsWith("/") ? root.resolve(path.substring(1))
                : from.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
        Path images = root.resolve("docs/images");
        return resolved.startsWith(images) && !resolved.equals(images) && !Files.isDirectory(resolved) ? resolved : null;
    }

    /** What is wrong with docs/images/ under {@code root}, given the images the Markdown files show. */
    static List<String> problems(Path root, List<Path> shown) throws IOException {
        List<String> problems = new ArrayList<>();
        Path manifest = root.resolve("docs/images/MANIFEST");
        Map<String, String> listed = new LinkedHashMap<>();
        if (!Files.exists(manifest)) {
            problems.add("no docs/images/MANIFEST: run tools/docs-screenshots.sh");
        } else {
            List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
            String previous = "";
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINE.matcher(lines.get(i));
                if (!m.matches()) {
                    problems.add("MANIFEST line " + (i + 1) + " is not 'sha256  docs/images/...': " + lines.get(i));
                    continue;
                }
                String path = m.group(2);
                if (path.compareTo(previous) <= 0) {
                    problems.add("MANIFEST line " + (i + 1) + " is out of order or repeated: " + path);
                }
                previous = path;
                listed.put(path, m.group(1));
            }
        }
        for (Map.Entry<String, String> entry : listed.entrySet()) {
            Path file = root.resolve(entry.getKey());
            if (!Files.isRegularFile(file)) {
                problems.add(entry.getKey() + ": in the manifest but missing");
            } else if (!sha256(file).equals(entry.getValue())) {
                problems.add(entry.getKey() + ": sha256 differs from the manifest (changed after the script copied it)");
            }
        }
        for (Path image : shown) {
            String relative = root.relativize(image).toString().replace('\\', '/');
            if (!listed.containsKey(relative)) {
                problems.add(relative + ": shown in the docs but not in the manifest (not written by the script)");
            }
        }
        Path images = root.resolve("docs/images");
        if (Files.isDirectory(images)) {
            try (Stream<Path> files = Files.walk(images)) {
                for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.equals(manifest)).sorted().toList()) {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    if (!listed.containsKey(relative)) {
                        problems.add(relative + ": in docs/images/ but not in the manifest");
                    }
                }
            }
        }
        return problems;
    }

    private static void writeManifest(Path root, String... paths) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String path : paths) {
            text.append(sha256(root.resolve(path))).append("  ").append(path).append('\n');
        }
        Files.writeString(root.resolve("docs/images/MANIFEST"), text.toString(), StandardCharsets.UTF_8);
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
