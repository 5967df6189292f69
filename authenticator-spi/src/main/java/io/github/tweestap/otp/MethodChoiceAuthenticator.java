package io.github.tweestap.otp;

import io.github.tweestap.support.UserStepAuthenticator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The method choice page (seed 003): the user picks one of the second factors the realm offers ("AUTHENTICATOR
 * APP", "SMS-CODE", ...). The choice goes into an auth note; conditional sub-flows with the
 * {@link MethodConditionFactory "Tweestap: chosen method"} condition then run the chosen factor. Which methods are
 * offered is this step's setting.
 */
public final class MethodChoiceAuthenticator extends UserStepAuthenticator {

    static final String TEMPLATE = "tweestap-method-choice.ftl";
    static final String NOTE = "tweestap.method.choice";
    static final String SETTING = "tweestap.method.offered";
    static final List<String> KNOWN = List.of("app", "sms");

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        List<String> offered = offered(context);
        if (offered.isEmpty()) {
            // Fail closed: a choice that no sub-flow would act on must never end the login.
            context.getEvent().error("tweestap_method_not_configured");
            context.failure(AuthenticationFlowError.INTERNAL_ERROR, context.form()
                    .setError("tweestapMethodNotConfigured").createErrorPage(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR));
            return;
        }
        if (offered.size() == 1) {
            choose(context, offered.get(0));
            return;
        }
        context.challenge(context.form().setAttribute("tweestapMethods", offered).createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String method = context.getHttpRequest().getDecodedFormParameters().getFirst("method");
        List<String> offered = offered(context);
        if (offered.isEmpty()) {
            authenticate(context);
            return;
        }
        if (method == null || !offered.contains(method)) {
            context.challenge(context.form().setAttribute("tweestapMethods", offered)
                    .setError("tweestapMethodChooseOne").createForm(TEMPLATE));
            return;
        }
        choose(context, method);
    }

    private void choose(AuthenticationFlowContext context, String method) {
        context.getAuthenticationSession().setAuthNote(NOTE, method);
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(context.getUser())
                .detail("custom_required_action", MethodChoiceFactory.ID).detail("tweestap_method", method)
                .detail("tweestap_step", "method_chosen").success();
        context.success();
    }

    /**
     * The methods of the setting that the flow can actually run: each needs an enabled CONDITIONAL sub-flow next to
     * this step whose "Tweestap: chosen method" condition is set to it. Anything else is not offered, so a choice can
     * never skip every second factor.
     */
    static List<String> offered(AuthenticationFlowContext context) {
        String raw = context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig().get(SETTING);
        Set<String> runnable = runnableMethods(context.getRealm(), context.getExecution().getParentFlow());
        List<String> offered = new ArrayList<>();
        for (String method : Arrays.asList((raw == null || raw.isBlank() ? "app,sms" : raw).split("[,#\\s]+"))) {
            if (KNOWN.contains(method) && runnable.contains(method) && !offered.contains(method)) {
                offered.add(method);
            }
        }
        return offered;
    }

    private static Set<String> runnableMethods(RealmModel realm, String parentFlowId) {
        Set<String> methods = new HashSet<>();
        realm.getAuthenticationExecutionsStream(parentFlowId)
                .filter(e -> e.isAuthenticatorFlow() && e.getRequirement() == AuthenticationExecutionModel.Requirement.CONDITIONAL)
                .forEach(subflow -> realm.getAuthenticationExecutionsStream(subflow.getFlowId())
                        .filter(e -> MethodConditionFactory.ID.equals(e.getAuthenticator()))
                        .filter(e -> e.getRequirement() == AuthenticationExecutionModel.Requirement.REQUIRED)
                        .map(e -> e.getAuthenticatorConfig() == null ? null : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()))
                        .filter(c -> c != null && c.getConfig() != null)
                        .map(c -> c.getConfig().get(MethodConditionFactory.SETTING))
                        .filter(m -> m != null)
                        .forEach(methods::add));
        return methods;
    }




}
