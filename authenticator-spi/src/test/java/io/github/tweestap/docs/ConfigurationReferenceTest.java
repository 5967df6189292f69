package io.github.tweestap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.authentication.ConfigurableAuthenticatorFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The configuration reference ({@code docs/reference/configuration.md}) is generated from the code's own
 * {@link ProviderConfigProperty} definitions: every authenticator's and required action's realm settings and every
 * server (SPI) option of every provider the pack registers. This test regenerates it and fails when the committed
 * file differs, so the reference cannot drift from the code. It also fails when a provider reads a server option in
 * {@code init} that its {@code getConfigMetadata()} does not declare (an option nobody could find in the reference).
 *
 * <p>To rewrite the file after a change: {@code mvn -q -pl authenticator-spi test -Dtest=ConfigurationReferenceTest
 * -Dtweestap.docs.write=true}.
 */
class ConfigurationReferenceTest {

    private static final Path SERVICES = Path.of("src/main/resources/META-INF/services");
    private static final Path REFERENCE = Path.of("../docs/reference/configuration.md");

    /** One provider the pack registers, with the SPI it belongs to. */
    record Entry(String spi, ProviderFactory<?> factory) {
    }

    @Test
    void theCommittedReferenceIsWhatTheCodeDeclares() throws IOException {
        String generated = render(entries());
        if (Boolean.getBoolean("tweestap.docs.write")) {
            Files.createDirectories(REFERENCE.getParent());
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }
        assertThat(REFERENCE).as("docs/reference/configuration.md exists (regenerate with -Dtweestap.docs.write=true)")
                .exists();
        String committed = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("docs/reference/configuration.md is out of date: run mvn -q -pl authenticator-spi test "
                        + "-Dtest=ConfigurationReferenceTest -Dtweestap.docs.write=true")
                .isEqualTo(generated);
    }

    @Test
    void everyServerOptionAProviderReadsIsDeclared() throws IOException {
        List<String> undeclared = new ArrayList<>();
        for (Entry entry : entries()) {
            ProviderFactory<?> factory = entry.factory();
            RecordingScope scope = new RecordingScope();
            try {
                factory.init(scope);
            } catch (RuntimeException | LinkageError refused) {
                // Without any option some providers refuse to start (e.g. web-push without keys); the options read
                // before that still count.
            }
            Set<String> declared = serverOptions(factory).stream().map(ProviderConfigProperty::getName)
                    .collect(Collectors.toSet());
            for (String read : scope.read) {
                if (!declared.contains(read)) {
                    undeclared.add(entry.spi() + "/" + factory.getId() + ": " + read);
                }
            }
        }
        assertThat(undeclared).as("server options read in init() but missing from getConfigMetadata()").isEmpty();
    }

    @Test
    void theReferenceCoversEveryRegisteredProvider() throws IOException {
        List<Entry> entries = entries();
        String generated = render(entries);
        for (Entry entry : entries) {
            assertThat(generated).contains("`" + entry.factory().getId() + "`");
        }
        assertThat(entries).extracting(e -> e.factory().getId())
                .contains("tweestap-sms-code", "tweestap-push", "web-push", "twilio", "tweestap-bind-app");
    }

    static List<Entry> entries() throws IOException {
        List<Spi> spis = new ArrayList<>();
        var loader = ServiceLoader.load(Spi.class).iterator();
        while (true) {
            try {
                if (!loader.hasNext()) {
                    break;
                }
                spis.add(loader.next());
            } catch (java.util.ServiceConfigurationError | LinkageError unavailable) {
                // an SPI of Keycloak's whose classes are not on this test's class path
            }
        }
        List<Entry> entries = new ArrayList<>();
        try (var files = Files.list(SERVICES)) {
            for (Path file : files.sorted().toList()) {
                Class<?> type = load(file.getFileName().toString());
                if (!ProviderFactory.class.isAssignableFrom(type)) {
                    continue; // Spi definitions, protostream schemas
                }
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String name = line.replaceAll("#.*", "").trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    Class<?> factoryClass = load(name);
                    if (factoryClass.isInterface() || Modifier.isAbstract(factoryClass.getModifiers())) {
                        continue;
                    }
                    ProviderFactory<?> factory = instantiate(factoryClass);
                    entries.add(new Entry(dashCase(spiName(spis, factoryClass)), factory));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::spi).thenComparing(e -> e.factory().getId()));
        return entries;
    }

    private static String spiName(List<Spi> spis, Class<?> factoryClass) {
        // The most specific SPI whose factory type this class implements (the type with the most supertypes).
        return spis.stream().filter(spi -> spi.getProviderFactoryClass().isAssignableFrom(factoryClass))
                .max(Comparator.comparingInt(spi -> allSupertypes(spi.getProviderFactoryClass()).size()))
                .map(Spi::getName)
                .orElseThrow(() -> new AssertionError("no SPI for " + factoryClass.getName()));
    }

    private static Set<Class<?>> allSupertypes(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        List<Class<?>> todo = new ArrayList<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> next = todo.remove(0);
            if (next != null && all.add(next)) {
                todo.add(next.getSuperclass());
                todo.addAll(List.of(next.getInterfaces()));
            }
        }
        return all;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ConfigurationReferenceTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("registered but not found: " + name, e);
        }
    }

    private static ProviderFactory<?> instantiate(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (ProviderFactory<?>) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot create " + type.getName(), e);
        }
    }

    /** Realm settings: what an admin sets per flow step or per required action in the admin console. */
    static List<ProviderConfigProperty> realmSettings(ProviderFactory<?> factory) {
        if (factory instanceof ConfigurableAuthenticatorFactory authenticator) {
            return authenticator.isConfigurable() && authenticator.getConfigProperties() != null
                    ? authenticator.getConfigProperties() : List.of();
        }
        if (factory instanceof RequiredActionFactory action && action.isConfigurable()) {
            return nonNull(action.getConfigMetadata());
        }
        return List.of();
    }

    /** Server options: {@code --spi-<spi>--<provider>--<option>}, read once at start-up. */
    static List<ProviderConfigProperty> serverOptions(ProviderFactory<?> factory) {
        if (factory instanceof RequiredActionFactory action && action.isConfigurable()) {
            return List.of(); // for a required action, getConfigMetadata() is its realm configuration
        }
        return nonNull(factory.getConfigMetadata());
    }

    private static List<ProviderConfigProperty> nonNull(List<ProviderConfigProperty> list) {
        return list == null ? List.of() : list;
    }

    static String render(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n");
        out.append("<!-- Generated by ConfigurationReferenceTest from the code's ProviderConfigProperty definitions. "
                + "Do not edit by hand: run\n     mvn -q -pl authenticator-spi test -Dtest=ConfigurationReferenceTest "
                + "-Dtweestap.docs.write=true -->\n\n");
        out.append("Every setting the pack has, generated from the code (a test fails when this page and the code "
                + "differ). There are two kinds:\n\n");
        out.append("- **Realm settings**: set by a realm admin in the admin console, per step of an authentication "
                + "flow (Authentication → the flow → the step's ⚙ settings) or per required action (Authentication → "
                + "Required actions → ⚙).\n");
        out.append("- **Server options**: set by the operator when Keycloak starts, as "
                + "`--spi-<spi>--<provider>--<option>=<value>` on the command line (or in `conf/keycloak.conf` as "
                + "`spi-<spi>--<provider>--<option>=<value>`), or as the environment variable "
                + "`KC_SPI_<SPI>__<PROVIDER>__<OPTION>` (upper case, `-` becomes `_`). Which provider of an SPI is "
                + "used is chosen with `--spi-<spi>--provider-default=<provider>` where an SPI has several.\n\n");

        out.append("## Contents\n\n");
        List<Entry> authenticators = entries.stream()
                .filter(e -> e.factory() instanceof ConfigurableAuthenticatorFactory).toList();
        List<Entry> actions = entries.stream().filter(e -> e.factory() instanceof RequiredActionFactory).toList();
        List<Entry> others = entries.stream().filter(e -> !(e.factory() instanceof ConfigurableAuthenticatorFactory)
                && !(e.factory() instanceof RequiredActionFactory)).toList();
        out.append("- [Authenticators](#authenticators)\n- [Required actions](#required-actions)\n"
                + "- [Other providers (server options)](#other-providers-server-options)\n\n");

        out.append("## Authenticators\n\n");
        out.append("Steps a realm admin adds to an authentication flow (Authentication → the flow → Add execution, in a "
                + "sub-flow its + → Add execution; the condition `tweestap-condition-method` is listed there too).\n\n");
        for (Entry entry : authenticators) {
            ConfigurableAuthenticatorFactory factory = (ConfigurableAuthenticatorFactory) entry.factory();
            out.append("### `").append(entry.factory().getId()).append("`\n\n");
            out.append("**").append(cell(factory.getDisplayType())).append("**");
            if (factory.getHelpText() != null && !factory.getHelpText().isBlank()) {
                out.append(": ").append(cell(factory.getHelpText()));
            }
            out.append("\n\n");
            out.append("- Requirements: ").append(java.util.Arrays.stream(factory.getRequirementChoices())
                    .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))).append('\n');
            if (factory.getReferenceCategory() != null) {
                out.append("- Credential category (brute-force and \"configured for user\"): `")
                        .append(factory.getReferenceCategory()).append("`\n");
            }
            out.append("- Set-up by the user allowed: ").append(factory.isUserSetupAllowed() ? "yes" : "no")
                    .append("\n\n");
            realmSettingsTable(out, realmSettings(entry.factory()));
            serverOptionsTable(out, entry);
        }

        out.append("## Required actions\n\n");
        out.append("Enabled per realm under Authentication → Required actions.\n\n");
        for (Entry entry : actions) {
            RequiredActionFactory factory = (RequiredActionFactory) entry.factory();
            out.append("### `").append(factory.getId()).append("`\n\n");
            out.append("**").append(cell(factory.getDisplayText())).append("**\n\n");
            realmSettingsTable(out, realmSettings(factory));
            serverOptionsTable(out, entry);
        }

        out.append("## Other providers (server options)\n\n");
        out.append("Event listeners, REST endpoints, senders and the other providers, grouped by SPI. Event listeners "
                + "are switched on per realm (Realm settings → Events → Event listeners); the others are active "
                + "when the pack's JAR is installed.\n\n");
        TreeMap<String, List<Entry>> bySpi = new TreeMap<>();
        for (Entry entry : others) {
            bySpi.computeIfAbsent(entry.spi(), spi -> new ArrayList<>()).add(entry);
        }
        for (var spi : bySpi.entrySet()) {
            out.append("### SPI `").append(spi.getKey()).append("`\n\n");
            for (Entry entry : spi.getValue()) {
                out.append("#### `").append(entry.factory().getId()).append("`\n\n");
                String help = helpText(entry.factory());
                if (help != null) {
                    out.append(cell(help)).append("\n\n");
                }
                if (serverOptions(entry.factory()).isEmpty()) {
                    out.append("No server options.\n\n");
                } else {
                    serverOptionsTable(out, entry);
                }
            }
        }
        return out.toString();
    }

    private static String helpText(ProviderFactory<?> factory) {
        if (factory instanceof org.keycloak.provider.ConfiguredProvider configured) {
            String help = configured.getHelpText();
            return help == null || help.isBlank() ? null : help;
        }
        return null;
    }

    private static void realmSettingsTable(StringBuilder out, List<ProviderConfigProperty> properties) {
        if (properties.isEmpty()) {
            out.append("No realm settings.\n\n");
            return;
        }
        out.append("| Realm setting (key) | Label | Type | Default | Help |\n|---|---|---|---|---|\n");
        for (ProviderConfigProperty p : properties) {
            out.append("| `").append(p.getName()).append("` | ").append(cell(p.getLabel())).append(" | ")
                    .append(type(p)).append(" | ").append(defaultValue(p)).append(" | ")
                    .append(cell(p.getHelpText())).append(" |\n");
        }
        out.append('\n');
    }

    private static void serverOptionsTable(StringBuilder out, Entry entry) {
        List<ProviderConfigProperty> options = serverOptions(entry.factory());
        if (options.isEmpty()) {
            return;
        }
        out.append("| Server option | Type | Default | Help |\n|---|---|---|---|\n");
        for (ProviderConfigProperty p : options) {
            out.append("| `--spi-").append(entry.spi()).append("--").append(entry.factory().getId()).append("--")
                    .append(dashCase(p.getName())).append("` | ").append(type(p)).append(" | ").append(defaultValue(p))
                    .append(" | ").append(cell(p.getHelpText())).append(" |\n");
        }
        out.append('\n');
    }

    private static String type(ProviderConfigProperty p) {
        String type = p.getType() == null ? "String" : p.getType();
        if (p.getOptions() != null && !p.getOptions().isEmpty()) {
            return type + ": " + p.getOptions().stream().map(o -> "`" + o + "`").collect(Collectors.joining(", "));
        }
        return type;
    }

    private static String defaultValue(ProviderConfigProperty p) {
        Object value = p.getDefaultValue();
        if (value == null || String.valueOf(value).isEmpty()) {
            return "";
        }
        return "`" + cell(String.valueOf(value)) + "`";
    }

    /** As Keycloak names options on the command line: {@code maxWaiters} is {@code max-waiters}. */
    static String dashCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|").strip();
    }

    /** A server configuration with no options set that remembers which options a provider asked for. */
    static final class RecordingScope implements Config.Scope {

        final Set<String> read = new TreeSet<>();

        @Override
        public String get(String key) {
            read.add(key);
            return null;
        }

        @Override
        public String get(String key, String defaultValue) {
            read.add(key);
            return defaultValue;
        }

        @Override
        public String[] getArray(String key) {
            read.add(key);
            return null;
        }

        @Override
        public Integer getInt(String key, Integer defaultValue) {
            read.add(key);
            return defaultValue;
        }

        @Override
        public Long getLong(String key, Long defaultValue) {
            read.add(key);
            return defaultValue;
        }

        @Override
        public Boolean getBoolean(String key, Boolean defaultValue) {
            read.add(key);
            return defaultValue;
        }

        @Override
        public Config.Scope scope(String... scope) {
            return new RecordingScope();
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public Config.Scope root() {
            return new RecordingScope();
        }
    }
}
