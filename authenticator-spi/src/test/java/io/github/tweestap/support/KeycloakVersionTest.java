package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KeycloakVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"26.4.0", "26.4.7", "26.5.0", "26.5.6", "26.6.4", "26.7.0", "26.7.3", "26.7.5", "26.7.99",
            "26.4.2.redhat-00001", "26.7.3-SNAPSHOT", " 26.5.6 "})
    void fromTheFirst264UpToTheLast267IsSupported(String version) {
        assertThat(KeycloakVersion.isSupported(version)).as(version).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"26.3.5", "26.3.99", "26.2.0", "26.0.0", "25.0.6", "26.8.0", "26.8.2", "26.10.0", "26.40.0",
            "27.0.0", "126.5.0", "999.0.0-SNAPSHOT", "26.5", "26", "unknown", "Keycloak 26.5.6", "26.5.6x"})
    void olderNewerAndUnreadableVersionsAreNot(String version) {
        assertThat(KeycloakVersion.isSupported(version)).as(version).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noVersionIsNotSupported(String version) {
        assertThat(KeycloakVersion.isSupported(version)).isFalse();
    }

    @Test
    void theErrorNamesTheVersionFoundAndTheSupportedOnes() {
        String message = KeycloakVersion.startupMessage("26.3.5", false);
        assertThat(message).startsWith("Tweestap does not support Keycloak 26.3.5.")
                .contains("Supported versions: Keycloak 26.4, 26.5, 26.6 and 26.7")
                .contains("newest patch")
                .contains("refuses");
        assertThat(KeycloakVersion.startupMessage("26.7.3", true))
                .isEqualTo("Tweestap runs on Keycloak 26.7.3 (supported: 26.4, 26.5, 26.6 and 26.7)");
    }

    @Test
    void theMinorVersionIsReadOnlyFrom26() {
        assertThat(KeycloakVersion.minor("26.5.6")).isEqualTo(5);
        assertThat(KeycloakVersion.minor("26.4.2.redhat-00001")).isEqualTo(4);
        assertThat(KeycloakVersion.minor("25.0.6")).isEqualTo(-1);
        assertThat(KeycloakVersion.minor("999.0.0-SNAPSHOT")).isEqualTo(-1);
        assertThat(KeycloakVersion.minor(null)).isEqualTo(-1);
        // The unit tests run on keycloak-common 26.7.x.
        assertThat(KeycloakVersion.runningBefore26(6)).isFalse();
        assertThat(KeycloakVersion.runningBefore26(8)).isTrue();
    }

    @Test
    void theRunningVersionIsReadFromKeycloak() {
        // The unit tests run against the keycloak-common the pack compiles with (26.7.3), a supported version.
        assertThat(KeycloakVersion.running()).matches("26\\.\\d+\\.\\d+.*");
        assertThat(KeycloakVersion.supported()).isEqualTo(KeycloakVersion.isSupported(KeycloakVersion.running()));
    }
}
