package io.github.tweestap.support;

import java.security.SecureRandom;

/**
 * One-time numeric codes drawn from a CSPRNG, uniformly (no modulo bias) and with leading zeros kept.
 */
public final class SecureCodes {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 9;

    private final SecureRandom random;

    public SecureCodes(SecureRandom random) {
        this.random = random;
    }

    public static SecureCodes create() {
        return new SecureCodes(new SecureRandom());
    }

    /** A code of exactly {@code length} decimal digits, every value equally likely. */
    public String numeric(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("code length must be between " + MIN_LENGTH + " and " + MAX_LENGTH);
        }
        int bound = 1;
        for (int i = 0; i < length; i++) {
            bound *= 10;
        }
        int value = random.nextInt(bound);
        StringBuilder code = new StringBuilder(Integer.toString(value));
        while (code.length() < length) {
            code.insert(0, '0');
        }
        return code.toString();
    }

    /** Random bytes, e.g. a salt. */
    public byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Normalises what a person typed: spaces and dashes removed. Returns null when nothing is left. */
    public static String normaliseTyped(String typed) {
        if (typed == null) {
            return null;
        }
        String cleaned = typed.replaceAll("[\\s\\-]", "");
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** True when {@code value} is exactly {@code length} ASCII digits. */
    public static boolean isDigits(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
