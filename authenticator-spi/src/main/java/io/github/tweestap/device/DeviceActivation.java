package io.github.tweestap.device;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.Base32;
import org.keycloak.models.utils.HmacOTP;

/**
 * Turns a confirmed binding on: the device becomes active, a standard Keycloak TOTP credential is created for the
 * same phone ("Voer code handmatig in"), earlier bindings of the user and their OTP credentials are removed (one
 * phone per user), and the login page that showed the QR code is woken.
 */
final class DeviceActivation {

    /** Watch entry of a binding started from a login page: {@code bk} (browser key digest), {@code done}. */
    static final String WATCH = "tweestap.device.enrollwatch.";

    private DeviceActivation() {
    }

    static void activate(KeycloakSession session, RealmModel realm, Devices.Device device, DeviceRuntime runtime) {
        // Once per binding, across the cluster: the code and the SMS link (or two parallel confirms) cannot both
        // create an OTP credential.
        if (!session.getProvider(SingleUseObjectProvider.class)
                .putIfAbsent("tweestap.device.activated." + device.credential().getId(), 24 * 3600L)) {
            return;
        }
        // One phone per user: earlier bindings go first, each with its OTP credential, which also frees the name
        // (Keycloak allows one credential per type and label) for a new phone called like the old one.
        for (Devices.Device other : Devices.all(device.user())) {
            if (!other.credential().getId().equals(device.credential().getId())) {
                Devices.remove(other);
            }
        }
        OTPPolicy policy = realm.getOTPPolicy();
        String secret = HmacOTP.generateSecret(20);
        OTPCredentialModel otp = OTPCredentialModel.createTOTP(secret, policy.getDigits(),
                policy.getPeriod() > 0 ? policy.getPeriod() : 30, policy.getAlgorithm());
        // The id is derived from the binding's, so that removing the binding anywhere names this credential too.
        otp.setId(BindingPairing.otpIdFor(device.credential().getId()));
        otp.setUserLabel(device.name());
        CredentialModel stored = device.user().credentialManager().createStoredCredential(otp);
        device.credential().setUserLabel(device.name());
        device.save(Map.of("status", Devices.ACTIVE, BindingPairing.OTP_ID, stored.getId(), "activatedAt",
                Long.toString(Time.currentTime())));
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.UPDATE_CREDENTIAL)
                .user(device.user()).detail("credential_type", OTPCredentialModel.TYPE)
                .detail("tweestap_device", device.id()).detail("tweestap_method", "push").success();
        String jti = device.text("enrollJti");
        if (jti != null) {
            SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
            Map<String, String> watch = store.get(WATCH + jti);
            if (watch != null) {
                Map<String, String> done = new HashMap<>(watch);
                done.put("done", "1");
                done.put("device", device.id());
                store.put(WATCH + jti, 600, done);
            }
            runtime.wakeAfterCommit(session, "enroll:" + jti);
        }
    }

    /** What the app needs to show the codes: the secret (base32 of the stored value's bytes) and parameters. */
    static Map<String, Object> totpParameters(KeycloakSession session, RealmModel realm, Devices.Device device) {
        String id = device.text(BindingPairing.OTP_ID);
        CredentialModel credential = id == null ? null : device.user().credentialManager().getStoredCredentialById(id);
        if (credential == null) {
            return null;
        }
        OTPCredentialModel otp = OTPCredentialModel.createFromCredentialModel(credential);
        Map<String, Object> totp = new LinkedHashMap<>();
        totp.put("secret", Base32.encode(otp.getOTPSecretData().getValue().getBytes(StandardCharsets.UTF_8)));
        totp.put("digits", otp.getOTPCredentialData().getDigits());
        totp.put("period", otp.getOTPCredentialData().getPeriod());
        totp.put("algorithm", otp.getOTPCredentialData().getAlgorithm().replace("Hmac", ""));
        String issuer = null;
        totp.put("issuer", issuer == null || issuer.isBlank()
                ? (realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName()) : issuer);
        totp.put("account", device.user().getUsername());
        return totp;
    }
}
