package io.github.tweestap.device;

import io.github.tweestap.support.CredentialTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak's view of an app binding ({@value Devices#TYPE}): the credential type's metadata, what Keycloak's consoles
 * show of one binding, and its delete semantics: deleting a binding deletes the OTP credential that came with it
 * ({@link BindingPairing}).
 *
 * <p>The account console ("Signing in") lists the type under two-factor authentication, because the push step names
 * it as an optional category ({@link PushOrCodeAuthenticatorFactory#getOptionalReferenceCategories}), under the
 * realm's name of the app ("Werkplek app"), each binding with the phone's name, when it was bound and when it was last
 * used. The admin console's Credentials tab shows the phone's name as the label and, under "Show data", the binding's
 * state without its key material or push subscription.
 *
 * <p>Keycloak 26.4–26.7 delete a credential from the admin console, the admin REST API and the account console's
 * "delete credential" action with {@code removeStoredCredentialById}, which does not call this provider; those routes
 * are covered by {@link BindingPairingListenerFactory}. Brute-force counting is untouched: the push step's reference
 * category stays {@code otp}.
 */
public final class DeviceCredentialProvider implements CredentialProvider<CredentialModel> {

    /** Message keys of the account console's details of one binding (terms; the values are formatted here). */
    static final String BOUND_ON = "tweestapDeviceBoundOn";
    static final String LAST_USED = "tweestapDeviceLastUsed";
    static final String STATUS = "tweestapDeviceStatus";

    private final KeycloakSession session;
    /** The user whose credentials are being listed: the account console asks for the type's metadata first. */
    private UserModel listedUser;

    DeviceCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return Devices.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        credential.setType(Devices.TYPE);
        return user.credentialManager().createStoredCredential(credential);
    }

    /** Deletes the binding with its OTP credential; false when {@code credentialId} names no binding of the user. */
    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        CredentialModel binding = user.credentialManager().getStoredCredentialById(credentialId);
        if (binding == null || !Devices.TYPE.equals(binding.getType())) {
            return false;
        }
        BindingPairing.remove(user, binding);
        return true;
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    /**
     * A second factor, called by the realm's name of the app, set up (or moved to a new phone) with the required action
     * {@value BindAppActionFactory#ID} where the realm has it enabled (Keycloak drops the action otherwise). Not removable
     * by the user in the account console (the app's own "unlink" and the service desk do that).
     */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        listedUser = metadataContext.getUser();
        CredentialTexts texts = CredentialTexts.of(session, listedUser);
        return CredentialTypeMetadata.builder().type(Devices.TYPE).category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName(texts.appName("tweestapDeviceCredentialName")).helpText("tweestapDeviceCredentialHelp")
                .iconCssClass("kcAuthenticatorOTPClass").createAction(BindAppActionFactory.ID).removeable(false)
                .build(session);
    }

    /** The account console's details of one binding: bound on, last used (or "not yet"), and "pending" if so. */
    @Override
    public CredentialMetadata getCredentialMetadata(CredentialModel credential, CredentialTypeMetadata type) {
        CredentialMetadata metadata = new CredentialMetadata();
        // The account API returns this model: the same view as the admin console's, without key material.
        metadata.setCredentialModel(getCredentialForPresentationFromModel(credential));
        UserModel user = listedUser != null ? listedUser : session.getContext().getUser();
        CredentialTexts texts = CredentialTexts.of(session, user);
        Map<String, Object> data = Devices.read(credential.getCredentialData());
        List<CredentialMetadata.LocalizedMessage> properties = new ArrayList<>();
        if (!Devices.ACTIVE.equals(data.get("status"))) {
            properties.add(property(STATUS, texts.get("tweestapDevicePending")));
        } else {
            long bound = Devices.parseLong(text(data.get("activatedAt")));
            properties.add(property(BOUND_ON, bound > 0 ? texts.date(bound) : texts.dateMillis(credential.getCreatedDate())));
            long used = Devices.parseLong(text(data.get(Devices.LAST_USED)));
            properties.add(property(LAST_USED, used > 0 ? texts.date(used) : texts.get("tweestapDeviceNeverUsed")));
        }
        metadata.setInfoProperties(properties);
        return metadata;
    }

    /**
     * What the admin console's Credentials tab shows: the phone's name as the label (a binding still waiting for its
     * SMS code keeps it in its data), and as data the state, dates and whether push notifications reach the phone;
     * never the device key, the push subscription's keys or the enrollment token's id. A copy: the stored credential
     * is not changed.
     */
    @Override
    public CredentialModel getCredentialForPresentationFromModel(CredentialModel model) {
        Map<String, Object> data = Devices.read(model.getCredentialData());
        CredentialModel shown = new CredentialModel();
        shown.setId(model.getId());
        shown.setType(model.getType());
        shown.setCreatedDate(model.getCreatedDate());
        shown.setFederationLink(model.getFederationLink());
        shown.setUserLabel(model.getUserLabel() != null ? model.getUserLabel() : text(data.get("name")));
        Map<String, Object> visible = new LinkedHashMap<>();
        visible.put("status", data.getOrDefault("status", ""));
        long bound = Devices.parseLong(text(data.get("activatedAt")));
        if (bound > 0) {
            visible.put("boundAt", java.time.Instant.ofEpochSecond(bound).toString());
        }
        long used = Devices.parseLong(text(data.get(Devices.LAST_USED)));
        if (used > 0) {
            visible.put("lastUsedAt", java.time.Instant.ofEpochSecond(used).toString());
        }
        Object endpoint = data.get("pushEndpoint");
        visible.put("pushNotifications", endpoint != null && !endpoint.toString().isBlank());
        if (data.get("enrollIp") != null && !data.get("enrollIp").toString().isBlank()) {
            visible.put("enrollIp", data.get("enrollIp"));
        }
        shown.setCredentialData(Devices.write(visible));
        return shown;
    }

    private static CredentialMetadata.LocalizedMessage property(String key, String value) {
        return new CredentialMetadata.LocalizedMessage(key, new Object[] {value});
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
