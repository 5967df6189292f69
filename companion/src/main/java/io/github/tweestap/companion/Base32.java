package io.github.tweestap.companion;

import java.io.ByteArrayOutputStream;

/** RFC 4648 base32 (the alphabet {@code A–Z2–7}), as TOTP secrets are written. */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    /** Encodes with {@code =} padding to a multiple of 8 characters, as RFC 4648 section 6 does. */
    public static String encode(byte[] data) {
        return encode(data, true);
    }

    public static String encode(byte[] data, boolean padding) {
        StringBuilder out = new StringBuilder((data.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        if (padding) {
            while (out.length() % 8 != 0) {
                out.append('=');
            }
        }
        return out.toString();
    }

    /**
     * Decodes base32 text. Upper and lower case are accepted; {@code =} padding, spaces and dashes are ignored
     * (secrets are often shown in groups).
     *
     * @throws IllegalArgumentException on a character outside the alphabet or a length no encoder produces
     */
    public static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' || c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            int value = valueOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not a base32 character: '" + c + "'");
            }
            count++;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        // Lengths 1, 3 and 6 (mod 8) leave more than a partial byte: no encoder writes them.
        int rest = count % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("Not a valid base32 length: " + count + " characters");
        }
        return out.toByteArray();
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
