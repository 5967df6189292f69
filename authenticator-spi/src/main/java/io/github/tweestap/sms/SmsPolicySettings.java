package io.github.tweestap.sms;

import io.github.tweestap.support.IntSetting;
import io.github.tweestap.support.TextSetting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Where and how often the pack may send SMS for one flow: the phone-number policy (default region, allowed
 * regions), the gateway, and the quotas. Shared by every configurable step that sends SMS (the login code, the
 * number verification), each with its own values in the admin console. The quota counters themselves are per
 * realm and shared by all steps.
 */
public record SmsPolicySettings(String defaultRegion, Set<String> allowedRegions, String senderId,
        Rate perUser, Rate perIp, Rate perDestination, Rate perRealm, int linkTtlSeconds,
        int temporaryPasswordTtlSeconds) {

    /** {@code count} messages per {@code windowSeconds}. */
    public record Rate(int count, int windowSeconds) {
    }

    public static final TextSetting DEFAULT_REGION = new TextSetting("tweestap.phone.defaultRegion",
            "Default phone region", "Region (ISO 3166 code) in which numbers without a country code are read.", "NL",
            PhonePolicy::isKnownRegion);
    public static final TextSetting ALLOWED_REGIONS = new TextSetting("tweestap.phone.allowedRegions",
            "Allowed phone regions", "Comma-separated regions (ISO 3166 codes) whose mobile numbers may receive SMS."
                    + " Empty: only the default region.", "",
            v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).allMatch(PhonePolicy::isKnownRegion));
    public static final TextSetting SENDER = new TextSetting("tweestap.sms.sender", "SMS gateway",
            "Id of the SMS sender provider to use (log, dev-outbox, http, twilio, messagebird). Empty: the server's"
                    + " default (--spi-tweestap-sms-sender--provider-default).", "", v -> v.matches("[a-z0-9-]{1,64}"));

    public static final IntSetting USER_COUNT = quota("tweestap.sms.quota.userCount", "SMS per user",
            "Most SMS one user may receive in the user window.", 10);
    public static final IntSetting USER_WINDOW = window("tweestap.sms.quota.userWindowSeconds", "User window (seconds)");
    public static final IntSetting IP_COUNT = quota("tweestap.sms.quota.ipCount", "SMS per client IP",
            "Most SMS that requests from one IP address may cause in the IP window.", 30);
    public static final IntSetting IP_WINDOW = window("tweestap.sms.quota.ipWindowSeconds", "IP window (seconds)");
    public static final IntSetting DESTINATION_COUNT = quota("tweestap.sms.quota.destinationCount",
            "SMS per phone number", "Most SMS one phone number may receive in the number window.", 8);
    public static final IntSetting DESTINATION_WINDOW = window("tweestap.sms.quota.destinationWindowSeconds",
            "Number window (seconds)");
    public static final IntSetting REALM_COUNT = new IntSetting("tweestap.sms.quota.realmCount", "SMS per realm",
            "Most SMS the whole realm may send in the realm window.", 1000, 0, 1_000_000);
    public static final IntSetting REALM_WINDOW = window("tweestap.sms.quota.realmWindowSeconds", "Realm window (seconds)");

    public static final IntSetting LINK_TTL = new IntSetting("tweestap.phone.linkTtlSeconds",
            "Verification link lifetime (seconds)", "How long the SMS link that confirms a number registered by an admin"
                    + " stays valid.", 86400, 600, 7 * 24 * 3600);

    public static final IntSetting TEMPORARY_PASSWORD_TTL = new IntSetting("tweestap.sms.temporaryPasswordTtlSeconds",
            "Temporary password lifetime (seconds)", "How long a temporary password sent by SMS (admin API, helpdesk"
                    + " page, a new account's confirmed number) can be used to log in and choose a new password. After"
                    + " that it gives no session and no token; the person asks the service desk for a new one. A new"
                    + " temporary password starts its own lifetime; choosing a new password ends it.",
            72 * 3600, 60, 30 * 24 * 3600);

    private static final List<IntSetting> INTS = List.of(USER_COUNT, USER_WINDOW, IP_COUNT, IP_WINDOW,
            DESTINATION_COUNT, DESTINATION_WINDOW, REALM_COUNT, REALM_WINDOW, LINK_TTL, TEMPORARY_PASSWORD_TTL);
    private static final List<TextSetting> TEXTS = List.of(DEFAULT_REGION, ALLOWED_REGIONS, SENDER);

    public static SmsPolicySettings from(Map<String, String> config) {
        Set<String> allowed = Arrays.stream(ALLOWED_REGIONS.read(config).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String sender = SENDER.read(config);
        return new SmsPolicySettings(DEFAULT_REGION.read(config).toUpperCase(Locale.ROOT), allowed,
                sender.isEmpty() ? null : sender,
                new Rate(USER_COUNT.read(config), USER_WINDOW.read(config)),
                new Rate(IP_COUNT.read(config), IP_WINDOW.read(config)),
                new Rate(DESTINATION_COUNT.read(config), DESTINATION_WINDOW.read(config)),
                new Rate(REALM_COUNT.read(config), REALM_WINDOW.read(config)), LINK_TTL.read(config),
                TEMPORARY_PASSWORD_TTL.read(config));
    }

    public PhonePolicy phonePolicy() {
        return new PhonePolicy(defaultRegion, allowedRegions);
    }

    public static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        INTS.stream().map(s -> s.problem(config)).filter(Objects::nonNull).forEach(problems::add);
        TEXTS.stream().map(s -> s.problem(config)).filter(Objects::nonNull).forEach(problems::add);
        return problems;
    }

    public static List<ProviderConfigProperty> configProperties() {
        return Stream.concat(TEXTS.stream().map(TextSetting::toProperty), INTS.stream().map(IntSetting::toProperty))
                .collect(Collectors.toList());
    }

    private static IntSetting quota(String key, String label, String help, int defaultValue) {
        return new IntSetting(key, label, help + " Protects against SMS pumping; 0 blocks sending.", defaultValue, 0,
                100_000);
    }

    private static IntSetting window(String key, String label) {
        return new IntSetting(key, label, "Length of the quota window.", 3600, 60, 7 * 24 * 3600);
    }
}
