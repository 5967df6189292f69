package io.github.tweestap.device.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The VAPID {@code Authorization} header of RFC 8292: {@code vapid t=<JWT>, k=<public key>}. The JWT is ES256
 * (signature in JOSE form, R ‖ S, 64 bytes) with the claims {@code aud} (the push service's origin), {@code exp}
 * and {@code sub} (a {@code mailto:} or {@code https:} contact).
 */
final class VapidToken {

    /** How long a token is valid; RFC 8292 allows at most 24 hours. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final String HEADER = VapidKeys.base64url(
            "{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

    private VapidToken() {
    }

    /** The header value for a push to {@code endpoint}. */
    static String authorization(URI endpoint, String subject, ECPrivateKey privateKey, byte[] publicKey, Instant now)
            throws GeneralSecurityException {
        return "vapid t=" + jwt(audience(endpoint), subject, privateKey, now) + ", k=" + VapidKeys.base64url(publicKey);
    }

    static String jwt(String audience, String subject, ECPrivateKey privateKey, Instant now)
            throws GeneralSecurityException {
        String claims = "{\"aud\":" + WebPushPayload.quote(audience) + ",\"exp\":"
                + now.plus(LIFETIME).getEpochSecond() + ",\"sub\":" + WebPushPayload.quote(subject) + "}";
        String signingInput = HEADER + "." + VapidKeys.base64url(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey, new SecureRandom());
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + VapidKeys.base64url(joseSignature(signer.sign()));
    }

    /** The origin of {@code endpoint}: {@code scheme://host}, plus {@code :port} when it is not the default one. */
    static String audience(URI endpoint) {
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return defaultPort ? origin : origin + ":" + port;
    }

    /**
     * Converts the JDK's DER signature ({@code SEQUENCE { INTEGER r, INTEGER s }}) to the JOSE form: r and s as
     * unsigned 32-byte big-endian numbers, concatenated.
     */
    static byte[] joseSignature(byte[] der) throws GeneralSecurityException {
        int length = VapidKeys.SCALAR_LENGTH;
        byte[] out = new byte[2 * length];
        int[] position = {0};
        expect(der, position, 0x30);
        int sequenceLength = derLength(der, position);
        if (position[0] + sequenceLength != der.length) {
            throw new GeneralSecurityException("malformed ECDSA signature");
        }
        for (int part = 0; part < 2; part++) {
            expect(der, position, 0x02);
            int integerLength = derLength(der, position);
            int start = position[0];
            if (integerLength < 1 || start + integerLength > der.length) {
                throw new GeneralSecurityException("malformed ECDSA signature");
            }
            int skip = 0;
            while (skip < integerLength - 1 && der[start + skip] == 0) {
                skip++;
            }
            int significant = integerLength - skip;
            if (significant > length) {
                throw new GeneralSecurityException("malformed ECDSA signature");
            }
            System.arraycopy(der, start + skip, out, part * length + length - significant, significant);
            position[0] = start + integerLength;
        }
        if (position[0] != der.length) {
            throw new GeneralSecurityException("malformed ECDSA signature");
        }
        return out;
    }

    private static void expect(byte[] der, int[] position, int tag) throws GeneralSecurityException {
        if (position[0] >= der.length || (der[position[0]] & 0xff) != tag) {
            throw new GeneralSecurityException("malformed ECDSA signature");
        }
        position[0]++;
    }

    private static int derLength(byte[] der, int[] position) throws GeneralSecurityException {
        if (position[0] >= der.length) {
            throw new GeneralSecurityException("malformed ECDSA signature");
        }
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7f;
        if (octets < 1 || octets > 2 || position[0] + octets > der.length) {
            throw new GeneralSecurityException("malformed ECDSA signature");
        }
        int value = 0;
        for (int i = 0; i < octets; i++) {
            value = (value << 8) | (der[position[0]++] & 0xff);
        }
        return value;
    }
}
