package io.github.tweestap.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks the tests of the compatibility smoke suite: besides the full run on the pinned Keycloak, {@code mvn verify}
 * runs these (and only these) once more on each older supported distribution (profile {@code compat} in
 * integration-tests/pom.xml: one server per version, started once). One test per capability: keep it that way.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag("smoke")
public @interface Smoke {
}
