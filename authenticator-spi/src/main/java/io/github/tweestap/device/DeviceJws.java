package io.github.tweestap.device;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A device request: a compact JWS (ES256 on P-256) whose payload holds the request's fields plus {@code htm},
 * {@code htu}, {@code iat} and {@code jti}. Parsing checks only the form; {@link #verify} checks the signature.
 */
public record DeviceJws(Map<String, Object> header, Map<String, Object> payload, byte[] signingInput, byte[] signature) {

    private static final int MAX_LENGTH = 16_384;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a compact JWS; null when it is not one (or not ES256). */
    public static DeviceJws parse(String compact) {
        if (compact == null || compact.length() > MAX_LENGTH) {
            return null;
        }
        String[] parts = compact.trim().split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            Map<String, Object> header = JSON.readValue(decoder.decode(parts[0]), MAP);
            Map<String, Object> payload = JSON.readValue(decoder.decode(parts[1]), MAP);
            byte[] signature = decoder.decode(parts[2]);
            if (header == null || payload == null || !"ES256".equals(header.get("alg")) || signature.length != 64) {
                return null;
            }
            return new DeviceJws(header, payload,
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    public String kid() {
        Object kid = header.get("kid");
        return kid instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> embeddedJwk() {
        Object jwk = header.get("jwk");
        if (!(jwk instanceof Map<?, ?> map)) {
            return null;
        }
        Object x = map.get("x");
        Object y = map.get("y");
        if (!"EC".equals(map.get("kty")) || !"P-256".equals(map.get("crv")) || !(x instanceof String) || !(y instanceof String)) {
            return null;
        }
        return Map.of("kty", "EC", "crv", "P-256", "x", (String) x, "y", (String) y);
    }

    public String text(String field) {
        Object value = payload.get(field);
        return value instanceof String s ? s : null;
    }

    public Long number(String field) {
        Object value = payload.get(field);
        return value instanceof Number n ? n.longValue() : null;
    }

    public Boolean bool(String field) {
        Object value = payload.get(field);
        return value instanceof Boolean b ? b : null;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> object(String field) {
        Object value = payload.get(field);
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof String)) {
                return null;
            }
        }
        return (Map<String, String>) map;
    }

    /** Whether the signature is the key's (ES256, JOSE R‖S form). */
    public boolean verify(Map<String, String> jwk) {
        try {
            PublicKey key = publicKey(jwk);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(toDer(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** An EC P-256 public key from a JWK; throws when the point is not on the curve. */
    static PublicKey publicKey(Map<String, String> jwk) throws GeneralSecurityException {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        byte[] x = decoder.decode(jwk.get("x"));
        byte[] y = decoder.decode(jwk.get("y"));
        if (x.length != 32 || y.length != 32) {
            throw new GeneralSecurityException("P-256 coordinates must be 32 bytes");
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    /** JOSE R‖S (64 bytes) to ASN.1 DER, as {@link Signature} expects. */
    static byte[] toDer(byte[] jose) {
        byte[] r = integer(jose, 0);
        byte[] s = integer(jose, 32);
        int length = 2 + r.length + 2 + s.length;
        byte[] der = new byte[2 + length];
        der[0] = 0x30;
        der[1] = (byte) length;
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }

    private static byte[] integer(byte[] jose, int offset) {
        int start = offset;
        while (start < offset + 31 && jose[start] == 0) {
            start++;
        }
        boolean pad = (jose[start] & 0x80) != 0;
        byte[] value = new byte[offset + 32 - start + (pad ? 1 : 0)];
        System.arraycopy(jose, start, value, pad ? 1 : 0, offset + 32 - start);
        return value;
    }

    /**
     * Whether the signed {@code htu} names {@code expected}: the same scheme, host and port (case-insensitive, a
     * default port written or not) and exactly the same path; a query or fragment is ignored (RFC 9449 §4.3), user
     * information is refused.
     */
    static boolean sameEndpoint(String htu, java.net.URI expected) {
        if (htu == null || htu.length() > 2048) {
            return false;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(htu);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        return uri.isAbsolute() && uri.getRawUserInfo() == null && uri.getHost() != null
                && uri.getScheme().equalsIgnoreCase(expected.getScheme())
                && uri.getHost().equalsIgnoreCase(expected.getHost())
                && port(uri) == port(expected)
                && expected.getRawPath().equals(uri.getRawPath());
    }

    private static int port(java.net.URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    /**
     * PROTOCOL.md: {@code Content-Type: application/jose}, with at most a {@code charset=utf-8} parameter. A missing
     * type, another type, another charset or any other parameter is refused (415), before the body is looked at.
     */
    static boolean joseContentType(String header) {
        if (header == null) {
            return false;
        }
        String[] parts = header.split(";", -1);
        if (!DeviceResource.JOSE.equalsIgnoreCase(parts[0].trim())) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq < 0 || !"charset".equalsIgnoreCase(parameter.substring(0, eq).trim())) {
                return false;
            }
            String value = parameter.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!"utf-8".equalsIgnoreCase(value)) {
                return false;
            }
        }
        return true;
    }
}
