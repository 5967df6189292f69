package io.github.tweestap.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which phone numbers the pack sends to: parsed with libphonenumber (a number without country code is read in the
 * default region), normalised to E.164, mobile numbers only, and only in the allowed regions.
 */
public final class PhonePolicy {

    /** Why a number was refused; each has a message key. */
    public enum Problem {
        MISSING("tweestapPhoneMissing"),
        INVALID("tweestapPhoneInvalid"),
        NOT_MOBILE("tweestapPhoneNotMobile"),
        REGION_NOT_ALLOWED("tweestapPhoneRegionNotAllowed");

        private final String messageKey;

        Problem(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** The outcome: an E.164 number, or the problem. */
    public record Result(String e164, String region, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;
    private final Set<String> allowedRegions;

    public PhonePolicy(String defaultRegion, Set<String> allowedRegions) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        Set<String> allowed = new TreeSet<>();
        allowedRegions.forEach(r -> allowed.add(r.toUpperCase(Locale.ROOT)));
        if (allowed.isEmpty()) {
            allowed.add(this.defaultRegion);
        }
        this.allowedRegions = Set.copyOf(allowed);
    }

    public static boolean isKnownRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    public Set<String> allowedRegions() {
        return allowedRegions;
    }

    public Result check(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Result(null, null, Problem.MISSING);
        }
        if (raw.length() > 40) {
            return new Result(null, null, Problem.INVALID);
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw.trim(), defaultRegion);
        } catch (NumberParseException e) {
            return new Result(null, null, Problem.INVALID);
        }
        if (!UTIL.isValidNumber(number)) {
            return new Result(null, null, Problem.INVALID);
        }
        String region = UTIL.getRegionCodeForNumber(number);
        String e164 = UTIL.format(number, PhoneNumberFormat.E164);
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return new Result(e164, region, Problem.NOT_MOBILE);
        }
        if (region == null || !allowedRegions.contains(region)) {
            return new Result(e164, region, Problem.REGION_NOT_ALLOWED);
        }
        return new Result(e164, region, null);
    }
}
