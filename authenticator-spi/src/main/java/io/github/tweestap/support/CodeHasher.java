package io.github.tweestap.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps one-time codes out of session storage: only HMAC-SHA256(key, salt || context || code) is stored, where the
 * key is a server secret (the realm's active HMAC key) that never leaves the server's key store, so a copy of the
 * session store does not let anyone enumerate the short code space offline. Comparison is constant-time.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    public CodeHasher(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a hashing key of at least 16 bytes is required");
        }
        this.key = key.clone();
    }

    /**
     * @param salt    random bytes, fresh for each code
     * @param context binds the hash to where the code is valid (for example the authentication session id)
     * @param code    the code itself
     * @return base64url of the MAC, without padding
     */
    public String hash(byte[] salt, String context, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update(salt);
            mac.update((byte) 0);
            mac.update(context.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(code.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Constant-time check of a typed code against a stored hash. */
    public boolean matches(byte[] salt, String context, String typedCode, String storedHash) {
        if (typedCode == null || storedHash == null) {
            return false;
        }
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(salt, context, typedCode).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    public static String encodeSalt(byte[] salt) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(salt);
    }

    public static byte[] decodeSalt(String salt) {
        return Base64.getUrlDecoder().decode(salt);
    }
}
