package io.github.tweestap.helpdesk;

import io.github.tweestap.device.Devices;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.LocalizedMessages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * What the helpdesk page shows of one person (seed 004's "Werknemerloket toegang"): the realm's profile fields an
 * administrator may see, labelled in the reader's language ("Personeelsnummer", "Voorletters", …); whether two-step
 * verification is active and with what (the bound app: its name, since when, last used; an authenticator app); the
 * mobile number and whether it is verified; blocked (Keycloak's {@code enabled}) and locked by brute-force detection.
 * Dates are epoch milliseconds: the page writes them in the reader's time zone. No secret, code or key is in it.
 */
final class PersonView {

    private PersonView() {
    }

    static Map<String, Object> of(KeycloakSession session, RealmModel realm, UserModel user, boolean canManage) {
        LocalizedMessages texts = LocalizedMessages.load(session, realm, session.getContext().resolveLocale(null));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.getId());
        view.put("username", user.getUsername());
        view.put("enabled", user.isEnabled());
        view.put("emailVerified", user.isEmailVerified());
        view.put("createdTimestamp", user.getCreatedTimestamp());
        view.put("fields", fields(session, user, texts));
        view.put("twoFactor", twoFactor(user));
        String number = user.getFirstAttribute(VerifiedPhone.PHONE_ATTRIBUTE);
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("number", number);
        phone.put("verified", number != null && number.equals(user.getFirstAttribute(VerifiedPhone.ATTRIBUTE)));
        view.put("phone", phone);
        view.put("locked", locked(session, realm, user));
        view.put("canManage", canManage);
        return view;
    }

    /** The profile fields an administrator may view, in the realm's order; the phone has its own place. */
    private static List<Map<String, String>> fields(KeycloakSession session, UserModel user, LocalizedMessages texts) {
        List<Map<String, String>> fields = new ArrayList<>();
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles == null ? null : profiles.getConfiguration();
        if (config == null) {
            return fields;
        }
        for (UPAttribute attribute : config.getAttributes()) {
            String name = attribute.getName();
            if (name == null || VerifiedPhone.PHONE_ATTRIBUTE.equals(name) || VerifiedPhone.ATTRIBUTE.equals(name)
                    || attribute.getPermissions() == null || attribute.getPermissions().getView() == null
                    || !attribute.getPermissions().getView().contains("admin")) {
                continue;
            }
            Map<String, String> field = new LinkedHashMap<>();
            field.put("name", name);
            field.put("label", label(attribute, texts));
            field.put("value", value(user, name));
            fields.add(field);
        }
        return fields;
    }

    private static String label(UPAttribute attribute, LocalizedMessages texts) {
        String display = attribute.getDisplayName();
        if (display == null || display.isBlank()) {
            return attribute.getName();
        }
        if (display.startsWith("${") && display.endsWith("}")) {
            return texts.get(display.substring(2, display.length() - 1));
        }
        return display;
    }

    private static String value(UserModel user, String name) {
        String value = switch (name) {
            case UserModel.USERNAME -> user.getUsername();
            case UserModel.EMAIL -> user.getEmail();
            case UserModel.FIRST_NAME -> user.getFirstName();
            case UserModel.LAST_NAME -> user.getLastName();
            default -> user.getFirstAttribute(name);
        };
        return value == null ? "" : value;
    }

    /** Active when the person has a bound app or an authenticator app; each factor with its dates. */
    private static Map<String, Object> twoFactor(UserModel user) {
        List<Map<String, Object>> factors = new ArrayList<>();
        Devices.Device device = Devices.active(user);
        String pairedOtp = null;
        if (device != null) {
            pairedOtp = device.text("otpCredentialId");
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("kind", "app");
            app.put("label", device.name());
            app.put("since", seconds(device.text("activatedAt"), device.credential().getCreatedDate()));
            app.put("lastUsed", seconds(device.text("lastUsedAt"), null));
            factors.add(app);
        }
        for (CredentialModel otp : user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .toList()) {
            if (Objects.equals(otp.getId(), pairedOtp)) {
                continue;
            }
            Map<String, Object> totp = new LinkedHashMap<>();
            totp.put("kind", "totp");
            totp.put("label", otp.getUserLabel());
            totp.put("since", otp.getCreatedDate());
            totp.put("lastUsed", null);
            factors.add(totp);
        }
        Map<String, Object> twoFactor = new LinkedHashMap<>();
        twoFactor.put("active", !factors.isEmpty());
        twoFactor.put("factors", factors);
        return twoFactor;
    }

    /** Epoch seconds as stored in a binding's data, in milliseconds; {@code fallback} when absent. */
    private static Long seconds(String value, Long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim()) * 1000L;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean locked(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return protector != null && (protector.isTemporarilyDisabled(session, realm, user)
                || protector.isPermanentlyLockedOut(session, realm, user));
    }
}
