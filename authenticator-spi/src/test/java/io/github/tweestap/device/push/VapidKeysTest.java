package io.github.tweestap.device.push;

import io.github.tweestap.support.MapScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VAPID keys as options, the operators' key generator, and the JOSE form of ES256 signatures. */
class VapidKeysTest {

    @Test
    void theGeneratorPrintsAPairThatTheProviderAccepts() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            VapidKeys.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        Map<String, String> options = new HashMap<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (!line.startsWith("#") && line.contains("=")) {
                options.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(options).containsOnlyKeys("vapid-public-key", "vapid-private-key");
        assertThat(options.get("vapid-public-key")).matches("[A-Za-z0-9_-]{87}");
        assertThat(options.get("vapid-private-key")).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(options.get("vapid-public-key"))).hasSize(65).startsWith(4);

        options.put("subject", "mailto:beheer@example.nl");
        WebPushSenderProviderFactory factory = new WebPushSenderProviderFactory();
        factory.init(new MapScope(options));
        assertThat(factory.problem()).isNull();
    }

    @Test
    void keysRoundTripAndPairsAreRecognised() throws Exception {
        KeyPair pair = VapidKeys.generate();
        KeyPair other = VapidKeys.generate();
        ECPublicKey publicKey = VapidKeys.decodePublic(VapidKeys.encodePublic((ECPublicKey) pair.getPublic()));
        ECPrivateKey privateKey = VapidKeys.decodePrivate(VapidKeys.encodePrivate((ECPrivateKey) pair.getPrivate()));

        assertThat(publicKey.getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
        assertThat(privateKey.getS()).isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
        assertThat(VapidKeys.matches(privateKey, publicKey)).isTrue();
        assertThat(VapidKeys.matches(privateKey, (ECPublicKey) other.getPublic())).isFalse();
    }

    @Test
    void malformedKeysAreRefused() throws Exception {
        byte[] point = VapidKeys.encodePublic((ECPublicKey) new UserAgent().keys.getPublic());
        byte[] offCurve = point.clone();
        offCurve[64] ^= 1;
        byte[] compressed = Arrays.copyOf(point, 33);
        compressed[0] = 2;
        assertThatThrownBy(() -> VapidKeys.decodePublic(offCurve)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VapidKeys.decodePublic(compressed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VapidKeys.decodePrivate(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VapidKeys.decodePrivate(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        byte[] order = fixed(VapidKeys.curve().getOrder());
        assertThatThrownBy(() -> VapidKeys.decodePrivate(order)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VapidKeys.fromBase64url("not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThat(VapidKeys.fromBase64url("BTBZMqHH6r4Tts7J/aSIgg==")).isEqualTo(VapidKeys.fromBase64url("BTBZMqHH6r4Tts7J_aSIgg"));
    }

    @Test
    void derSignaturesBecomeFixedLengthRAndS() throws Exception {
        byte[] r = new byte[33];
        Arrays.fill(r, (byte) 0x81);
        r[0] = 0; // a sign byte before a high bit
        byte[] s = new byte[31];
        Arrays.fill(s, (byte) 0x22); // a short integer, to be left-padded
        byte[] der = new byte[2 + 2 + 33 + 2 + 31];
        der[0] = 0x30;
        der[1] = (byte) (der.length - 2);
        der[2] = 0x02;
        der[3] = 33;
        System.arraycopy(r, 0, der, 4, 33);
        der[37] = 0x02;
        der[38] = 31;
        System.arraycopy(s, 0, der, 39, 31);

        byte[] jose = VapidToken.joseSignature(der);

        assertThat(jose).hasSize(64);
        assertThat(Arrays.copyOfRange(jose, 0, 32)).isEqualTo(Arrays.copyOfRange(r, 1, 33));
        assertThat(jose[32]).isZero();
        assertThat(Arrays.copyOfRange(jose, 33, 64)).isEqualTo(s);
        assertThatThrownBy(() -> VapidToken.joseSignature(Arrays.copyOf(der, der.length - 1)))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void theAudienceIsTheEndpointsOrigin() {
        assertThat(VapidToken.audience(URI.create("https://fcm.googleapis.com/fcm/send/abc:def")))
                .isEqualTo("https://fcm.googleapis.com");
        assertThat(VapidToken.audience(URI.create("https://Push.Example.net:443/p/1"))).isEqualTo("https://push.example.net");
        assertThat(VapidToken.audience(URI.create("https://push.example.net:8443/p/1?x=1")))
                .isEqualTo("https://push.example.net:8443");
        assertThat(VapidToken.audience(URI.create("http://[::1]:9000/p"))).isEqualTo("http://[::1]:9000");
    }

    @Test
    void theProviderDescribesItsOptions() {
        List<String> names = new WebPushSenderProviderFactory().getConfigMetadata().stream().map(p -> p.getName()).toList();
        assertThat(names).containsExactly("vapid-public-key", "vapid-private-key", "subject", "connect-timeout-ms",
                "read-timeout-ms");
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        return Arrays.copyOfRange(raw, raw.length - 32, raw.length);
    }
}
