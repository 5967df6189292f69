package io.github.tweestap.device;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
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
 * A device's id, as the phone knows it, is {@code <userId>.<credentialId>}.
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

        public String name() {
            return credential.getUserLabel();
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
        model.setUserLabel(name);
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
        return new Device(user, credential, read(credential.getCredentialData()));
    }

    /** The user's active device (the newest, should there be more), or null. */
    public static Device active(UserModel user) {
        return all(user).stream().filter(Device::active).reduce((a, b) -> b).orElse(null);
    }

    static List<Device> all(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE)
                .map(c -> new Device(user, c, read(c.getCredentialData()))).toList();
    }

    /** Removes the device and the OTP credential that was created with it. */
    static void remove(Device device) {
        String otp = device.text("otpCredentialId");
        if (otp != null) {
            device.user().credentialManager().removeStoredCredentialById(otp);
        }
        device.user().credentialManager().removeStoredCredentialById(device.credential().getId());
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
