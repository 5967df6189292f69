package io.github.tweestap.sms;

import java.util.regex.Pattern;
import org.keycloak.models.UserModel;

/** Reading the user's mobile number. Full E.164 normalisation and verification come with the gateway work. */
public final class PhoneNumbers {

    public static final String ATTRIBUTE = "phoneNumber";

    private static final Pattern PLAUSIBLE = Pattern.compile("\\+?[0-9]{8,15}");

    private PhoneNumbers() {
    }

    /** The user's number with separators removed, or null when absent or not a plausible phone number. */
    public static String of(UserModel user) {
        return user == null ? null : clean(user.getFirstAttribute(ATTRIBUTE));
    }

    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned = raw.replaceAll("[\\s\\-().]", "");
        return PLAUSIBLE.matcher(cleaned).matches() ? cleaned : null;
    }

    /** For display: all but the last two digits hidden, e.g. {@code +31*******78}. */
    public static String masked(String number) {
        return SmsMessage.maskNumber(number);
    }
}
