package io.github.tweestap.otp;

import io.github.tweestap.support.UserStepAuthenticator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    static List<String> offered(AuthenticationFlowContext context) {
        String raw = context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig().get(SETTING);
        List<String> offered = new ArrayList<>();
        for (String method : Arrays.asList((raw == null || raw.isBlank() ? "app,sms" : raw).split("[,#\\s]+"))) {
            if (KNOWN.contains(method) && !offered.contains(method)) {
                offered.add(method);
            }
        }
        return offered.isEmpty() ? List.of("app") : offered;
    }




}
