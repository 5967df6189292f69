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
 * do not open (a method reference such as {@code UserModel::getId} once compiled to {@code Model.getId}, an interface
 * 26.4 and 26.5 lack). Version differences live in {@code KeycloakCompat}, which reaches them through method handles.
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
        List<Path> rebuilt = classes.stream().map(c -> out.resolve(shipped.relativize(c).toString())).toList();
        List<String> missing = rebuilt.stream().filter(p -> !Files.exists(p)).map(Path::toString).toList();
        assertThat(missing).as("classes javac did not produce").isEmpty();
        List<String> before = disassemble(classes);
        List<String> after = disassemble(rebuilt);
        assertThat(after).as("one disassembly per class").hasSameSizeAs(before).hasSize(classes.size());
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                differing.add(shipped.relativize(classes.get(i)).toString());
            }
        }
        assertThat(differing).as("classes whose bytecode differs when compiled against " + home.getFileName()
                + " (compare with javap -c -p -v)").isEmpty();
    }

    /**
     * Everything javap shows of each class (method code with the members it refers to, stack map frames, bootstrap
     * arguments of lambdas and method references, signatures, annotations) except the constant pool itself, whose
     * order may vary between compilations, and its indices. One javap run for all classes, split per class.
     */
    private static List<String> disassemble(List<Path> classFiles) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of("-c", "-p", "-v"));
        classFiles.forEach(p -> args.add(p.toString()));
        int exit = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        assertThat(exit).as("javap: " + out).isZero();
        List<String> perClass = new ArrayList<>();
        StringBuilder current = null;
        boolean pool = false;
        for (String line : out.toString().split("\\R")) {
            if (line.startsWith("Classfile ")) {
                if (current != null) {
                    perClass.add(current.toString());
                }
                current = new StringBuilder();
                pool = false;
                continue;
            }
            if (line.startsWith("Constant pool:")) {
                pool = true;
                continue;
            }
            if (pool && !line.equals("{")) {
                continue;
            }
            pool = false;
            if (current != null && !line.startsWith("  Last modified") && !line.startsWith("  SHA-256")
                    && !line.startsWith("  MD5")) {
                current.append(line.replaceAll("#\\d+", "#")).append('\n');
            }
        }
        if (current != null) {
            perClass.add(current.toString());
        }
        return perClass;
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
