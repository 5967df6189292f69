package io.github.tweestap.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.junit.jupiter.api.Test;

class DeviceProtocolTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static Map<String, String> jwk(KeyPair pair) {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        return Map.of("kty", "EC", "crv", "P-256", "x", B64.encodeToString(fixed(key.getW().getAffineX())),
                "y", B64.encodeToString(fixed(key.getW().getAffineY())));
    }

    static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    /** Signs like a device: ES256 with the DER signature converted to JOSE R‖S by hand. */
    static String sign(KeyPair pair, String header, String payload) throws Exception {
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] der = signer.sign();
        int rLength = der[3];
        byte[] r = Arrays.copyOfRange(der, 4, 4 + rLength);
        int sLength = der[5 + rLength];
        byte[] s = Arrays.copyOfRange(der, 6 + rLength, 6 + rLength + sLength);
        byte[] jose = new byte[64];
        byte[] rf = fixed(new BigInteger(1, r));
        byte[] sf = fixed(new BigInteger(1, s));
        System.arraycopy(rf, 0, jose, 0, 32);
        System.arraycopy(sf, 0, jose, 32, 32);
        return input + "." + B64.encodeToString(jose);
    }

    @Test
    void aDeviceSignatureVerifiesWithItsKeyOnlyAndTamperingIsDetected() throws Exception {
        KeyPair device = keys();
        for (int i = 0; i < 50; i++) { // several signatures: short R or S values must round-trip too
            String jws = sign(device, "{\"alg\":\"ES256\",\"kid\":\"u.c\"}", "{\"htm\":\"POST\",\"iat\":1,\"n\":" + i + "}");
            DeviceJws parsed = DeviceJws.parse(jws);
            assertThat(parsed).isNotNull();
            assertThat(parsed.kid()).isEqualTo("u.c");
            assertThat(parsed.number("iat")).isEqualTo(1L);
            assertThat(parsed.verify(jwk(device))).isTrue();
            assertThat(parsed.verify(jwk(keys()))).isFalse();
        }
        String jws = sign(device, "{\"alg\":\"ES256\",\"kid\":\"u.c\"}", "{\"approve\":false}");
        String[] parts = jws.split("\\.");
        String forged = parts[0] + "." + B64.encodeToString("{\"approve\":true}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(DeviceJws.parse(forged).verify(jwk(device))).isFalse();
    }

    @Test
    void onlyCompactEs256IsAccepted() throws Exception {
        KeyPair device = keys();
        assertThat(DeviceJws.parse(null)).isNull();
        assertThat(DeviceJws.parse("a.b")).isNull();
        assertThat(DeviceJws.parse("x".repeat(20_000))).isNull();
        assertThat(DeviceJws.parse(sign(device, "{\"alg\":\"none\"}", "{}"))).isNull();
        assertThat(DeviceJws.parse(sign(device, "{\"alg\":\"HS256\"}", "{}"))).isNull();
        assertThat(DeviceJws.parse("e30.e30.")).isNull();
        // A jwk that is not on the curve never verifies.
        DeviceJws parsed = DeviceJws.parse(sign(device, "{\"alg\":\"ES256\"}", "{}"));
        assertThat(parsed.verify(Map.of("kty", "EC", "crv", "P-256", "x", B64.encodeToString(new byte[32]),
                "y", B64.encodeToString(new byte[32])))).isFalse();
    }

    @Test
    void theEmbeddedJwkMustBeAnEcP256Key() throws Exception {
        KeyPair device = keys();
        Map<String, String> jwk = jwk(device);
        String header = "{\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + jwk.get("x") + "\",\"y\":\""
                + jwk.get("y") + "\"}}";
        DeviceJws parsed = DeviceJws.parse(sign(device, header, "{}"));
        assertThat(parsed.embeddedJwk()).isEqualTo(jwk);
        assertThat(parsed.verify(parsed.embeddedJwk())).isTrue();
        DeviceJws rsa = DeviceJws.parse(sign(device, "{\"alg\":\"ES256\",\"jwk\":{\"kty\":\"RSA\",\"n\":\"x\"}}", "{}"));
        assertThat(rsa.embeddedJwk()).isNull();
    }

    @Test
    void backoffDoublesUpToFifteenMinutes() {
        DeviceSettings settings = DeviceSettings.of(Map.of("tweestap.push.backoffSeconds", "15"));
        assertThat(List.of(0, 1, 2, 3, 4, 7, 100).stream().map(settings::backoffSeconds).toList())
                .containsExactly(0, 15, 30, 60, 120, 900, 900);
        assertThat(DeviceSettings.of(Map.of("tweestap.push.backoffSeconds", "0")).backoffSeconds(5)).isZero();
        assertThat(DeviceSettings.of(Map.of("tweestap.push.challengeTtlSeconds", "9999")).challengeTtl()).isEqualTo(120);
        assertThat(DeviceSettings.problems(Map.of("tweestap.push.challengeTtlSeconds", "9999"))).hasSize(1);
    }

    @Test
    void waitersAreWokenByKeyAndCappedPerNode() throws Exception {
        Waiters waiters = new Waiters(3);
        CompletableFuture<Boolean> a = waiters.register("challenge:1");
        CompletableFuture<Boolean> b = waiters.register("challenge:1");
        CompletableFuture<Boolean> c = waiters.register("user:2");
        assertThat(waiters.register("user:3")).as("over the cap").isNull();
        waiters.wake("challenge:1");
        assertThat(a.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(c).isNotDone();
        assertThat(waiters.size()).isEqualTo(1);
        waiters.release("user:2", c);
        assertThat(waiters.size()).isZero();

        // Many threads registering, waking and releasing leave the count at zero.
        Waiters busy = new Waiters(10_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String key = "k" + (i % 17);
            runs.add(CompletableFuture.runAsync(() -> {
                CompletableFuture<Boolean> f = busy.register(key);
                if (key.hashCode() % 2 == 0) {
                    busy.wake(key);
                }
                busy.release(key, f);
            }, pool));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(busy.size()).isZero();
    }

    @Test
    void oneKeyHoldsAtMostTwoWaitersSoOneClientCannotFillTheNode() throws Exception {
        Waiters waiters = new Waiters(100);
        CompletableFuture<Boolean> first = waiters.register("challenge:x");
        CompletableFuture<Boolean> second = waiters.register("challenge:x");
        CompletableFuture<Boolean> third = waiters.register("challenge:x");
        assertThat(first.get(1, TimeUnit.SECONDS)).as("the oldest is sent away").isFalse();
        assertThat(second).isNotDone();
        assertThat(waiters.size()).isEqualTo(2);
        waiters.release("challenge:x", first);
        assertThat(waiters.size()).isEqualTo(2);
        waiters.wake("challenge:x");
        assertThat(second.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(third.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.size()).isZero();
    }

    @Test
    void theWakeEventCrossesNodesThroughProtoStream() throws Exception {
        SerializationContext context = ProtobufUtil.newSerializationContext();
        WakeEventSchema schema = new WakeEventSchema();
        schema.registerSchema(context);
        schema.registerMarshallers(context);
        byte[] bytes = ProtobufUtil.toWrappedByteArray(context, new WakeEvent("challenge:abc"));
        Object back = ProtobufUtil.fromWrappedByteArray(context, bytes);
        assertThat(back).isEqualTo(new WakeEvent("challenge:abc"));
    }

    @Test
    void userAgentsAreNamedReadably() {
        String chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
        assertThat(UserAgents.browser(chrome)).isEqualTo("Chrome 156");
        assertThat(UserAgents.os(chrome)).isEqualTo("Linux");
        String iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1";
        assertThat(UserAgents.browser(iphone)).isEqualTo("Safari 17");
        assertThat(UserAgents.os(iphone)).isEqualTo("iOS");
        assertThat(UserAgents.browser(null)).isEqualTo("?");
    }

    @Test
    void pushSubscriptionsMustBeHttps() {
        String p256dh = "B" + "A".repeat(86);
        assertThat(DeviceResource.validSubscription(Map.of("endpoint", "https://push.example/x", "p256dh", p256dh, "auth", "A".repeat(22)))).isTrue();
        assertThat(DeviceResource.validSubscription(Map.of("endpoint", "http://127.0.0.1:8080/admin", "p256dh", p256dh, "auth", "A".repeat(22)))).isFalse();
        assertThat(DeviceResource.validSubscription(Map.of("endpoint", "https://user:pw@push.example/x", "p256dh", p256dh, "auth", "A".repeat(22)))).isFalse();
        assertThat(DeviceResource.validSubscription(Map.of("endpoint", "https://push.example/x", "p256dh", "short", "auth", "A".repeat(22)))).isFalse();
    }

    @Test
    void htuMustNameThisEndpointAtTheRealmsOwnUrl() {
        java.net.URI expected = java.net.URI.create("https://login.example.org/realms/werkplek/tweestap-device/poll");
        assertThat(DeviceJws.sameEndpoint("https://login.example.org/realms/werkplek/tweestap-device/poll", expected)).isTrue();
        assertThat(DeviceJws.sameEndpoint("HTTPS://Login.Example.ORG:443/realms/werkplek/tweestap-device/poll", expected)).isTrue();
        assertThat(DeviceJws.sameEndpoint("https://login.example.org/realms/werkplek/tweestap-device/poll?x=1", expected)).isTrue();
        // Only the path used to count: another host, scheme, port or a longer path were accepted.
        assertThat(DeviceJws.sameEndpoint("https://evil.example/realms/werkplek/tweestap-device/poll", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("http://login.example.org/realms/werkplek/tweestap-device/poll", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("https://login.example.org:8443/realms/werkplek/tweestap-device/poll", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("https://login.example.org/x/realms/werkplek/tweestap-device/poll", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("https://login.example.org/realms/werkplek/tweestap-device/answer", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("https://user@login.example.org/realms/werkplek/tweestap-device/poll", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("/realms/werkplek/tweestap-device/poll", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("https://login.example.org/realms/werkplek/tweestap-device/poll/", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint("not a url", expected)).isFalse();
        assertThat(DeviceJws.sameEndpoint(null, expected)).isFalse();
        java.net.URI local = java.net.URI.create("http://localhost:8080/realms/werkplek/tweestap-device/poll");
        assertThat(DeviceJws.sameEndpoint("http://localhost:8080/realms/werkplek/tweestap-device/poll", local)).isTrue();
        assertThat(DeviceJws.sameEndpoint("http://localhost/realms/werkplek/tweestap-device/poll", local)).isFalse();
    }

    @Test
    void onlyApplicationJoseIsAccepted() {
        assertThat(DeviceJws.joseContentType("application/jose")).isTrue();
        assertThat(DeviceJws.joseContentType("Application/JOSE")).isTrue();
        assertThat(DeviceJws.joseContentType("application/jose; charset=utf-8")).isTrue();
        assertThat(DeviceJws.joseContentType("application/jose;charset=\"UTF-8\"")).isTrue();
        assertThat(DeviceJws.joseContentType(null)).isFalse();
        assertThat(DeviceJws.joseContentType("")).isFalse();
        assertThat(DeviceJws.joseContentType("application/jose; charset=utf-16")).isFalse();
        assertThat(DeviceJws.joseContentType("application/jose; charset=utf-8; x=y")).isFalse();
        assertThat(DeviceJws.joseContentType("application/jose;")).isFalse();
        assertThat(DeviceJws.joseContentType("application/jose+json")).isFalse();
        assertThat(DeviceJws.joseContentType("text/plain")).isFalse();
        assertThat(DeviceJws.joseContentType("application/json")).isFalse();
    }
}
