package io.github.tweestap.support;

import io.github.tweestap.device.PushOrCodeAuthenticatorFactory;
import io.github.tweestap.recovery.SecretQuestionActionFactory;
import io.github.tweestap.unlock.UnlockEventListenerFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * Which self-service pages a realm can really serve, read from the realm's own configuration (not from a theme
 * switch): the login page offers only these links, and the pages themselves answer 404 in a realm that cannot
 * serve them. Login pages get it as {@code tweestapSelfService} ({@code .unlock}, {@code .renew}); the static checks
 * have other names than the bean's properties (FreeMarker would read {@code .unlock} as the method otherwise).
 */
public final class SelfService {

    private final RealmModel realm;

    public SelfService(RealmModel realm) {
        this.realm = realm;
    }

    /**
     * "Account geblokkeerd? Ontgrendel met de app": the realm binds the companion app (a flow with the push step), its
     * unlock listener tells the bound app about a lockout, and brute-force detection can lock at all.
     */
    public boolean isUnlock() {
        return canUnlock(realm);
    }

    /**
     * "Tweestapsverificatie vernieuwen": renewal by SMS code + secret question needs the secret-question action
     * switched on (otherwise nobody has an answer to give).
     */
    public boolean isRenew() {
        return canRenew(realm);
    }

    public static boolean canUnlock(RealmModel realm) {
        return realm.isBruteForceProtected()
                && realm.getEventsListenersStream().anyMatch(UnlockEventListenerFactory.ID::equals)
                && usesAuthenticator(realm, PushOrCodeAuthenticatorFactory.ID);
    }

    public static boolean canRenew(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(SecretQuestionActionFactory.ID);
        return action != null && action.isEnabled();
    }

    private static boolean usesAuthenticator(RealmModel realm, String providerId) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .anyMatch(e -> providerId.equals(e.getAuthenticator())
                        && e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED);
    }
}
