package io.github.tweestap.otp;

import io.github.tweestap.support.IntSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.keycloak.provider.ProviderConfigProperty;

/** Limits of the e-mailed enrollment, plus the account naming of {@link TotpEnrollmentSettings}. */
record OtpEmailSettings(TotpEnrollmentSettings naming, int pendingTtlSeconds, int resendCooldownSeconds,
        int mailsPerHour) {

    static final IntSetting PENDING_TTL = new IntSetting("tweestap.otp.pendingTtlSeconds", "Pending secret lifetime (seconds)",
            "How long the key in the enrollment e-mail can be activated; it only works in the login that sent it.",
            900, 30, 86400);
    static final IntSetting RESEND_COOLDOWN = new IntSetting("tweestap.otp.resendCooldownSeconds",
            "Nieuwe code cooldown (seconds)", "Minimum time between two enrollment e-mails of one login.", 60, 0, 3600);

    static final IntSetting MAILS_PER_HOUR = new IntSetting("tweestap.otp.mailsPerHour", "Enrollment e-mails per user per hour",
            "Most enrollment e-mails one user gets in an hour, over all logins (cluster-wide).", 5, 1, 100);

    static OtpEmailSettings from(Map<String, String> config) {
        return new OtpEmailSettings(TotpEnrollmentSettings.from(config), PENDING_TTL.read(config),
                RESEND_COOLDOWN.read(config), MAILS_PER_HOUR.read(config));
    }

    static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>(TotpEnrollmentSettings.problems(config));
        List.of(PENDING_TTL, RESEND_COOLDOWN, MAILS_PER_HOUR).stream().map(s -> s.problem(config)).filter(Objects::nonNull)
                .forEach(problems::add);
        return problems;
    }

    static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(TotpEnrollmentSettings.configProperties());
        properties.addAll(List.of(PENDING_TTL, RESEND_COOLDOWN, MAILS_PER_HOUR).stream().map(IntSetting::toProperty)
                .collect(Collectors.toList()));
        return properties;
    }
}
