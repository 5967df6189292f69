package io.github.tweestap.sms;

import io.github.tweestap.support.IntSetting;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

/** The limits of the SMS-code authenticator, typed, with safe defaults. */
public record SmsCodeSettings(int codeLength, int ttlSeconds, int maxAttempts, int resendCooldownSeconds) {

    public static final IntSetting CODE_LENGTH = new IntSetting("tweestap.sms.codeLength", "Code length",
            "Number of digits in the SMS code.", 6, 6, 8);
    public static final IntSetting TTL = new IntSetting("tweestap.sms.ttlSeconds", "Code lifetime (seconds)",
            "How long a sent code can be used.", 300, 5, 3600);
    public static final IntSetting MAX_ATTEMPTS = new IntSetting("tweestap.sms.maxAttempts", "Attempts per code",
            "Wrong entries after which the code is void and a new one must be sent. Each wrong entry also counts"
                    + " for the realm's brute-force detection.", 5, 1, 10);
    public static final IntSetting RESEND_COOLDOWN = new IntSetting("tweestap.sms.resendCooldownSeconds",
            "Resend cooldown (seconds)", "Minimum time between two SMS codes for one login.", 30, 0, 3600);

    public static final List<IntSetting> ALL = List.of(CODE_LENGTH, TTL, MAX_ATTEMPTS, RESEND_COOLDOWN);

    public static final SmsCodeSettings DEFAULTS = from((Map<String, String>) null);

    public static SmsCodeSettings from(Map<String, String> config) {
        return new SmsCodeSettings(CODE_LENGTH.read(config), TTL.read(config), MAX_ATTEMPTS.read(config),
                RESEND_COOLDOWN.read(config));
    }

    public static SmsCodeSettings from(AuthenticatorConfigModel model) {
        return from(model == null ? null : model.getConfig());
    }

    /** Problems with the configured values (each replaced by its default), for a warning in the server log. */
    public static List<String> problems(Map<String, String> config) {
        return ALL.stream().map(s -> s.problem(config)).filter(Objects::nonNull).collect(Collectors.toList());
    }

    public static List<ProviderConfigProperty> configProperties() {
        return ALL.stream().map(IntSetting::toProperty).collect(Collectors.toList());
    }
}
