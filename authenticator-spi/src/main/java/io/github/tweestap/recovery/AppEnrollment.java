package io.github.tweestap.recovery;

import io.github.tweestap.otp.ConfigureTotpActionFactory;
import java.util.Optional;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;

/**
 * After "Vernieuw tweestaps verificatie code voor mobiele app" removed the user's app: in a realm where users enroll
 * an authenticator app through the required action {@code tweestap-configure-totp} (seed 000: the QR page after the
 * password), the next login must show that page again. Realms whose login step binds the app itself (the
 * push-or-code step) do not enable that action and are left as they are.
 */
final class AppEnrollment {

    private AppEnrollment() {
    }

    /** Adds the enabled {@code tweestap-configure-totp} action to the user; returns its alias, or empty. */
    static Optional<String> rearm(RealmModel realm, UserModel user) {
        Optional<String> alias = realm.getRequiredActionProvidersStream()
                .filter(m -> ConfigureTotpActionFactory.ID.equals(m.getProviderId()) && m.isEnabled())
                .map(RequiredActionProviderModel::getAlias).findFirst();
        alias.ifPresent(a -> {
            if (user.getRequiredActionsStream().noneMatch(a::equals)) {
                user.addRequiredAction(a);
            }
        });
        return alias;
    }
}
