package io.github.tweestap.sms;

import java.util.List;
import java.util.Objects;

/**
 * One text message to send.
 *
 * @param realm   realm name, for routing and the dev outbox
 * @param to      destination number (E.164 where known)
 * @param text    the full message body, localised
 * @param secrets parts of the body that must never appear in a log (codes, links with tokens)
 */
public record SmsMessage(String realm, String to, String text, List<String> secrets) {

    public SmsMessage {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** The body with every secret replaced by asterisks, safe to log. */
    public String maskedText() {
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                masked = masked.replace(secret, "*".repeat(Math.min(secret.length(), 8)));
            }
        }
        return masked;
    }

    /** The number with all but the last two digits hidden, safe to log or to show. */
    public static String maskNumber(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("[^0-9+]", "");
        if (digits.length() <= 4) {
            return "****";
        }
        String prefix = digits.startsWith("+") ? digits.substring(0, 3) : digits.substring(0, 2);
        return prefix + "*".repeat(digits.length() - prefix.length() - 2) + digits.substring(digits.length() - 2);
    }
}
