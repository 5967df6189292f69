package io.github.tweestap.companion;

import java.util.Base64;

/** base64url without padding, as JOSE uses it. */
final class B64 {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private B64() {
    }

    static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    static byte[] decode(String text) {
        return DECODER.decode(text);
    }
}
