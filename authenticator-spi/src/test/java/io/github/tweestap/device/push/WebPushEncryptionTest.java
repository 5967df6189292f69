package io.github.tweestap.device.push;

import static io.github.tweestap.device.push.UserAgent.b64;
import static io.github.tweestap.device.push.UserAgent.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 8291 message encryption: the RFC's own example, byte for byte, and round trips through a user agent. */
class WebPushEncryptionTest {

    // RFC 8291 section 5 (intermediate values in appendix A).
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String MESSAGE = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
            + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
            + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void theRfc8291ExampleIsReproducedExactly() throws Exception {
        KeyPair ephemeral = new KeyPair(VapidKeys.decodePublic(unb64(AS_PUBLIC)),
                VapidKeys.decodePrivate(unb64(AS_PRIVATE)));

        byte[] body = WebPushEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), unb64(UA_PUBLIC),
                unb64(AUTH_SECRET), unb64(SALT), ephemeral);

        assertThat(b64(body)).isEqualTo(MESSAGE);
    }

    @Test
    void theUserAgentOfTheRfcExampleDecryptsItsMessage() throws Exception {
        byte[] plaintext = UserAgent.decrypt(UserAgent.privateKey(unb64(UA_PRIVATE)), unb64(UA_PUBLIC),
                unb64(AUTH_SECRET), unb64(MESSAGE));
        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void eachMessageHasAFreshSaltAndEphemeralKeyAndDecryptsForItsSubscription() throws Exception {
        UserAgent ua = new UserAgent();
        byte[] uaPublic = UserAgent.point((ECPublicKey) ua.keys.getPublic());
        byte[] plaintext = "{\"type\":\"login\",\"challenge\":\"c-1\",\"title\":\"Logt u in?\",\"body\":\"é ✓\"}"
                .getBytes(StandardCharsets.UTF_8);

        byte[] first = WebPushEncryption.encrypt(plaintext, uaPublic, ua.auth);
        byte[] second = WebPushEncryption.encrypt(plaintext, uaPublic, ua.auth);

        assertThat(first).hasSize(86 + plaintext.length + 1 + 16);
        ByteBuffer header = ByteBuffer.wrap(first);
        header.position(16);
        assertThat(header.getInt()).isEqualTo(4096);
        assertThat(header.get()).isEqualTo((byte) 65);
        assertThat(first[21]).isEqualTo((byte) 4);
        assertThat(Arrays.copyOf(first, 16)).isNotEqualTo(Arrays.copyOf(second, 16));
        assertThat(Arrays.copyOfRange(first, 21, 86)).isNotEqualTo(Arrays.copyOfRange(second, 21, 86));
        assertThat(ua.decrypt(first)).isEqualTo(plaintext);
        assertThat(ua.decrypt(second)).isEqualTo(plaintext);

        UserAgent other = new UserAgent();
        assertThatThrownBy(() -> other.decrypt(first)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aSubscriptionKeyThatIsNotOnTheCurveIsRefused() throws Exception {
        byte[] notOnCurve = unb64(UA_PUBLIC);
        notOnCurve[64] ^= 1;
        assertThatThrownBy(() -> WebPushEncryption.encrypt(new byte[1], notOnCurve, unb64(AUTH_SECRET)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> WebPushEncryption.encrypt(new byte[1], unb64(UA_PUBLIC), new byte[15]))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
