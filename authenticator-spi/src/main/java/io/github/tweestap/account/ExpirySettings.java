package io.github.tweestap.account;

import io.github.tweestap.support.IntSetting;
import io.github.tweestap.support.TextSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.keycloak.provider.ProviderConfigProperty;

/** The realm admin's settings of the password-expiry step: when the banner shows and when reminders are mailed. */
public record ExpirySettings(int bannerDays, List<Integer> reminderDays) {

    static final IntSetting BANNER_DAYS = new IntSetting("bannerDays", "Banner: days before expiry",
            "Show the 'your password expires in N days' page at login from this many days before Keycloak forces the"
                    + " change (realm password policy 'Expire password'). 0 switches the banner off.", 14, 0, 365);

    static final TextSetting REMINDER_DAYS = new TextSetting("reminderDays", "Reminder e-mails: days before expiry",
            "Comma-separated thresholds, e.g. 14,7,1: one reminder e-mail is sent when the days left reach each"
                    + " threshold (once per threshold per password, one cluster node sending). Empty or 0: no e-mails.",
            "14,7,1", ExpirySettings::validThresholds);

    public static ExpirySettings of(Map<String, String> config) {
        return new ExpirySettings(BANNER_DAYS.read(config), thresholds(REMINDER_DAYS.read(config)));
    }

    public static List<ProviderConfigProperty> configProperties() {
        return List.of(BANNER_DAYS.toProperty(), REMINDER_DAYS.toProperty());
    }

    /** What is wrong with the configuration, one line per setting; empty when all is valid. */
    public static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        for (String problem : new String[] {BANNER_DAYS.problem(config), REMINDER_DAYS.problem(config)}) {
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /**
     * The smallest threshold that {@code daysLeft} has reached (daysLeft ≤ threshold), or -1 when none has; an
     * expired password (0 days left) gets no reminder: Keycloak asks for a new one at the next login.
     */
    public int reachedThreshold(int daysLeft) {
        int reached = -1;
        if (daysLeft <= 0) {
            return reached;
        }
        for (int threshold : reminderDays) {
            if (daysLeft <= threshold && (reached == -1 || threshold < reached)) {
                reached = threshold;
            }
        }
        return reached;
    }

    static boolean validThresholds(String value) {
        if (value.equals("0")) {
            return true;
        }
        for (String part : value.split(",", -1)) {
            String trimmed = part.trim();
            if (!trimmed.matches("[0-9]{1,3}")) {
                return false;
            }
            int days = Integer.parseInt(trimmed);
            if (days < 1 || days > 365) {
                return false;
            }
        }
        return true;
    }

    static List<Integer> thresholds(String value) {
        if (value.equals("0") || !validThresholds(value)) {
            return List.of();
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (String part : value.split(",")) {
            days.add(Integer.parseInt(part.trim()));
        }
        return List.copyOf(days);
    }
}
