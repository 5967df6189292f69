package io.github.tweestap.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import io.github.tweestap.support.LocalizedMessages;

/**
 * Admin REST API of the SMS capability, under {@code /admin/realms/<realm>/tweestap/users/<id>/...}. Every call
 * checks that the caller may manage the user.
 */
public final class SmsAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final SecureRandom random;

    SmsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent, SecureRandom random) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.random = random;
    }

    /**
     * Registers the user's mobile number (normalised by the realm's phone policy) and sends it a one-time SMS link;
     * the number becomes verified only when that link is opened and confirmed on the phone. Body:
     * {@code {"phoneNumber": "06 12345678"}}. 202 when the link was sent, 200 when that number is already verified.
     */
    @PUT
    @Path("users/{id}/phone-number")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response registerPhoneNumber(@PathParam("id") String id, Map<String, String> body) {
        UserModel user = user(id);
        SmsActions.Outcome outcome = SmsActions.registerPhone(session, realm, user,
                body == null ? null : body.get("phoneNumber"), random);
        if (!outcome.ok()) {
            return error(outcome);
        }
        if (outcome.status() == 200) {
            return Response.ok(Map.of("phoneNumber", outcome.e164(), "verified", true)).build();
        }
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                .detail(SmsCodeAuthenticator.DETAIL_STEP, "phone_registered")
                .detail(SmsCodeAuthenticator.DETAIL_PHONE, VerifiedPhone.masked(outcome.e164())).success();
        return Response.accepted(Map.of("phoneNumber", outcome.e164(), "verified", false, "verificationSent", true)).build();
    }

    /**
     * Sets a random temporary password that satisfies the realm's password policy, sends it by SMS to the user's
     * verified number and makes the user choose a new password at the next login. Nothing changes when the SMS
     * cannot be sent.
     */
    @POST
    @Path("users/{id}/temporary-password-sms")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sendTemporaryPassword(@PathParam("id") String id) {
        UserModel user = user(id);
        SmsActions.Outcome outcome = SmsActions.sendTemporaryPassword(session, realm, user, random);
        if (!outcome.ok()) {
            return error(outcome);
        }
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .detail(SmsCodeAuthenticator.DETAIL_STEP, "temporary_password_sent")
                .detail(SmsCodeAuthenticator.DETAIL_PHONE, VerifiedPhone.masked(outcome.e164())).success();
        return Response.noContent().build();
    }

    private UserModel user(String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null) {
            // Same answer as Keycloak's own user endpoints, before any permission detail is revealed.
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        auth.users().requireManage(user);
        return user;
    }

    private Response error(SmsActions.Outcome outcome) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", outcome.error());
        body.put("errorMessage", LocalizedMessages.load(session, realm,
                session.getContext().resolveLocale(null)).get(outcome.messageKey()));
        return Response.status(outcome.status()).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
}
