package io.github.tweestap.device;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * One app binding is two credentials: the binding ({@value Devices#TYPE}) and the standard OTP credential created when
 * it was confirmed ("Voer code handmatig in"). They go together, whichever goes first and by whatever route.
 *
 * <p>The pairing is recorded both ways. The binding stores the id of its OTP credential ({@value #OTP_ID}), so an OTP
 * credential that disappeared (an admin deleted it, Keycloak's reset-OTP step, "disable credential types") leaves an
 * <em>orphaned</em> binding, which {@link Devices} treats as removed and deletes the first time it loads it. And the OTP
 * credential's id is derived from the binding's id ({@link #otpIdFor}), so once a binding is gone through a route where
 * the pack's code does not run — Keycloak's admin console and admin REST delete a credential with
 * {@code removeStoredCredentialById}, never through a {@code CredentialProvider} — the id of the deleted credential alone
 * names the OTP credential to remove (see {@link BindingPairingListenerFactory}).
 *
 * <p>Bindings confirmed before the id was derived keep their OTP credential under a random id; they are moved to the
 * derived id on first use ({@link #migrate}), with the same secret, so the phone's codes keep working. A binding that
 * never recorded its OTP credential is paired with the OTP credential created when it was confirmed (same name,
 * created between the binding's creation and its activation), if exactly one fits.
 */
final class BindingPairing {

    /** Binding data key: the id of the binding's OTP credential. */
    static final String OTP_ID = "otpCredentialId";

    /** Slack between the binding's activation time (seconds) and its OTP credential's creation (milliseconds). */
    private static final long CREATION_SLACK_MILLIS = 60_000L;

    private BindingPairing() {
    }

    /**
     * The id the OTP credential of binding {@code bindingId} gets: a name-based UUID (SHA-256, version 8, RFC 9562
     * variant), so it fits Keycloak's credential id column and can never be the id of another credential.
     */
    static String otpIdFor(String bindingId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest(("tweestap-device-otp:" + bindingId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    /**
     * The id of the binding's OTP credential among the user's OTP credentials {@code otps}, or null when it has none: a
     * pending binding, or an active one whose OTP credential is gone (orphaned).
     */
    static String pairedOtp(CredentialModel binding, Map<String, Object> data, List<CredentialModel> otps) {
        if (!Devices.ACTIVE.equals(data.get("status"))) {
            return null;
        }
        String derived = otpIdFor(binding.getId());
        if (contains(otps, derived)) {
            return derived;
        }
        Object recorded = data.get(OTP_ID);
        if (recorded != null) {
            return contains(otps, recorded.toString()) ? recorded.toString() : null;
        }
        return matchByCreation(binding, data, otps);
    }

    /**
     * For a binding that never recorded its OTP credential: the one OTP credential with the binding's name that was
     * created between the binding's creation and its activation (plus a minute); null when none or several fit.
     */
    static String matchByCreation(CredentialModel binding, Map<String, Object> data, List<CredentialModel> otps) {
        String name = binding.getUserLabel() != null ? binding.getUserLabel() : text(data.get("name"));
        Long created = binding.getCreatedDate();
        if (name == null || created == null) {
            return null;
        }
        long latest = Long.MAX_VALUE;
        String activatedAt = text(data.get("activatedAt"));
        if (activatedAt != null) {
            try {
                latest = Long.parseLong(activatedAt) * 1000L + CREATION_SLACK_MILLIS;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        List<String> fits = new ArrayList<>();
        for (CredentialModel otp : otps) {
            Long at = otp.getCreatedDate();
            if (name.equals(otp.getUserLabel()) && at != null && at >= created && at <= latest) {
                fits.add(otp.getId());
            }
        }
        return fits.size() == 1 ? fits.get(0) : null;
    }

    /** The user's OTP credentials. */
    static List<CredentialModel> otps(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
    }

    /** Removes a binding and the OTP credential paired with it. */
    static void remove(UserModel user, CredentialModel binding) {
        SubjectCredentialManager credentials = user.credentialManager();
        Map<String, Object> data = Devices.read(binding.getCredentialData());
        List<CredentialModel> otps = otps(user);
        String paired = pairedOtp(binding, data, otps);
        if (paired != null) {
            credentials.removeStoredCredentialById(paired);
        }
        // Whatever the recorded state says, an OTP credential under the derived id belongs to this binding alone.
        String derived = otpIdFor(binding.getId());
        if (!derived.equals(paired) && contains(otps, derived)) {
            credentials.removeStoredCredentialById(derived);
        }
        credentials.removeStoredCredentialById(binding.getId());
    }

    /** What {@link #afterRemoval} removed. */
    record Removed(List<String> otpIds, List<String> bindingIds) {

        boolean nothing() {
            return otpIds.isEmpty() && bindingIds.isEmpty();
        }
    }

    /**
     * A credential of the user was removed outside the pack (Keycloak's admin API or account console): removes the other
     * half. {@code removedId} is the removed credential's id when known; an OTP credential derived from it belonged to a
     * binding and goes. Bindings whose OTP credential is gone go as well.
     */
    static Removed afterRemoval(UserModel user, String removedId) {
        SubjectCredentialManager credentials = user.credentialManager();
        List<String> otpIds = new ArrayList<>();
        if (removedId != null && !removedId.isBlank() && credentials.getStoredCredentialById(removedId) == null) {
            String derived = otpIdFor(removedId);
            CredentialModel otp = credentials.getStoredCredentialById(derived);
            if (otp != null && OTPCredentialModel.TYPE.equals(otp.getType())) {
                credentials.removeStoredCredentialById(derived);
                otpIds.add(derived);
            }
        }
        List<String> before = credentials.getStoredCredentialsByTypeStream(Devices.TYPE).map(CredentialModel::getId).toList();
        // Loading the bindings removes the orphaned ones.
        List<String> after = Devices.all(user).stream().map(d -> d.credential().getId()).toList();
        List<String> bindingIds = before.stream().filter(id -> !after.contains(id)).toList();
        return new Removed(otpIds, bindingIds);
    }

    /**
     * Moves the OTP credential of a binding confirmed before the derived id to that id (same secret, name and creation
     * time, so the phone's codes keep working), once across the cluster; afterwards a removal of the binding anywhere
     * also removes its OTP credential. Does nothing for pending bindings and bindings already on the derived id.
     */
    static void migrate(KeycloakSession session, Devices.Device device) {
        String current = device.text(OTP_ID);
        String derived = otpIdFor(device.credential().getId());
        if (!device.active() || current == null || current.equals(derived)) {
            return;
        }
        if (!session.getProvider(SingleUseObjectProvider.class)
                .putIfAbsent("tweestap.device.pairing." + device.credential().getId(), 300L)) {
            return;
        }
        SubjectCredentialManager credentials = device.user().credentialManager();
        CredentialModel old = credentials.getStoredCredentialById(current);
        if (old == null || !OTPCredentialModel.TYPE.equals(old.getType())) {
            return;
        }
        CredentialModel moved = new CredentialModel();
        moved.setId(derived);
        moved.setType(old.getType());
        moved.setUserLabel(old.getUserLabel());
        moved.setCreatedDate(old.getCreatedDate());
        moved.setSecretData(old.getSecretData());
        moved.setCredentialData(old.getCredentialData());
        // First the old one: Keycloak allows one credential per type and name.
        credentials.removeStoredCredentialById(current);
        credentials.createStoredCredential(moved);
        device.save(Map.of(OTP_ID, derived));
    }

    private static boolean contains(List<CredentialModel> credentials, String id) {
        return credentials.stream().anyMatch(c -> Objects.equals(id, c.getId()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
