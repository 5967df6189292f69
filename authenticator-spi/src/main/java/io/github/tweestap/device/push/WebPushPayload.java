package io.github.tweestap.device.push;

import java.nio.charset.StandardCharsets;

/**
 * What the device's service worker or app receives once it has decrypted a push: UTF-8 JSON
 * {@code {"type":…,"challenge":…,"title":…,"body":…}} (absent values are {@code null}). Nothing secret: the device
 * fetches the challenge's details over its signed long-poll.
 */
public final class WebPushPayload {

    /**
     * The largest plaintext that fits one push: a push service must accept 4096 bytes of body (RFC 8030), of which
     * the aes128gcm header takes 86 and the GCM tag 16, and the padding delimiter one more (RFC 8291 section 4).
     */
    static final int MAX_BYTES = 4096 - 86 - 16 - 1;

    private WebPushPayload() {
    }

    /** The payload as text: what the device's service worker reads with {@code event.data.json()}. */
    public static String json(PushMessage message) {
        return new String(of(message), StandardCharsets.UTF_8);
    }

    static byte[] of(PushMessage message) {
        String json = "{\"type\":" + quote(message.type()) + ",\"challenge\":" + quote(message.challengeId())
                + ",\"title\":" + quote(message.title()) + ",\"body\":" + quote(message.body()) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal, or {@code null}. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
