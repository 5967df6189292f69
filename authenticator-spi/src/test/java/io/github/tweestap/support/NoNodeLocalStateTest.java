package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderFactory;

/**
 * DESIGN.md: "All state lives where every node sees it"; the only node-local state allowed is the registry of
 * waiting requests. This test reads every compiled class of the pack and fails when a static field could hold
 * mutable state, or when a provider factory (one instance per node) keeps a collection or counter of its own.
 */
class NoNodeLocalStateTest {

    /** Types a static final field may have: immutable, or stateless tools that are safe to share. */
    private static final Set<String> SHAREABLE = Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Boolean", "java.time.Duration", "java.util.regex.Pattern", "org.jboss.logging.Logger",
            "java.security.SecureRandom", "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.type.TypeReference", "java.time.format.DateTimeFormatter",
            "java.security.spec.ECParameterSpec", "io.github.tweestap.support.IntSetting",
            "io.github.tweestap.support.TextSetting",
            "io.github.tweestap.shaded.phonenumbers.PhoneNumberUtil", "com.google.i18n.phonenumbers.PhoneNumberUtil",
            // immutable (KeycloakCompat's handle to the version's BruteForceProtector.failedLogin)
            "java.lang.invoke.MethodHandle");

    /**
     * Static final arrays handed to Keycloak (requirement choices) or used as constants; each entry says why it is
     * never written.
     */
    private static final Set<String> CONSTANT_ARRAYS = Set.of(
            "REQUIREMENTS", // AuthenticatorFactory.getRequirementChoices(): read by Keycloak, never written
            "NO_SALT"); // an empty array: nothing to write

    /** The one node-local registry DESIGN.md allows, and the holder that owns it. */
    private static final Set<String> WAITER_REGISTRY = Set.of("io.github.tweestap.device.Waiters",
            "io.github.tweestap.device.DeviceRuntime");

    @Test
    void noStaticFieldHoldsMutableStateAndNoFactoryKeepsCollections() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Class<?>> classes = classes();
        assertThat(classes).as("compiled classes found").hasSizeGreaterThan(50);
        for (Class<?> type : classes) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isSynthetic() || field.getName().startsWith("$")) {
                    continue;
                }
                String where = type.getName() + "." + field.getName();
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)) {
                    String problem = staticProblem(type, field, modifiers);
                    if (problem != null) {
                        problems.add(where + ": " + problem);
                    }
                } else if (ProviderFactory.class.isAssignableFrom(type) && !WAITER_REGISTRY.contains(field.getType().getName())
                        && (Collection.class.isAssignableFrom(field.getType()) || Map.class.isAssignableFrom(field.getType())
                        || field.getType().isArray() || field.getType().getName().startsWith("java.util.concurrent.atomic."))) {
                    problems.add(where + ": a provider factory (one per node) keeps a " + field.getType().getSimpleName());
                }
            }
        }
        assertThat(problems).as("node-local mutable state").isEmpty();
    }

    @Test
    void theCheckCatchesWhatItShould() throws Exception {
        // A sanity check of the rule itself, on fields made for the purpose.
        assertThat(staticProblem(Bad.class, Bad.class.getDeclaredField("cache"), Bad.class.getDeclaredField("cache").getModifiers()))
                .isNotNull();
        assertThat(staticProblem(Bad.class, Bad.class.getDeclaredField("counter"), Bad.class.getDeclaredField("counter").getModifiers()))
                .isNotNull();
        assertThat(staticProblem(Bad.class, Bad.class.getDeclaredField("list"), Bad.class.getDeclaredField("list").getModifiers()))
                .isNull();
    }

    @SuppressWarnings("unused")
    private static final class Bad {
        static final Map<String, String> cache = new java.util.HashMap<>();
        static int counter;
        static final List<String> list = List.of("a");
    }

    static String staticProblem(Class<?> type, Field field, int modifiers) throws IllegalAccessException {
        if (!Modifier.isFinal(modifiers)) {
            return "static and not final";
        }
        Class<?> declared = field.getType();
        if (declared.isPrimitive() || declared.isEnum() || SHAREABLE.contains(declared.getName())) {
            return null;
        }
        if (declared.isArray()) {
            return CONSTANT_ARRAYS.contains(field.getName()) ? null : "a static array can be written";
        }
        field.setAccessible(true);
        Object value = field.get(null);
        if (value == null || value.getClass().isEnum() || value.getClass().isRecord() && allFinal(value.getClass())) {
            return null;
        }
        String runtime = value.getClass().getName();
        if (runtime.startsWith("java.util.ImmutableCollections") || runtime.startsWith("java.util.Collections$Unmodifiable")
                || runtime.startsWith("java.util.Collections$Empty") || SHAREABLE.contains(runtime)) {
            return null;
        }
        if (!hasInstanceFields(value.getClass())) {
            return null; // a stateless object (e.g. an anonymous implementation without fields)
        }
        return "holds a " + runtime + ", which may be mutable";
    }

    private static boolean allFinal(Class<?> type) {
        return Stream.of(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .allMatch(f -> Modifier.isFinal(f.getModifiers()));
    }

    private static boolean hasInstanceFields(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Class<?>> classes() throws Exception {
        Path root = Path.of("target/classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("io.github.tweestap.") || name.startsWith("io.github.tweestap.shaded.")) {
                    continue;
                }
                classes.add(Class.forName(name, true, NoNodeLocalStateTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
