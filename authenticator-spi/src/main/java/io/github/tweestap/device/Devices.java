package io.github.tweestap.device;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * The device credential ({@value #TYPE}): one bound phone's ES256 public key, its state (pending until the SMS
 * code confirms it, then active), the id of the OTP credential created with it, and its Web Push subscription.
 * A device's id, as the phone knows it, is {@code <userId>.<credentialId>}. An active binding whose OTP credential is
 * gone counts as removed and is deleted when loaded ({@link BindingPairing}).
 */
public final class Devices {

    public static final String TYPE = "tweestap-device";
    static final String PENDING = "pending";
    static final String ACTIVE = "active";

    private Devices() {
    }

    /** A stored device with its parsed data. */
    public record Device(UserModel user, CredentialModel credential, Map<String, Object> data) {

        public Device {
            data = new HashMap<>(data);
        }

        public String id() {
            return user.getId() + "." + credential.getId();
        }

        public boolean active() {
            return ACTIVE.equals(data.get("status"));
        }

        /** The phone's name: the credential's label once active; a pending binding keeps it in its data. */
        public String name() {
            return credential.getUserLabel() != null ? credential.getUserLabel() : text("name");
        }

        @SuppressWarnings("unchecked")
        public Map<String, String> jwk() {
            Object jwk = data.get("jwk");
            return jwk instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
        }

        public String text(String key) {
            Object value = data.get(key);
            return value == null ? null : value.toString();
        }

        public void save(Map<String, Object> changes) {
            data.putAll(changes);
            credential.setCredentialData(write(data));
            user.credentialManager().updateStoredCredential(credential);
        }
    }

    static Device createPending(UserModel user, String name, Map<String, String> jwk, String enrollJti,
            Map<String, String> push, String requestIp) {
        Map<String, Object> data = new HashMap<>();
        data.put("status", PENDING);
        // The label follows at activation: the phone this one replaces may have the same name, and Keycloak allows
        // one credential per type and label.
        data.put("name", name);
        data.put("enrollIp", requestIp == null ? "" : requestIp);
        data.put("jwk", jwk);
        data.put("enrollJti", enrollJti);
        if (push != null) {
            data.put("pushEndpoint", push.get("endpoint"));
            data.put("pushP256dh", push.get("p256dh"));
            data.put("pushAuth", push.get("auth"));
        }
        CredentialModel model = new CredentialModel();
        model.setType(TYPE);
        model.setCreatedDate(Time.currentTimeMillis());
        model.setSecretData("{}");
        model.setCredentialData(write(data));
        CredentialModel stored = user.credentialManager().createStoredCredential(model);
        return new Device(user, stored, data);
    }

    /** The device named by a device id, or null when the id is malformed or names nothing (in this realm). */
    static Device find(org.keycloak.models.KeycloakSession session, RealmModel realm, String deviceId) {
        if (deviceId == null || deviceId.length() > 100) {
            return null;
        }
        int dot = deviceId.indexOf('.');
        if (dot <= 0 || dot == deviceId.length() - 1) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, deviceId.substring(0, dot));
        if (user == null) {
            return null;
        }
        CredentialModel credential = user.credentialManager().getStoredCredentialById(deviceId.substring(dot + 1));
        if (credential == null || !TYPE.equals(credential.getType())) {
            return null;
        }
        Device device = load(user, credential, BindingPairing.otps(user));
        if (device != null) {
            BindingPairing.migrate(session, device);
        }
        return device;
    }

    /** The user's active device (the newest, should there be more), or null. */
    public static Device active(UserModel user) {
        return all(user).stream().filter(Device::active).reduce((a, b) -> b).orElse(null);
    }

    /** {@link #active(UserModel)}, moving a binding from before the derived OTP id to it ({@link BindingPairing#migrate}). */
    static Device active(org.keycloak.models.KeycloakSession session, UserModel user) {
        Device device = active(user);
        if (device != null) {
            BindingPairing.migrate(session, device);
        }
        return device;
    }

    /** The user's bindings, pending and active; active ones whose OTP credential is gone are removed, not listed. */
    static List<Device> all(UserModel user) {
        List<CredentialModel> otps = BindingPairing.otps(user);
        List<Device> devices = new ArrayList<>();
        for (CredentialModel credential : user.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList()) {
            Device device = load(user, credential, otps);
            if (device != null) {
                devices.add(device);
            }
        }
        return devices;
    }

    /** The binding with the id of its OTP credential resolved, or null (and removed) when that credential is gone. */
    private static Device load(UserModel user, CredentialModel credential, List<CredentialModel> otps) {
        Device device = new Device(user, credential, read(credential.getCredentialData()));
        if (!device.active()) {
            return device;
        }
        String otp = BindingPairing.pairedOtp(credential, device.data(), otps);
        if (otp == null) {
            user.credentialManager().removeStoredCredentialById(credential.getId());
            return null;
        }
        device.data().put(BindingPairing.OTP_ID, otp);
        return device;
    }

    /** Data key: when the binding last confirmed a login (seconds), by push or by its code. */
    static final String LAST_USED = "lastUsedAt";
    /** A login within this many seconds of the recorded one does not write the credential again. */
    static final long LAST_USED_GRANULARITY = 60;

    /**
     * Records that the binding confirmed a login now (shown as "laatst gebruikt" in Keycloak's account console and
     * the helpdesk page); writes the credential at most once a minute.
     */
    static void markUsed(Device device) {
        long now = Time.currentTime();
        long previous = parseLong(device.text(LAST_USED));
        if (now - previous >= LAST_USED_GRANULARITY || now < previous) {
            device.save(Map.of(LAST_USED, Long.toString(now)));
        }
    }

    /** A stored number of seconds, or 0 when absent or not a number. */
    static long parseLong(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Removes the device and the OTP credential that was created with it. */
    static void remove(Device device) {
        BindingPairing.remove(device.user(), device.credential());
    }

    static Map<String, Object> read(String json) {
        try {
            return json == null ? Map.of() : JsonSerialization.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            return Map.of();
        }
    }

    static String write(Map<String, Object> data) {
        try {
            return JsonSerialization.writeValueAsString(data);
        } catch (IOException e) {
            throw new IllegalStateException("device data could not be written", e);
        }
    }
}
