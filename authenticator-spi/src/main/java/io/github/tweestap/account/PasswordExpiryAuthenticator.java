package io.github.tweestap.account;

import io.github.tweestap.support.UserStepAuthenticator;
import jakarta.ws.rs.core.MultivaluedMap;
import java.text.DateFormat;
import java.util.Date;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * After the password: when Keycloak will force a password change within the configured number of days, shows a
 * banner page ("Je wachtwoord verloopt over N dagen") with "Nu wijzigen" (Keycloak's own update-password action
 * follows at once) and "Later". Otherwise it passes without a page.
 */
final class PasswordExpiryAuthenticator extends UserStepAuthenticator {

    static final String TEMPLATE = "tweestap-password-expiry.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PasswordExpiry expiry = PasswordExpiry.of(context.getSession(), context.getRealm(), context.getUser());
        ExpirySettings settings = ExpirySettings.of(context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig());
        if (expiry == null || expiry.expired() || expiry.daysLeft() > settings.bannerDays()) {
            context.success();
            return;
        }
        DateFormat format = DateFormat.getDateInstance(DateFormat.LONG,
                context.getSession().getContext().resolveLocale(context.getUser()));
        context.challenge(context.form()
                .setAttribute("tweestapDaysLeft", expiry.daysLeft())
                .setAttribute("tweestapExpiresOn", format.format(new Date(expiry.expiresAtMillis())))
                .createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        boolean changeNow = form.containsKey("change");
        if (changeNow) {
            context.getAuthenticationSession().addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        }
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail("custom_required_action", PasswordExpiryAuthenticatorFactory.ID)
                .detail("tweestap_step", changeNow ? "password_expiry_change_now" : "password_expiry_later")
                .success();
        context.success();
    }
}
