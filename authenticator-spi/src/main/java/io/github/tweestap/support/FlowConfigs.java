package io.github.tweestap.support;

import java.util.Map;
import java.util.Optional;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Finds the configuration of a pack step in the realm's flows, for code that runs outside a login (REST
 * endpoints, scheduled tasks) but must use the same settings the realm admin gave that step.
 */
public final class FlowConfigs {

    private FlowConfigs() {
    }

    /**
     * The config of the first enabled execution of {@code providerId} in any of the realm's flows: empty when no flow
     * uses the step; an empty map when it is used without a configuration (defaults apply).
     */
    public static Optional<Map<String, String>> of(RealmModel realm, String providerId) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> providerId.equals(execution.getAuthenticator()))
                .filter(execution -> execution.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .findFirst()
                .map(execution -> {
                    AuthenticatorConfigModel config = execution.getAuthenticatorConfig() == null ? null
                            : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
                    return config == null || config.getConfig() == null ? Map.<String, String>of() : config.getConfig();
                });
    }
}
