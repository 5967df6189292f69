package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every login step, required action and event listener the pack registers hands out its refusal (or nothing) on a
 * Keycloak version outside the supported range (itself or through a base class of its package), so a factory added
 * later cannot forget it. Realm and admin resources get theirs from {@link RealmResourceFactory} and
 * {@link AdminResourceFactory}.
 */
class UnsupportedVersionGuardsTest {

    private static final Path SERVICES = Path.of("src/main/resources/META-INF/services");

    /**
     * Factories that need no guard, and why. The condition decides only whether a sub-flow runs, reading an auth
     * note (its steps refuse); the pairing listener keeps a binding and its OTP credential removed together.
     */
    private static final Set<String> EXEMPT = Set.of("io.github.tweestap.otp.MethodConditionFactory",
            "io.github.tweestap.device.BindingPairingListenerFactory");

    @Test
    void everyStepRequiredActionAndListenerChecksTheVersion() throws IOException {
        List<String> unguarded = new ArrayList<>();
        int checked = 0;
        for (String spi : List.of("org.keycloak.authentication.AuthenticatorFactory",
                "org.keycloak.authentication.RequiredActionFactory", "org.keycloak.events.EventListenerProviderFactory")) {
            for (String factory : Files.readAllLines(SERVICES.resolve(spi), StandardCharsets.UTF_8)) {
                factory = factory.trim();
                if (factory.isEmpty() || factory.startsWith("#") || EXEMPT.contains(factory)) {
                    continue;
                }
                checked++;
                if (!guarded(Path.of("src/main/java", factory.replace('.', '/') + ".java"))) {
                    unguarded.add(factory);
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(12);
        assertThat(unguarded).as("factories that do not refuse on an unsupported Keycloak").isEmpty();
    }

    /** The factory checks the version itself, or extends a base class of its own package that does. */
    private static boolean guarded(Path source) throws IOException {
        String text = Files.readString(source);
        if (text.contains("KeycloakVersion.supported()")) {
            return true;
        }
        Matcher base = Pattern.compile("class \\w+\\s+extends\\s+(\\w+)").matcher(text);
        Path baseSource = base.find() ? source.resolveSibling(base.group(1) + ".java") : null;
        return baseSource != null && Files.exists(baseSource) && guarded(baseSource);
    }

    @Test
    void theResourceBasesRefuse() throws IOException {
        for (String base : List.of("RealmResourceFactory", "AdminResourceFactory")) {
            assertThat(Files.readString(Path.of("src/main/java/io/github/tweestap/support/" + base + ".java")))
                    .contains("KeycloakVersion.supported() ?").contains("UnsupportedVersion.resource(");
        }
    }
}
