package io.github.tweestap.companion;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

/** RFC 6238 time-based one-time passwords (HOTP, RFC 4226, over the time step). */
public final class Totp {

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L};

    private Totp() {
    }

    /** The code for {@code time} with the credential's key, digits, period and algorithm. */
    public static String code(TotpParams params, Instant time) {
        return code(params.key(), time, params.digits(), params.period(), params.algorithm());
    }

    /**
     * The code for {@code time}.
     *
     * @param algorithm {@code SHA1}, {@code SHA256} or {@code SHA512}; {@code HmacSHA1} and {@code SHA-1} spellings
     *                  are accepted too
     */
    public static String code(byte[] key, Instant time, int digits, int period, String algorithm) {
        if (digits < 1 || digits > 10) {
            throw new IllegalArgumentException("digits must be 1–10: " + digits);
        }
        return hotp(key, step(time, period), digits, macName(algorithm));
    }

    /** The time step {@code floor(epochSecond / period)}. */
    public static long step(Instant time, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return Math.floorDiv(time.getEpochSecond(), period);
    }

    /** Seconds until the code for {@code time} changes (1 … period). */
    public static int secondsLeft(Instant time, int period) {
        return (int) (period - Math.floorMod(time.getEpochSecond(), period));
    }

    private static String hotp(byte[] key, long counter, int digits, String macName) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(key, macName));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot compute " + macName + ": " + e.getMessage(), e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        long binary = ((hash[offset] & 0x7fL) << 24)
                | ((hash[offset + 1] & 0xffL) << 16)
                | ((hash[offset + 2] & 0xffL) << 8)
                | (hash[offset + 3] & 0xffL);
        long otp = binary % POWERS_OF_TEN[digits];
        StringBuilder text = new StringBuilder(Long.toString(otp));
        while (text.length() < digits) {
            text.insert(0, '0');
        }
        return text.toString();
    }

    static String macName(String algorithm) {
        String normalized = algorithm.trim().toUpperCase(Locale.ROOT).replace("-", "");
        if (normalized.startsWith("HMAC")) {
            normalized = normalized.substring(4);
        }
        switch (normalized) {
            case "SHA1":
                return "HmacSHA1";
            case "SHA256":
                return "HmacSHA256";
            case "SHA512":
                return "HmacSHA512";
            default:
                throw new IllegalArgumentException("Unsupported TOTP algorithm: " + algorithm);
        }
    }
}
