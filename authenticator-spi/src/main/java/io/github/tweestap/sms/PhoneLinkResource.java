package io.github.tweestap.sms;

import java.security.SecureRandom;

import io.github.tweestap.support.HtmlPage;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.PageHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/<realm>/tweestap-phone/verify?t=<token>}: the page the SMS link opens. GET only shows a button (so
 * link previewers and scanners do not use the link up); the POST confirms the number.
 */
public final class PhoneLinkResource {

    private final KeycloakSession session;
    private final SecureRandom random;

    PhoneLinkResource(KeycloakSession session, SecureRandom random) {
        this.session = session;
        this.random = random;
    }

    @GET
    @Path("verify")
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam("t") String token) {
        RealmModel realm = session.getContext().getRealm();
        LocalizedMessages msg = messages(realm);
        if (!PhoneLinks.isLive(session, realm, token)) {
            return page(msg, Response.Status.NOT_FOUND, msg.get("tweestapPhoneLinkTitle"),
                    "<p id=\"tweestap-link-invalid\">" + HtmlPage.escape(msg.get("tweestapPhoneLinkInvalid")) + "</p>");
        }
        return page(msg, Response.Status.OK, msg.get("tweestapPhoneLinkTitle"),
                "<p>" + HtmlPage.escape(msg.get("tweestapPhoneLinkQuestion")) + "</p>"
                        + "<form method=\"post\" action=\"verify\"><input type=\"hidden\" name=\"t\" value=\""
                        + HtmlPage.escape(token) + "\"><button id=\"tweestap-link-confirm\" type=\"submit\">"
                        + HtmlPage.escape(msg.get("tweestapPhoneLinkConfirm")) + "</button></form>");
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(@FormParam("t") String token) {
        RealmModel realm = session.getContext().getRealm();
        LocalizedMessages msg = messages(realm);
        PhoneLinks.Claim claim = PhoneLinks.consume(session, realm, token);
        UserModel user = claim == null ? null : session.users().getUserById(realm, claim.userId());
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .detail("custom_required_action", VerifyPhoneRequiredActionFactory.ID)
                .detail(SmsCodeAuthenticator.DETAIL_METHOD, "sms").detail(SmsCodeAuthenticator.DETAIL_STEP, "phone_link");
        if (user == null) {
            event.event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).error("tweestap_phone_link_invalid");
            return page(msg, Response.Status.NOT_FOUND, msg.get("tweestapPhoneLinkTitle"),
                    "<p id=\"tweestap-link-invalid\">" + HtmlPage.escape(msg.get("tweestapPhoneLinkInvalid")) + "</p>");
        }
        event.user(user).detail(SmsCodeAuthenticator.DETAIL_PHONE, VerifiedPhone.masked(claim.e164()));
        PhonePolicy.Result current = policy(realm).phonePolicy().check(user.getFirstAttribute(VerifiedPhone.PHONE_ATTRIBUTE));
        if (!current.ok() || !claim.e164().equals(current.e164())) {
            // The number was changed after the link was sent: the link confirms only the number it was sent to.
            event.event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).error("tweestap_phone_link_number_changed");
            return page(msg, Response.Status.CONFLICT, msg.get("tweestapPhoneLinkTitle"),
                    "<p id=\"tweestap-link-invalid\">" + HtmlPage.escape(msg.get("tweestapPhoneLinkChanged")) + "</p>");
        }
        VerifiedPhone.markVerified(user, claim.e164());
        event.event(EventType.CUSTOM_REQUIRED_ACTION).success();
        String more = "";
        if (user.getFirstAttribute(SmsActions.TEMP_PASSWORD_ATTRIBUTE) != null) {
            // A new account (helpdesk page, seed 000): the temporary password follows as soon as the number is confirmed.
            user.removeAttribute(SmsActions.TEMP_PASSWORD_ATTRIBUTE);
            SmsActions.Outcome sent = SmsActions.sendTemporaryPassword(session, realm, user, random);
            EventBuilder passwordEvent = event.clone().detail(SmsCodeAuthenticator.DETAIL_STEP, "temporary_password_sent");
            if (sent.ok()) {
                passwordEvent.event(EventType.CUSTOM_REQUIRED_ACTION).success();
                more = "<p id=\"tweestap-link-password\">" + HtmlPage.escape(msg.get("tweestapPhoneLinkPasswordSent")) + "</p>";
            } else {
                passwordEvent.event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).error("tweestap_temporary_password_" + sent.error());
            }
        }
        return page(msg, Response.Status.OK, msg.get("tweestapPhoneLinkTitle"),
                "<p id=\"tweestap-link-done\">" + HtmlPage.escape(msg.get("tweestapPhoneLinkDone")) + "</p>" + more);
    }

    private SmsPolicySettings policy(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(VerifyPhoneRequiredActionFactory.ID);
        return SmsPolicySettings.from(config == null ? null : config.getConfig());
    }

    private LocalizedMessages messages(RealmModel realm) {
        Locale locale = session.getContext().resolveLocale(null);
        return LocalizedMessages.load(session, realm, locale);
    }

    private Response page(LocalizedMessages msg, Response.Status status, String title, String body) {
        PageHeaders.page(session);
        return Response.status(status).entity(HtmlPage.page(msg.locale().getLanguage(), title, body))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }
}
