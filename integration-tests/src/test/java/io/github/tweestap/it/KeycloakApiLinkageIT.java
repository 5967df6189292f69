package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.Smoke;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pack's provider JAR links on the Keycloak distribution this run uses ({@code tweestap.kc.home}): its sources
 * compile against exactly the JARs that distribution ships (Keycloak's and the libraries it brings: ProtoStream,
 * Jackson, zxing, …), and the bytecode comes out the same as the classes in the JAR (compiled against the pinned
 * Keycloak). Same bytecode means every method, field and class the JAR refers to exists with the same signature in
 * this distribution, so no {@code NoSuchMethodError}/{@code NoClassDefFoundError} waits on a page the smoke tests
 * do not open. Version differences live in {@code KeycloakCompat}, which reaches them through method handles.
 */
@Smoke
class KeycloakApiLinkageIT {

    @Test
    void theProviderJarsBytecodeIsWhatThisDistributionsApiCompilesTo() throws Exception {
        Path home = Path.of(System.getProperty("tweestap.kc.home"));
        Path sources = Path.of(System.getProperty("tweestap.spi.sources"));
        Path shipped = Path.of(System.getProperty("tweestap.spi.classes"));
        Path out = Files.createTempDirectory("tweestap-linkage-");

        List<String> classpath = new ArrayList<>();
        for (String dir : List.of("lib/lib/main", "lib/lib/boot")) {
            try (Stream<Path> jars = Files.list(home.resolve(dir))) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
            }
        }
        assertThat(classpath).as("JARs of the distribution at " + home).hasSizeGreaterThan(100);
        // Bundled into the pack's JAR (relocated), not shipped by Keycloak.
        classpath.add(jarOf("com.google.i18n.phonenumbers.PhoneNumberUtil"));

        List<String> args = new ArrayList<>(List.of("--release", "17", "-g", "-nowarn", "-encoding", "UTF-8",
                "-proc:none", "-d", out.toString(), "-cp", String.join(File.pathSeparator, classpath)));
        List<Path> javaFiles = files(sources, ".java");
        javaFiles.forEach(p -> args.add(p.toString()));
        StringWriter diagnostics = new StringWriter();
        int exit = ToolProvider.findFirst("javac").orElseThrow()
                .run(new PrintWriter(diagnostics), new PrintWriter(diagnostics), args.toArray(String[]::new));
        assertThat(exit).as("the sources compile against " + home.getFileName() + ":\n" + diagnostics).isZero();

        List<Path> classes = files(shipped, ".class").stream()
                .filter(p -> !shipped.relativize(p).toString().startsWith("io/github/tweestap/shaded/")).toList();
        assertThat(classes).as("classes of the provider JAR").hasSizeGreaterThan(100);
        List<String> differing = new ArrayList<>();
        for (Path shippedClass : classes) {
            Path rebuilt = out.resolve(shipped.relativize(shippedClass).toString());
            if (!Files.exists(rebuilt) || !disassemble(shippedClass).equals(disassemble(rebuilt))) {
                differing.add(shipped.relativize(shippedClass).toString());
            }
        }
        assertThat(differing).as("classes whose bytecode differs when compiled against " + home.getFileName()
                + " (compare with javap -c -p)").isEmpty();
    }

    /** The code of every method with its resolved references, without constant-pool indices (their order may vary). */
    private static String disassemble(Path classFile) {
        StringWriter out = new StringWriter();
        int exit = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", classFile.toString());
        assertThat(exit).as("javap " + classFile + ": " + out).isZero();
        return out.toString().lines().filter(l -> !l.startsWith("Compiled from") && !l.startsWith("Classfile"))
                .map(l -> l.replaceAll("#\\d+", "#")).reduce("", (a, b) -> a + b + "\n");
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String jarOf(String className) throws Exception {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
