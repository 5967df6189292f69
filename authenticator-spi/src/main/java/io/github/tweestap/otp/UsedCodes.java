package io.github.tweestap.otp;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * Records a code that activated an app as used, the way Keycloak's OTP credential provider records codes it
 * accepts (key {@code <credential id>.<code>} in the single-use store), so the same code cannot log in again when
 * the realm's OTP policy does not allow reusable codes.
 */
final class UsedCodes {

    private UsedCodes() {
    }

    static void markUsed(KeycloakSession session, UserModel user, OTPPolicy policy, String code) {
        if (policy.isCodeReusable()) {
            return;
        }
        long lifespan = (long) policy.getPeriod() * (2L * policy.getLookAheadWindow() + 1);
        user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .forEach(c -> session.singleUseObjects().putIfAbsent(c.getId() + "." + code, lifespan));
    }
}
