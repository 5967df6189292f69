package io.github.tweestap.device;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak's view of an app binding ({@value Devices#TYPE}): the credential type's metadata, and its delete semantics:
 * deleting a binding deletes the OTP credential that came with it ({@link BindingPairing}).
 *
 * <p>Keycloak 26.4–26.7 delete a credential from the admin console, the admin REST API and the account console's
 * "delete credential" action with {@code removeStoredCredentialById}, which does not call this provider; those routes
 * are covered by {@link BindingPairingListenerFactory}. Brute-force counting is untouched: the push step's reference
 * category stays {@code otp}, and no authenticator names this type.
 */
public final class DeviceCredentialProvider implements CredentialProvider<CredentialModel> {

    private final KeycloakSession session;

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
     * A second factor. Not removable by the user in the account console (the app's own "unlink" and the service desk
     * do that), as before this provider existed, when the account console refused for want of a provider.
     */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder().type(Devices.TYPE).category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("tweestapDeviceCredentialName").helpText("tweestapDeviceCredentialHelp")
                .iconCssClass("kcAuthenticatorOTPClass").removeable(false).build(session);
    }
}
