package io.github.tweestap.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tweestap.device.DeviceJws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web app's signed requests (companion/webapp/app/js/jws.js, run in node with WebCrypto, as the phone's browser
 * runs it) are accepted by the server's own verifier, {@link DeviceJws}; a changed byte is not.
 */
class WebAppJwsTest {

    static final Path JWS_MODULE = Path.of("../companion/webapp/app/js/jws.js").toAbsolutePath().normalize();

    @Test
    void theAppsJwsVerifiesWithTheServersVerifier() throws Exception {
        assertThat(JWS_MODULE).exists();
        String script = "import {generateDeviceKey, publicJwk, signRequest} from '" + JWS_MODULE.toUri() + "';\n"
                + "const keys = await generateDeviceKey();\n"
                + "const jwk = await publicJwk(keys.publicKey);\n"
                + "const enroll = await signRequest(keys.privateKey, {jwk}, 'http://localhost:8080/realms/r/tweestap-device/enroll', {token: 'abc', name: 'Telefoon é'});\n"
                + "const poll = await signRequest(keys.privateKey, {kid: 'u1.d1'}, 'http://localhost:8080/realms/r/tweestap-device/poll', {wait: 20});\n"
                + "console.log(JSON.stringify({jwk, enroll, poll}));\n";
        JsonNode out = new ObjectMapper().readTree(node(script));
        Map<String, String> jwk = Map.of("kty", "EC", "crv", "P-256", "x", out.path("jwk").path("x").asText(),
                "y", out.path("jwk").path("y").asText());

        DeviceJws enroll = DeviceJws.parse(out.path("enroll").asText());
        assertThat(enroll).isNotNull();
        assertThat(enroll.embeddedJwk()).isEqualTo(jwk);
        assertThat(enroll.verify(enroll.embeddedJwk())).isTrue();
        assertThat(enroll.text("htu")).isEqualTo("http://localhost:8080/realms/r/tweestap-device/enroll");
        assertThat(enroll.text("htm")).isEqualTo("POST");
        assertThat(enroll.text("name")).isEqualTo("Telefoon é");
        assertThat(enroll.text("jti")).hasSizeGreaterThanOrEqualTo(16);
        assertThat(enroll.number("iat")).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(enroll.header()).containsEntry("typ", "tweestap-device+jwt");

        DeviceJws poll = DeviceJws.parse(out.path("poll").asText());
        assertThat(poll.kid()).isEqualTo("u1.d1");
        assertThat(poll.embeddedJwk()).isNull();
        assertThat(poll.verify(jwk)).isTrue();
        assertThat(poll.number("wait")).isEqualTo(20L);

        // One changed character of the payload, and the server's verifier refuses it.
        String[] parts = out.path("poll").asText().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"wait\":20", "\"wait\":19");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(DeviceJws.parse(forged).verify(jwk)).isFalse();
    }

    /** Runs an ES module script in node (installed with npm, which the build needs anyway); returns its stdout. */
    static String node(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("tweestap-jws", ".mjs");
        try {
            Files.writeString(file, script);
            Process process = new ProcessBuilder("node", file.toString()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = new String(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(text).isZero();
            return text.trim();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
