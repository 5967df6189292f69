package io.github.tweestap.companion;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Map;

/**
 * Compact JWS with ES256 (ECDSA P-256 with SHA-256), the signature in JOSE form: R‖S, 32 bytes each, not DER.
 * The JDK's {@code SHA256withECDSA} speaks DER; {@link #derToJose} and {@link #joseToDer} convert.
 */
public final class Jws {

    public static final String ALG = "ES256";
    public static final String TYP = "tweestap-device+jwt";

    private static final int HALF = 32;

    private Jws() {
    }

    /** Signs header and payload (written as JSON in their map order) and returns {@code header.payload.signature}. */
    public static String sign(Map<String, ?> header, Map<String, ?> payload, PrivateKey key) {
        return signJson(Json.write(header), Json.write(payload), key);
    }

    /** Signs the given JSON texts as they are: for requests that must be byte-exact or deliberately malformed. */
    public static String signJson(String headerJson, String payloadJson, PrivateKey key) {
        String signingInput = B64.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encode(derToJose(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** The three parts of a compact JWS, decoded; the signature is not checked. */
    public record Decoded(JsonNode header, JsonNode payload, String signingInput, byte[] signature) {

        /** The signature (JOSE form) verified against {@code key}. */
        public boolean verify(PublicKey key) {
            if (signature.length != 2 * HALF) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(key);
                verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return verifier.verify(joseToDer(signature));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "Jws.Decoded[header=" + header + ", payload=" + payload + "]";
        }
    }

    /**
     * Splits and decodes a compact JWS.
     *
     * @throws IllegalArgumentException if it does not have three base64url parts with JSON header and payload
     */
    public static Decoded decode(String compact) {
        String[] parts = compact.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("A compact JWS has three parts, this has " + parts.length);
        }
        JsonNode header = Json.read(new String(B64.decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode payload = Json.read(new String(B64.decode(parts[1]), StandardCharsets.UTF_8));
        return new Decoded(header, payload, parts[0] + "." + parts[1], B64.decode(parts[2]));
    }

    /** Whether {@code compact} is a well-formed ES256 JWS whose signature verifies with {@code key}. */
    public static boolean verify(String compact, PublicKey key) {
        try {
            Decoded decoded = decode(compact);
            return ALG.equals(Json.text(decoded.header(), "alg")) && decoded.verify(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} to R‖S, each left-padded to 32 bytes. */
    public static byte[] derToJose(byte[] der) {
        int[] pos = {0};
        expect(der, pos, 0x30);
        int sequenceLength = readLength(der, pos);
        if (pos[0] + sequenceLength != der.length) {
            throw new IllegalArgumentException("DER signature: sequence length does not match");
        }
        byte[] r = readInteger(der, pos);
        byte[] s = readInteger(der, pos);
        if (pos[0] != der.length) {
            throw new IllegalArgumentException("DER signature: trailing bytes");
        }
        byte[] jose = new byte[2 * HALF];
        System.arraycopy(fixed(r), 0, jose, 0, HALF);
        System.arraycopy(fixed(s), 0, jose, HALF, HALF);
        return jose;
    }

    /** R‖S (64 bytes) to DER {@code SEQUENCE { INTEGER r, INTEGER s }} with minimal integer encodings. */
    public static byte[] joseToDer(byte[] jose) {
        if (jose.length != 2 * HALF) {
            throw new IllegalArgumentException("An ES256 signature is 64 bytes, this is " + jose.length);
        }
        byte[] r = new BigInteger(1, Arrays.copyOfRange(jose, 0, HALF)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(jose, HALF, 2 * HALF)).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInteger(body, r);
        writeInteger(body, s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void expect(byte[] der, int[] pos, int tag) {
        if (pos[0] >= der.length || (der[pos[0]] & 0xff) != tag) {
            throw new IllegalArgumentException("DER signature: expected tag " + tag + " at " + pos[0]);
        }
        pos[0]++;
    }

    private static int readLength(byte[] der, int[] pos) {
        if (pos[0] >= der.length) {
            throw new IllegalArgumentException("DER signature: truncated");
        }
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int count = first & 0x7f;
        if (count == 0 || count > 2 || pos[0] + count > der.length) {
            throw new IllegalArgumentException("DER signature: bad length");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }

    private static byte[] readInteger(byte[] der, int[] pos) {
        expect(der, pos, 0x02);
        int length = readLength(der, pos);
        if (length == 0 || pos[0] + length > der.length) {
            throw new IllegalArgumentException("DER signature: bad integer");
        }
        byte[] value = Arrays.copyOfRange(der, pos[0], pos[0] + length);
        pos[0] += length;
        return value;
    }

    /** A DER integer's bytes (maybe with a 0x00 sign byte) as exactly 32 bytes. */
    private static byte[] fixed(byte[] integer) {
        int start = 0;
        while (start < integer.length - 1 && integer[start] == 0) {
            start++;
        }
        int length = integer.length - start;
        if (length > HALF) {
            throw new IllegalArgumentException("DER signature: integer longer than 32 bytes");
        }
        byte[] out = new byte[HALF];
        System.arraycopy(integer, start, out, HALF - length, length);
        return out;
    }

    private static void writeInteger(ByteArrayOutputStream out, byte[] twosComplement) {
        out.write(0x02);
        writeLength(out, twosComplement.length);
        out.writeBytes(twosComplement);
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
    }
}
