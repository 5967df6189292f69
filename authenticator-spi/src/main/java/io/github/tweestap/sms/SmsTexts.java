package io.github.tweestap.sms;

/** SMS bodies. */
public final class SmsTexts {

    private SmsTexts() {
    }

    /**
     * The WebOTP format (last line {@code @<host> #<code>}), so a phone can offer the code to the login page of
     * {@code host} by itself.
     */
    public static String webOtp(String text, String host, String code) {
        if (host == null || host.isBlank()) {
            return text;
        }
        return text + "\n\n@" + host + " #" + code;
    }
}
