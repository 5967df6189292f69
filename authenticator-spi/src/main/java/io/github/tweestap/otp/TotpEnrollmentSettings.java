package io.github.tweestap.otp;

import io.github.tweestap.support.TextSetting;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.keycloak.provider.ProviderConfigProperty;

/** How the authenticator app account is named, and what the enrollment page says. */
public record TotpEnrollmentSettings(String issuer, boolean labelIsEmail, boolean otherDeviceNotice, boolean confirmation) {

    public static final TextSetting ISSUER = new TextSetting("tweestap.otp.issuer", "Issuer (account name in the app)",
            "Name the authenticator app shows for the account, e.g. Nse-Portal. Empty: the realm's display name.", "",
            v -> v.length() <= 64 && !v.contains(":"));
    public static final TextSetting ACCOUNT_LABEL = new TextSetting("tweestap.otp.accountLabel", "Account label",
            "What identifies the user in the app next to the issuer: username or email.", "username",
            v -> v.equals("username") || v.equals("email"));
    public static final TextSetting OTHER_DEVICE_NOTICE = new TextSetting("tweestap.otp.otherDeviceNotice",
            "Tell users to enroll on another device",
            "Show the notice that the QR code must be scanned with the phone while the page is open on another device"
                    + " (true or false).", "false", v -> v.equals("true") || v.equals("false"));

    public static final TextSetting CONFIRMATION = new TextSetting("tweestap.otp.confirmation",
            "Confirmation page after activation",
            "After a correct code, show a page saying that the app is now linked and that from now on the login asks"
                    + " for the code (with a Doorgaan button), before going back to the application (true or false).",
            "false", v -> v.equals("true") || v.equals("false"));

    private static final List<TextSetting> ALL = List.of(ISSUER, ACCOUNT_LABEL, OTHER_DEVICE_NOTICE, CONFIRMATION);

    public static TotpEnrollmentSettings from(Map<String, String> config) {
        return new TotpEnrollmentSettings(ISSUER.read(config), ACCOUNT_LABEL.read(config).equals("email"),
                Boolean.parseBoolean(OTHER_DEVICE_NOTICE.read(config)), Boolean.parseBoolean(CONFIRMATION.read(config)));
    }

    public static List<String> problems(Map<String, String> config) {
        return ALL.stream().map(s -> s.problem(config)).filter(Objects::nonNull).collect(Collectors.toList());
    }

    public static List<ProviderConfigProperty> configProperties() {
        return ALL.stream().map(TextSetting::toProperty).collect(Collectors.toList());
    }
}
