package io.github.tweestap.companion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Decoder URL = Base64.getUrlDecoder();

    private static JsonNode part(String compact, int index) throws Exception {
        return MAPPER.readTree(new String(URL.decode(compact.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    @Test
    void signatureIsJoseFormAndVerifiesWithTheJdkAfterConversionToDer() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", Jws.TYP);
        header.put("kid", "dev-1");
        String compact = Jws.sign(header, Map.of("htm", "POST", "iat", 1L), keys.privateKey());

        String[] parts = compact.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(compact).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        byte[] jose = URL.decode(parts[2]);
        assertThat(jose).hasSize(64);

        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initVerify(keys.publicKey());
        der.update(signingInput);
        assertThat(der.verify(Jws.joseToDer(jose))).isTrue();

        // Independent of our conversion: the JDK's own R‖S verifier.
        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initVerify(keys.publicKey());
        p1363.update(signingInput);
        assertThat(p1363.verify(jose)).isTrue();

        assertThat(Jws.verify(compact, keys.publicKey())).isTrue();
        assertThat(Jws.verify(compact, DeviceKeys.generate().publicKey())).isFalse();
    }

    @Test
    void tamperedPayloadDoesNotVerify() {
        DeviceKeys keys = DeviceKeys.generate();
        String compact = Jws.sign(Map.of("alg", "ES256"), Map.of("approve", false), keys.privateKey());
        String[] parts = compact.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"approve\":true}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(Jws.verify(forged, keys.publicKey())).isFalse();
    }

    @Test
    void derAndJoseConvertBothWaysForManySignatures() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        for (int i = 0; i < 300; i++) {
            signer.initSign(keys.privateKey());
            signer.update(("message " + i).getBytes(StandardCharsets.UTF_8));
            byte[] der = signer.sign();
            byte[] jose = Jws.derToJose(der);
            assertThat(jose).hasSize(64);
            assertThat(Jws.joseToDer(jose)).isEqualTo(der);
        }
        // A short integer (r = 5) is left-padded, one with the high bit set (s) gets no sign byte in JOSE.
        byte[] jose = new byte[64];
        jose[31] = 5;
        jose[32] = (byte) 0x80;
        byte[] der = Jws.joseToDer(jose);
        byte[] expected = new byte[2 + 3 + 2 + 33];
        byte[] prefix = {0x30, 0x26, 0x02, 0x01, 0x05, 0x02, 0x21, 0x00, (byte) 0x80};
        System.arraycopy(prefix, 0, expected, 0, prefix.length);
        assertThat(der).isEqualTo(expected);
        assertThat(Jws.derToJose(der)).isEqualTo(jose);
    }

    @Test
    void malformedInputIsRefused() {
        assertThatThrownBy(() -> Jws.joseToDer(new byte[63])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jws.derToJose(new byte[] {0x31, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jws.decode("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Jws.verify("not.a.jws", DeviceKeys.generate().publicKey())).isFalse();
    }

    @Test
    void jwkHasPaddedCoordinatesAndRoundTripsToAKeyThatVerifies() throws Exception {
        for (int i = 0; i < 50; i++) {
            DeviceKeys keys = DeviceKeys.generate();
            Jwk jwk = keys.jwk();
            assertThat(jwk.kty()).isEqualTo("EC");
            assertThat(jwk.crv()).isEqualTo("P-256");
            assertThat(URL.decode(jwk.x())).hasSize(32);
            assertThat(URL.decode(jwk.y())).hasSize(32);
            assertThat(jwk.x()).hasSize(43).doesNotContain("=");

            ECPublicKey back = jwk.toPublicKey();
            assertThat(back.getW()).isEqualTo(keys.publicKey().getW());
            String compact = Jws.sign(Map.of("alg", "ES256"), Map.of("i", i), keys.privateKey());
            assertThat(Jws.verify(compact, back)).isTrue();
            assertThat(Jwk.fromMap(MAPPER.convertValue(MAPPER.valueToTree(jwk.toMap()), Map.class)))
                    .isEqualTo(jwk);
        }
    }

    @Test
    void smallCoordinatesAreLeftPaddedTo32Bytes() {
        byte[] bytes = Jwk.unsigned(BigInteger.valueOf(0x0102));
        assertThat(bytes).hasSize(32);
        assertThat(bytes[30]).isEqualTo((byte) 1);
        assertThat(bytes[31]).isEqualTo((byte) 2);
        assertThat(Arrays.copyOf(bytes, 30)).containsOnly(0);
        // A high first bit: BigInteger adds a sign byte, the JWK must not.
        assertThat(Jwk.unsigned(BigInteger.ONE.shiftLeft(255))).hasSize(32);
    }

    @Test
    void jwkOfAnotherCurveOrAPointOffTheCurveIsRefused() {
        Jwk jwk = DeviceKeys.generate().jwk();
        assertThatThrownBy(() -> new Jwk("EC", "P-384", jwk.x(), jwk.y()).toPublicKey())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Jwk("EC", "P-256", jwk.x(), jwk.x()).toPublicKey())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientSignsEnrollWithJwkAndOtherEndpointsWithKidAndAFreshJti() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        DeviceState state = DeviceState.unenrolled(keys)
                .withBaseUrl(URI.create("https://id.example.org/realms/werkplek/tweestap-device"));
        CompanionClient client = new CompanionClient(state);

        SignedRequest enroll = client.sign("enroll", Map.of("token", "t", "name", "n"));
        JsonNode enrollHeader = part(enroll.body(), 0);
        assertThat(enrollHeader.get("alg").asText()).isEqualTo("ES256");
        assertThat(enrollHeader.get("typ").asText()).isEqualTo("tweestap-device+jwt");
        assertThat(enrollHeader.has("kid")).isFalse();
        assertThat(Jwk.fromMap(MAPPER.convertValue(enrollHeader.get("jwk"), Map.class))).isEqualTo(keys.jwk());

        client = new CompanionClient(state.withEnrollment("dev-42", "n", DeviceState.ACTIVE));
        long before = Instant.now().getEpochSecond();
        Set<String> jtis = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SignedRequest request = client.sign("poll", Map.of("wait", 5));
            JsonNode header = part(request.body(), 0);
            JsonNode payload = part(request.body(), 1);
            assertThat(header.get("kid").asText()).isEqualTo("dev-42");
            assertThat(header.has("jwk")).isFalse();
            assertThat(payload.get("htm").asText()).isEqualTo("POST");
            assertThat(payload.get("htu").asText())
                    .isEqualTo("https://id.example.org/realms/werkplek/tweestap-device/poll");
            assertThat(payload.get("iat").isIntegralNumber()).isTrue();
            assertThat(payload.get("iat").asLong()).isBetween(before, Instant.now().getEpochSecond());
            assertThat(payload.get("wait").asInt()).isEqualTo(5);
            String jti = payload.get("jti").asText();
            assertThat(URL.decode(jti).length).isGreaterThanOrEqualTo(16);
            assertThat(request.jti()).isEqualTo(jti);
            jtis.add(jti);
            assertThat(Jws.verify(request.body(), keys.publicKey())).isTrue();
        }
        assertThat(jtis).hasSize(20);
    }

    @Test
    void requestOptionsOverrideIatJtiKeyKidAndHtu() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        DeviceKeys other = DeviceKeys.generate();
        CompanionClient client = new CompanionClient(DeviceState.unenrolled(keys)
                .withBaseUrl(URI.create("http://localhost/realms/r/tweestap-device"))
                .withEnrollment("dev-1", "n", DeviceState.ACTIVE));
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        CompanionClient crafted = client.withRequestOptions(RequestOptions.defaults()
                .withIat(old).withJti("same-jti").withSigningKey(other.privateKey()).withKid("dev-2")
                .withHtu(URI.create("http://localhost/elsewhere")));

        SignedRequest request = crafted.sign("status", Map.of());
        JsonNode header = part(request.body(), 0);
        JsonNode payload = part(request.body(), 1);
        assertThat(payload.get("iat").asLong()).isEqualTo(old.getEpochSecond());
        assertThat(payload.get("jti").asText()).isEqualTo("same-jti");
        assertThat(header.get("kid").asText()).isEqualTo("dev-2");
        assertThat(payload.get("htu").asText()).isEqualTo("http://localhost/elsewhere");
        assertThat(request.url()).isEqualTo(URI.create("http://localhost/realms/r/tweestap-device/status"));
        assertThat(Jws.verify(request.body(), keys.publicKey())).isFalse();
        assertThat(Jws.verify(request.body(), other.publicKey())).isTrue();
        assertThat(crafted.withRequestOptions(RequestOptions.defaults()).sign("status", Map.of()).jti())
                .isNotEqualTo("same-jti");
        assertThat(crafted.requestOptions().toString()).contains("signingKey=***");
    }
}
