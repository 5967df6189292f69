package io.github.tweestap.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md names the tests that show each claim, as {@code `SomeIT#someMethod`} or {@code `SomeTest#someMethod`}
 * (a whole class as {@code `SomeIT`}). Every such name must be a test class of the repository, and every method a
 * test method of it ({@code @Test}, {@code @ParameterizedTest}, ...), so the guide cannot point at a test that was
 * renamed or removed. The guide's ASVS table must also name every requirement of ASVS 5.0.0 chapter V6.
 */
class SecurityGuideTest {

    static final Path GUIDE = MarkdownLinksTest.ROOT.resolve("docs/security.md");

    /** A class name ending in IT or Test, optionally followed by #method, as a whole code span. */
    private static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9_]*(?:IT|Test))(?:#([a-z][A-Za-z0-9_]*))?`");
    private static final Pattern TEST_METHOD = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b[^;]*?\\bvoid\\s+([A-Za-z0-9_]+)\\s*\\(");
    private static final Pattern ASVS_ID = Pattern.compile("\\*\\*(6\\.[1-8]\\.[0-9]{1,2})\\*\\*");

    /** ASVS 5.0.0 (tag v5.0.0_release, 5.0/en/0x15-V6-Authentication.md): the requirements of chapter V6. */
    static final List<String> ASVS_V6 = List.of(
            "6.1.1", "6.1.2", "6.1.3",
            "6.2.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.6", "6.2.7", "6.2.8", "6.2.9", "6.2.10", "6.2.11", "6.2.12",
            "6.3.1", "6.3.2", "6.3.3", "6.3.4", "6.3.5", "6.3.6", "6.3.7", "6.3.8",
            "6.4.1", "6.4.2", "6.4.3", "6.4.4", "6.4.5", "6.4.6",
            "6.5.1", "6.5.2", "6.5.3", "6.5.4", "6.5.5", "6.5.6", "6.5.7", "6.5.8",
            "6.6.1", "6.6.2", "6.6.3", "6.6.4",
            "6.7.1", "6.7.2",
            "6.8.1", "6.8.2", "6.8.3", "6.8.4");

    record Reference(int line, String testClass, String method) {
        @Override
        public String toString() {
            return "line " + line + ": " + testClass + (method == null ? "" : "#" + method);
        }
    }

    @Test
    void everyTestTheGuideNamesExists() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        List<Reference> references = references(guide);
        assertThat(references).as("test references in docs/security.md").hasSizeGreaterThan(60);
        assertThat(references).as("integration tests among them")
                .anyMatch(r -> r.testClass().endsWith("IT") && r.method() != null);
        assertThat(problems(references, testSources())).as("references to tests that do not exist").isEmpty();
    }

    @Test
    void theAsvsTableNamesEveryRequirementOfChapterV6() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        Set<String> named = new LinkedHashSet<>();
        Matcher m = ASVS_ID.matcher(guide);
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("ASVS 5.0 V6 requirements in docs/security.md").containsAll(ASVS_V6);
        assertThat(named).as("no requirement id that ASVS 5.0 V6 does not have").isSubsetOf(ASVS_V6);
    }

    @Test
    void theCheckCatchesAWrongClassAndAWrongMethod() {
        Map<String, List<Set<String>>> sources = new HashMap<>();
        sources.put("SmsCodeLoginIT", List.of(Set.of("anExpiredCodeIsRefused")));
        sources.put("TotpTest", List.of(Set.of("rfc6238Sha1Vectors"), Set.of("algorithmSpellings")));
        String text = "| x | `SmsCodeLoginIT#anExpiredCodeIsRefused`, `SmsCodeLoginIT#anExpiredCodeIsRefusedd` |\n"
                + "`NoSuchIT#anything` and `SmsCodeLoginIT`, `NoSuchTest`; `TotpTest#algorithmSpellings`\n"
                + "not a reference: `tweestap-sms-code`, `Time#currentTime`\n";
        List<Reference> references = references(text);
        assertThat(references).extracting(Reference::toString).containsExactly(
                "line 1: SmsCodeLoginIT#anExpiredCodeIsRefused", "line 1: SmsCodeLoginIT#anExpiredCodeIsRefusedd",
                "line 2: NoSuchIT#anything", "line 2: SmsCodeLoginIT", "line 2: NoSuchTest",
                "line 2: TotpTest#algorithmSpellings");
        assertThat(problems(references, sources)).containsExactly(
                "line 1: SmsCodeLoginIT#anExpiredCodeIsRefusedd (no such test method)",
                "line 2: NoSuchIT#anything (no such test class)",
                "line 2: NoSuchTest (no such test class)");
    }

    @Test
    void onlyAnnotatedMethodsCountAsTests() {
        String source = """
                class SomeIT {
                    @Test
                    void aRealTest() {
                        helper();
                    }

                    @ParameterizedTest
                    @MethodSource("cases")
                    void aParameterizedOne(String value) {
                    }

                    private void helper() {
                    }
                }
                """;
        assertThat(testMethods(source)).containsExactlyInAnyOrder("aRealTest", "aParameterizedOne");
    }

    static List<Reference> references(String text) {
        List<Reference> references = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = REFERENCE.matcher(lines[i]);
            while (m.find()) {
                references.add(new Reference(i + 1, m.group(1), m.group(2)));
            }
        }
        return references;
    }

    /** What is wrong with each reference, given the test methods of every test class (by simple name). */
    static List<String> problems(List<Reference> references, Map<String, List<Set<String>>> sources) {
        List<String> problems = new ArrayList<>();
        for (Reference reference : references) {
            List<Set<String>> classes = sources.get(reference.testClass());
            if (classes == null) {
                problems.add(reference + " (no such test class)");
            } else if (reference.method() != null && classes.stream().noneMatch(c -> c.contains(reference.method()))) {
                problems.add(reference + " (no such test method)");
            }
        }
        return problems;
    }

    /** Every test class under any module's src/test/java, by simple name (two modules may share a name). */
    static Map<String, List<Set<String>>> testSources() throws IOException {
        Map<String, List<Set<String>>> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(MarkdownLinksTest.ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String path = MarkdownLinksTest.ROOT.relativize(file).toString().replace('\\', '/');
                if (!path.contains("src/test/java/") || path.contains("/target/") || path.startsWith(".")
                        || path.contains("node_modules/")) {
                    continue;
                }
                String name = file.getFileName().toString().replaceFirst("\\.java$", "");
                sources.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(testMethods(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return sources;
    }

    static Set<String> testMethods(String source) {
        Set<String> methods = new HashSet<>();
        Matcher m = TEST_METHOD.matcher(source);
        while (m.find()) {
            methods.add(m.group(1));
        }
        return methods;
    }
}
