package io.github.tweestap.sms;

import org.keycloak.models.UserModel;

/**
 * The user's mobile number as the pack may use it for authentication: {@code phoneNumber}, normalised by the
 * {@link PhonePolicy}, and equal to the number in {@link #ATTRIBUTE}, which only the pack writes after a code sent
 * to that number was confirmed (by a typed code or the SMS link). The user profile declares
 * that attribute read-only for users and admins, so an edit of {@code phoneNumber} never inherits a verification.
 */
public final class VerifiedPhone {

    public static final String PHONE_ATTRIBUTE = "phoneNumber";
    public static final String ATTRIBUTE = "tweestapVerifiedPhone";

    /** Why no number can be used. */
    public enum Problem {
        MISSING, NOT_ALLOWED, UNVERIFIED
    }

    public record Lookup(String e164, Problem problem, PhonePolicy.Result check) {
        public boolean ok() {
            return problem == null;
        }
    }

    private VerifiedPhone() {
    }

    public static Lookup of(UserModel user, PhonePolicy policy) {
        String raw = user == null ? null : user.getFirstAttribute(PHONE_ATTRIBUTE);
        PhonePolicy.Result check = policy.check(raw);
        if (check.problem() == PhonePolicy.Problem.MISSING) {
            return new Lookup(null, Problem.MISSING, check);
        }
        if (!check.ok()) {
            return new Lookup(null, Problem.NOT_ALLOWED, check);
        }
        String verified = user.getFirstAttribute(ATTRIBUTE);
        if (verified == null || !verified.equals(check.e164())) {
            return new Lookup(check.e164(), Problem.UNVERIFIED, check);
        }
        return new Lookup(check.e164(), null, check);
    }

    /** Records that {@code e164} belongs to the user (a code or link sent to it was confirmed). */
    public static void markVerified(UserModel user, String e164) {
        user.setSingleAttribute(PHONE_ATTRIBUTE, e164);
        user.setSingleAttribute(ATTRIBUTE, e164);
    }

    /** For display: all but the last two digits hidden. */
    public static String masked(String e164) {
        return SmsMessage.maskNumber(e164);
    }
}
