package io.github.tweestap.it.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** What a phone's authenticator app does: read the QR code, keep the key, compute RFC 6238 codes. */
public final class Totp {

    private Totp() {
    }

    /** Decodes a QR code given as a PNG data URI (or bare base64) into its text. */
    public static String decodeQr(String dataUri) {
        String base64 = dataUri.substring(dataUri.indexOf(',') + 1).trim();
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            Map<com.google.zxing.DecodeHintType, Object> hints = new java.util.EnumMap<>(com.google.zxing.DecodeHintType.class);
            hints.put(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
            try {
                return new QRCodeReader().decode(bitmap, hints).getText();
            } catch (com.google.zxing.ReaderException e) {
                // A clean, generated image: read it as a pure barcode (the camera-style search sometimes locks onto a
                // wrong grid and reports a checksum or format error instead of "not found").
                hints.put(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE);
                return new QRCodeReader().decode(bitmap, hints).getText();
            }
        } catch (IOException | com.google.zxing.ReaderException e) {
            throw new AssertionError("the QR code could not be read", e);
        }
    }

    /** The query parameters of an otpauth URI. */
    public static Map<String, String> parameters(String otpauthUri) {
        Map<String, String> values = new HashMap<>();
        String query = URI.create(otpauthUri).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The code for a base32 key at a time (seconds since the epoch), HMAC-SHA1. */
    public static String code(String base32Key, long epochSeconds, int digits, int period) {
        return code(base32Decode(base32Key), epochSeconds / period, digits);
    }

    /** RFC 4226/6238 HOTP value for a counter. */
    public static String code(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulo = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulo);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] base32Decode(String encoded) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = encoded.replaceAll("[\\s=]", "").toUpperCase();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
