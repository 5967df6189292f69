package io.github.tweestap.device;

import io.github.tweestap.support.FlowConfigs;
import io.github.tweestap.support.IntSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The realm admin's settings of the push-or-code step ({@code tweestap-push}); the device API of the same realm
 * reads them from that step, so the login page and the phone always use the same limits.
 */
public record DeviceSettings(int challengeTtl, int maxPending, int backoffBase, int muteSeconds, int enrollTtl,
        int bindCodeTtl, int bindCodeAttempts, int numberAttempts, int clockSkew, int emailEnrollTtl,
        boolean unlockPermanent, int unlockPerHour) {

    static final IntSetting CHALLENGE_TTL = new IntSetting("tweestap.push.challengeTtlSeconds", "Push: seconds to answer",
            "How long a push ('Logt u in?') can be answered before it expires.", 120, 15, 600);
    static final IntSetting MAX_PENDING = new IntSetting("tweestap.push.maxPending", "Push: open pushes per user",
            "At most this many unanswered pushes per user at a time (against push bombing).", 3, 1, 10);
    static final IntSetting BACKOFF_BASE = new IntSetting("tweestap.push.backoffSeconds", "Push: wait after a refused push",
            "After a denied or unanswered push, a new push for the user waits this long, doubling with every further"
                    + " one (at most 15 minutes); an approval resets it. 0: no wait.", 15, 0, 600);
    static final IntSetting MUTE = new IntSetting("tweestap.push.muteSeconds", "Push: mute after 'dit was ik niet'",
            "After the user answers 'dit was ik niet', no pushes are sent to the user for this long (the code from the"
                    + " app still works). The account is never disabled.", 3600, 60, 7 * 24 * 3600);
    static final IntSetting ENROLL_TTL = new IntSetting("tweestap.push.enrollTtlSeconds", "Binding: QR valid (seconds)",
            "How long the QR code for binding the app can be used (once).", 300, 60, 1800);
    static final IntSetting BIND_CODE_TTL = new IntSetting("tweestap.push.bindCodeTtlSeconds",
            "Binding: SMS code valid (seconds)", "How long the one-time SMS code (and link) that confirms a binding is valid.",
            600, 60, 1800);
    static final IntSetting BIND_CODE_ATTEMPTS = new IntSetting("tweestap.push.bindCodeAttempts",
            "Binding: SMS code attempts", "Wrong SMS codes allowed before the binding must start over.", 5, 1, 10);
    static final IntSetting NUMBER_ATTEMPTS = new IntSetting("tweestap.push.numberAttempts", "Push: number attempts",
            "Wrong numbers allowed on the phone before the push is refused.", 3, 1, 5);
    static final IntSetting CLOCK_SKEW = new IntSetting("tweestap.push.clockSkewSeconds", "Device clock skew (seconds)",
            "How far a device request's time (iat) may be from the server's.", 60, 10, 300);

    static final IntSetting EMAIL_ENROLL_TTL = new IntSetting("tweestap.push.emailEnrollTtlSeconds",
            "Binding: e-mailed QR valid (seconds)", "How long the QR code an admin e-mails to a user can be used (once).",
            86400, 600, 7 * 24 * 3600);

    static final IntSetting UNLOCK_PERMANENT = new IntSetting("tweestap.unlock.permanent",
            "Unlock: also permanent lockouts (1 = yes)", "Whether the app may also lift a permanent lockout. 0 (default):"
                    + " only temporary lockouts; a permanent one stays for an administrator.", 0, 0, 1);
    static final IntSetting UNLOCK_PER_HOUR = new IntSetting("tweestap.unlock.perHour", "Unlock: requests per hour",
            "At most this many unlock requests reach a user's app per hour.", 3, 1, 20);

    private static final List<IntSetting> ALL = List.of(CHALLENGE_TTL, MAX_PENDING, BACKOFF_BASE, MUTE, ENROLL_TTL,
            BIND_CODE_TTL, BIND_CODE_ATTEMPTS, NUMBER_ATTEMPTS, CLOCK_SKEW, EMAIL_ENROLL_TTL, UNLOCK_PERMANENT,
            UNLOCK_PER_HOUR);

    public static DeviceSettings of(Map<String, String> config) {
        return new DeviceSettings(CHALLENGE_TTL.read(config), MAX_PENDING.read(config), BACKOFF_BASE.read(config),
                MUTE.read(config), ENROLL_TTL.read(config), BIND_CODE_TTL.read(config), BIND_CODE_ATTEMPTS.read(config),
                NUMBER_ATTEMPTS.read(config), CLOCK_SKEW.read(config), EMAIL_ENROLL_TTL.read(config),
                UNLOCK_PERMANENT.read(config) == 1, UNLOCK_PER_HOUR.read(config));
    }

    /** The settings of the realm's push-or-code step, or the defaults when no flow uses it. */
    public static DeviceSettings of(RealmModel realm) {
        return of(FlowConfigs.of(realm, PushOrCodeAuthenticatorFactory.ID).orElse(Map.of()));
    }

    public static List<ProviderConfigProperty> configProperties() {
        return ALL.stream().map(IntSetting::toProperty).toList();
    }

    public static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        for (IntSetting setting : ALL) {
            String problem = setting.problem(config);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** The wait before the next push after {@code refusals} denied or ignored ones in a row. */
    public int backoffSeconds(int refusals) {
        if (refusals <= 0 || backoffBase == 0) {
            return 0;
        }
        long wait = (long) backoffBase << Math.min(refusals - 1, 20);
        return (int) Math.min(wait, 900);
    }
}
