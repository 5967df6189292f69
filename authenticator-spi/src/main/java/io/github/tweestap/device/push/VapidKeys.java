package io.github.tweestap.device.push;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * P-256 keys as Web Push writes them (base64url without padding): a public key is the 65-byte uncompressed point
 * {@code 0x04 ‖ X ‖ Y}, a private key the 32-byte scalar {@code d}. Used for the server's VAPID key pair (RFC 8292)
 * and for a subscription's {@code p256dh} key (RFC 8291). Only JDK classes, so that it also runs outside Keycloak.
 *
 * <p>For operators, {@link #main} prints a fresh VAPID key pair:
 *
 * <pre>
 * java -cp tweestap-authenticator-spi.jar io.github.tweestap.device.push.VapidKeys
 * </pre>
 *
 * <p>Give the public key to {@code --spi-tweestap-push-sender--web-push--vapid-public-key} (and to the companion
 * app, which subscribes with it as {@code applicationServerKey}); keep the private key secret, e.g. in Keycloak's
 * vault ({@code --spi-tweestap-push-sender--web-push--vapid-private-key=${vault.web_push_key}}). Changing the pair
 * makes every existing subscription unusable: devices must subscribe again.
 */
public final class VapidKeys {

    /** Length of an uncompressed P-256 point. */
    public static final int PUBLIC_KEY_LENGTH = 65;
    /** Length of a P-256 scalar and of a coordinate. */
    public static final int SCALAR_LENGTH = 32;

    private static final ECParameterSpec P256 = p256();

    private VapidKeys() {
    }

    /** Prints a new VAPID key pair as server options (base64url, no padding). */
    public static void main(String[] args) throws GeneralSecurityException {
        KeyPair pair = generate();
        System.out.println("# A new VAPID key pair for the Tweestap web-push sender. Keep the private key secret.");
        System.out.println("vapid-public-key=" + base64url(encodePublic((ECPublicKey) pair.getPublic())));
        System.out.println("vapid-private-key=" + base64url(encodePrivate((ECPrivateKey) pair.getPrivate())));
    }

    /** A new random P-256 key pair. */
    public static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(P256, new SecureRandom());
        return generator.generateKeyPair();
    }

    /** The curve's parameters (secp256r1). */
    static ECParameterSpec curve() {
        return P256;
    }

    /**
     * The public key written as a 65-byte uncompressed point.
     *
     * @throws IllegalArgumentException when the bytes are not a point on P-256
     */
    public static ECPublicKey decodePublic(byte[] uncompressed) {
        if (uncompressed == null || uncompressed.length != PUBLIC_KEY_LENGTH || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("not a 65-byte uncompressed P-256 point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 1 + SCALAR_LENGTH));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1 + SCALAR_LENGTH, PUBLIC_KEY_LENGTH));
        if (!onCurve(x, y)) {
            throw new IllegalArgumentException("not a point on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key", e);
        }
    }

    /**
     * The private key written as its 32-byte scalar.
     *
     * @throws IllegalArgumentException when the bytes are not a valid P-256 scalar (0 &lt; d &lt; n)
     */
    public static ECPrivateKey decodePrivate(byte[] scalar) {
        if (scalar == null || scalar.length != SCALAR_LENGTH) {
            throw new IllegalArgumentException("not a 32-byte P-256 scalar");
        }
        BigInteger d = new BigInteger(1, scalar);
        if (d.signum() == 0 || d.compareTo(P256.getOrder()) >= 0) {
            throw new IllegalArgumentException("not a valid P-256 scalar");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    /** The 65-byte uncompressed point {@code 0x04 ‖ X ‖ Y}. */
    public static byte[] encodePublic(ECPublicKey key) {
        byte[] out = new byte[PUBLIC_KEY_LENGTH];
        out[0] = 0x04;
        fixed(key.getW().getAffineX(), out, 1);
        fixed(key.getW().getAffineY(), out, 1 + SCALAR_LENGTH);
        return out;
    }

    /** The 32-byte scalar {@code d}. */
    public static byte[] encodePrivate(ECPrivateKey key) {
        byte[] out = new byte[SCALAR_LENGTH];
        fixed(key.getS(), out, 0);
        return out;
    }

    /** Whether {@code privateKey} belongs to {@code publicKey}: a signature made with one verifies with the other. */
    public static boolean matches(ECPrivateKey privateKey, ECPublicKey publicKey) {
        try {
            byte[] probe = "tweestap VAPID key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey, new SecureRandom());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Base64url without padding. */
    public static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Decodes base64url, with or without padding; the standard alphabet ({@code +/}) is accepted too, as some
     * clients report subscription keys that way.
     *
     * @throws IllegalArgumentException when the text is not base64
     */
    public static byte[] fromBase64url(String text) {
        String normalized = text.trim().replace('+', '-').replace('/', '_');
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == '=') {
            end--;
        }
        return Base64.getUrlDecoder().decode(normalized.substring(0, end));
    }

    /** y² = x³ + ax + b (mod p), with both coordinates in [0, p). */
    private static boolean onCurve(BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    /** Writes {@code value} big-endian into 32 bytes at {@code offset}, left-padded with zeros. */
    private static void fixed(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int length = Math.min(raw.length, SCALAR_LENGTH);
        System.arraycopy(raw, raw.length - length, out, offset + SCALAR_LENGTH - length, length);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }
}
