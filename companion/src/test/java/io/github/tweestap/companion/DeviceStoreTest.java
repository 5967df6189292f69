package io.github.tweestap.companion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceStoreTest {

    @TempDir
    Path dir;

    private static DeviceState activeState(DeviceKeys keys) {
        return DeviceState.unenrolled(keys)
                .withBaseUrl(URI.create("http://localhost:8080/realms/werkplek/tweestap-device"))
                .withEnrollment("dev-7", "Pixel", DeviceState.ACTIVE)
                .withUsername("alice")
                .withTotp(new TotpParams("JBSWY3DPEHPK3PXP", 6, 30, "SHA1", "Werkplek", "alice"));
    }

    @Test
    void saveAndLoadRoundTrip() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        DeviceState state = activeState(keys);
        Path file = dir.resolve("sub/device.json");
        DeviceStore.save(file, state);

        DeviceState loaded = DeviceStore.load(file);
        assertThat(loaded.baseUrl()).isEqualTo(state.baseUrl());
        assertThat(loaded.deviceId()).isEqualTo("dev-7");
        assertThat(loaded.name()).isEqualTo("Pixel");
        assertThat(loaded.status()).isEqualTo(DeviceState.ACTIVE);
        assertThat(loaded.username()).isEqualTo("alice");
        assertThat(loaded.totp()).isEqualTo(state.totp());
        assertThat(loaded.keys().jwk()).isEqualTo(keys.jwk());
        assertThat(loaded.keys().privateKeyPkcs8()).isEqualTo(keys.privateKeyPkcs8());
        // The loaded private key signs what the original public key verifies.
        String jws = Jws.sign(Map.of("alg", "ES256"), Map.of("x", 1), loaded.keys().privateKey());
        assertThat(Jws.verify(jws, keys.publicKey())).isTrue();

        // Saving again replaces the file and leaves no temporary files behind.
        DeviceStore.save(file, loaded.withStatus(DeviceState.UNLINKED));
        assertThat(DeviceStore.load(file).status()).isEqualTo(DeviceState.UNLINKED);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void unenrolledStateRoundTrips() throws Exception {
        Path file = dir.resolve("new.json");
        DeviceStore.save(file, DeviceState.unenrolled(DeviceKeys.generate()));
        DeviceState loaded = DeviceStore.load(file);
        assertThat(loaded.isEnrolled()).isFalse();
        assertThat(loaded.totp()).isNull();
        assertThat(loaded.status()).isEqualTo(DeviceState.NEW);
    }

    @Test
    void fileIsOwnerOnlyWherePosix() throws Exception {
        Path file = dir.resolve("device.json");
        DeviceStore.save(file, activeState(DeviceKeys.generate()));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void toStringShowsNoSecrets() {
        DeviceKeys keys = DeviceKeys.generate();
        DeviceState state = activeState(keys);
        String privateBase64 = Base64.getEncoder().encodeToString(keys.privateKeyPkcs8());
        String privateScalar = keys.privateKey().getS().toString(16);
        for (String text : new String[] {state.toString(), keys.toString(), state.totp().toString()}) {
            assertThat(text).doesNotContain("JBSWY3DPEHPK3PXP").doesNotContain(privateBase64)
                    .doesNotContain(privateScalar).doesNotContain(keys.privateKey().getS().toString());
        }
        assertThat(state.toString()).contains("dev-7").contains("alice").contains("***");
    }

    @Test
    void keysThatDoNotBelongTogetherAreRefused() {
        DeviceKeys a = DeviceKeys.generate();
        DeviceKeys b = DeviceKeys.generate();
        assertThatThrownBy(() -> DeviceKeys.fromPkcs8(a.privateKeyPkcs8(), b.jwk()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DeviceKeys.fromPkcs8(a.privateKeyPkcs8(), a.jwk()).jwk()).isEqualTo(a.jwk());
    }

    @Test
    void garbageIsRefused() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"version\":99}");
        assertThatThrownBy(() -> DeviceStore.load(file)).isInstanceOf(IllegalArgumentException.class);
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> DeviceStore.load(file)).isInstanceOf(IllegalArgumentException.class);
    }
}
