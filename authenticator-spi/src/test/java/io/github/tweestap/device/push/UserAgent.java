package io.github.tweestap.device.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving side of RFC 8291, written separately from the code under test (its own point encoding and HKDF):
 * a browser's push subscription (a P-256 key pair and a 16-byte auth secret) that decrypts what it is sent.
 */
final class UserAgent {

    static final ECParameterSpec P256 = p256();

    final KeyPair keys;
    final byte[] auth;

    UserAgent() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        auth = new byte[16];
        new SecureRandom().nextBytes(auth);
    }

    PushTarget subscription(String endpoint) {
        return new PushTarget("device-1", endpoint, b64(point((ECPublicKey) keys.getPublic())), b64(auth));
    }

    byte[] decrypt(byte[] body) throws GeneralSecurityException {
        return decrypt(keys.getPrivate(), point((ECPublicKey) keys.getPublic()), auth, body);
    }

    /** RFC 8291 section 3 and RFC 8188, as the user agent applies them to a one-record aes128gcm body. */
    static byte[] decrypt(PrivateKey uaPrivate, byte[] uaPublic, byte[] auth, byte[] body)
            throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int rs = in.getInt();
        int idlen = in.get() & 0xff;
        if (rs != 4096 || idlen != 65) {
            throw new GeneralSecurityException("unexpected header: rs " + rs + ", idlen " + idlen);
        }
        byte[] asPublic = new byte[idlen];
        in.get(asPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (ciphertext.length > rs) {
            throw new GeneralSecurityException("more than one record");
        }

        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(uaPrivate);
        ecdh.doPhase(publicKey(asPublic), true);
        byte[] sharedSecret = ecdh.generateSecret();

        byte[] keyInfo = join(ascii("WebPush: info"), new byte[1], uaPublic, asPublic);
        byte[] ikm = hkdf(auth, sharedSecret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, join(ascii("Content-Encoding: aes128gcm"), new byte[1]), 16);
        byte[] nonce = hkdf(salt, ikm, join(ascii("Content-Encoding: nonce"), new byte[1]), 12);

        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = aes.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("no last-record delimiter");
        }
        return Arrays.copyOf(padded, end);
    }

    /** RFC 5869 HKDF-SHA256 (extract, then expand to {@code length} bytes). */
    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        byte[] prk = hmac(salt, ikm);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            block = hmac(prk, join(block, info, new byte[] {(byte) counter}));
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            written += n;
        }
        return out;
    }

    static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
    }

    static PrivateKey privateKey(byte[] d) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), P256));
    }

    static byte[] point(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        unsigned(key.getW().getAffineX(), out, 1);
        unsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void unsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 32) {
            bytes = Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
        }
        System.arraycopy(bytes, 0, out, offset + 32 - bytes.length, bytes.length);
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] join(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
