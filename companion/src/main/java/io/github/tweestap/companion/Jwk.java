package io.github.tweestap.companion;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A P-256 public key as a JSON Web Key: {@code {"kty":"EC","crv":"P-256","x":"…","y":"…"}}, the coordinates
 * base64url without padding, 32 bytes each, left-padded with zeros.
 */
public record Jwk(String kty, String crv, String x, String y) {

    /** Bytes of one P-256 coordinate. */
    public static final int COORDINATE_BYTES = 32;

    public Jwk {
        Objects.requireNonNull(kty, "kty");
        Objects.requireNonNull(crv, "crv");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
    }

    /** The JWK of a P-256 public key. */
    public static Jwk of(ECPublicKey key) {
        ECPoint w = key.getW();
        return new Jwk("EC", "P-256", B64.encode(unsigned(w.getAffineX())), B64.encode(unsigned(w.getAffineY())));
    }

    /** Reads the four members from a JSON object's fields (other members are ignored). */
    public static Jwk fromMap(Map<String, ?> map) {
        return new Jwk(string(map, "kty"), string(map, "crv"), string(map, "x"), string(map, "y"));
    }

    /** The members in the order they are written: kty, crv, x, y. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kty", kty);
        map.put("crv", crv);
        map.put("x", x);
        map.put("y", y);
        return map;
    }

    /**
     * The public key this JWK describes.
     *
     * @throws IllegalArgumentException if it is not a P-256 key or the point is not on the curve
     */
    public ECPublicKey toPublicKey() {
        if (!"EC".equals(kty) || !"P-256".equals(crv)) {
            throw new IllegalArgumentException("Not a P-256 JWK: kty=" + kty + ", crv=" + crv);
        }
        byte[] xb = B64.decode(x);
        byte[] yb = B64.decode(y);
        if (xb.length != COORDINATE_BYTES || yb.length != COORDINATE_BYTES) {
            throw new IllegalArgumentException("P-256 coordinates must be 32 bytes each");
        }
        ECParameterSpec curve = p256();
        BigInteger px = new BigInteger(1, xb);
        BigInteger py = new BigInteger(1, yb);
        if (!onCurve(curve, px, py)) {
            throw new IllegalArgumentException("The point is not on P-256");
        }
        try {
            ECPoint point = new ECPoint(px, py);
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a valid P-256 public key: " + e.getMessage(), e);
        }
    }

    /** y² = x³ + ax + b (mod p), with 0 ≤ x, y &lt; p. (The JDK's KeyFactory does not check this.) */
    private static boolean onCurve(ECParameterSpec spec, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no secp256r1", e);
        }
    }

    /** The value as exactly 32 big-endian bytes: BigInteger's sign byte dropped, short values left-padded. */
    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == COORDINATE_BYTES) {
            return bytes;
        }
        if (bytes.length > COORDINATE_BYTES) {
            if (bytes.length == COORDINATE_BYTES + 1 && bytes[0] == 0) {
                return Arrays.copyOfRange(bytes, 1, bytes.length);
            }
            throw new IllegalArgumentException("Coordinate longer than 32 bytes");
        }
        byte[] padded = new byte[COORDINATE_BYTES];
        System.arraycopy(bytes, 0, padded, COORDINATE_BYTES - bytes.length, bytes.length);
        return padded;
    }

    private static String string(Map<String, ?> map, String name) {
        Object value = map.get(name);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("JWK member '" + name + "' missing or not a string");
        }
        return s;
    }
}
