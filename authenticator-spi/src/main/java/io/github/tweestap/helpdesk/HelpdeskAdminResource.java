package io.github.tweestap.helpdesk;

import io.github.tweestap.support.AdminUsers;
import io.github.tweestap.account.AccountMail;
import io.github.tweestap.sms.SmsActions;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.LocalizedMessages;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The helpdesk page's own admin REST calls, under {@code /admin/realms/<realm>/tweestap-helpdesk/}, with the helpdesk
 * person's own token: Keycloak's permission evaluator decides (view-users for the person view, manage-users for the
 * actions; with fine-grained admin permissions, for the people an employer may see or manage only), 403 otherwise,
 * whatever the page sends. Everything else the page does goes to Keycloak's and the pack's existing endpoints.
 */
public final class HelpdeskAdminResource {

    private static final Logger LOG = Logger.getLogger(HelpdeskAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final SecureRandom random;
    private final AdminEventBuilder rawAdminEvent;
    private final HelpdeskImportSettings importSettings;

    HelpdeskAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent, SecureRandom random, HelpdeskImportSettings importSettings) {
        this.session = session;
        this.rawAdminEvent = adminEvent;
        this.importSettings = importSettings;
        this.random = random;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    /**
     * What the caller may do in general, so that the page shows only that: search ({@code query}) and create accounts
     * ({@code create}). Each call is checked again on its own.
     */
    @GET
    @Path("capabilities")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> capabilities() {
        return Map.of("query", auth.users().canQuery(), "create", auth.users().canManage());
    }

    /** The seed 004 view of one person (see {@link PersonView}); needs view-users for that person. */
    @GET
    @Path("users/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> person(@PathParam("id") String id) {
        UserModel user = AdminUsers.require(session, realm, auth, id, false);
        return PersonView.of(session, realm, user, auth.users().canManage(user));
    }

    /** Blocks the account ("Blokkeren", seed 004): Keycloak's own switch, {@code enabled=false}. Needs manage-users. */
    @POST
    @Path("users/{id}/block")
    public Response block(@PathParam("id") String id) {
        return enabled(id, false);
    }

    /** Unblocks the account. Needs manage-users. */
    @POST
    @Path("users/{id}/unblock")
    public Response unblock(@PathParam("id") String id) {
        return enabled(id, true);
    }

    /**
     * A new account (seed 000's onboarding): {@code {"username", "email", "phoneNumber", "firstName"?, "lastName"?}}.
     * Needs manage-users for the realm. The account is created through the realm's user profile (its validation and
     * duplicate checks), the number is registered and confirmed by the person with the SMS link, the username goes by
     * e-mail, and the temporary password goes by SMS by itself as soon as the number is confirmed. Nothing is kept when
     * any part fails: 400 (localized {@code errorMessage}) for a bad field or number, 409 when the username or e-mail
     * address is taken, 502/429 when the SMS or the e-mail could not be sent.
     */
    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(Map<String, String> body) {
        auth.users().requireManage();
        Map<String, String> input = body == null ? Map.of() : body;
        LocalizedMessages texts = LocalizedMessages.load(session, realm, session.getContext().resolveLocale(null));
        SmsActions.Outcome number = SmsActions.check(realm, input.get("phoneNumber"));
        if (!number.ok()) {
            return error(number.status(), number.error(), texts.get(number.messageKey()));
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String name : new String[] {UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME, UserModel.LAST_NAME}) {
            String value = input.get(name);
            if (value != null && !value.isBlank()) {
                attributes.put(name, List.of(value.trim()));
            }
        }
        if (!attributes.containsKey(UserModel.USERNAME) || !attributes.containsKey(UserModel.EMAIL)) {
            return error(400, "missing_field", texts.get("tweestapHelpdeskNewMissing"));
        }
        UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, attributes);
        UserModel user;
        try {
            profile.validate();
            user = profile.create();
        } catch (ValidationException e) {
            ValidationException.Error first = e.getErrors().get(0);
            int status = first.getStatusCode() == Response.Status.CONFLICT ? 409 : 400;
            return error(status, status == 409 ? "exists" : "invalid_field",
                    first.getFormattedMessage((key, args) -> texts.get(key, args)));
        } catch (ModelDuplicateException e) {
            return error(409, "exists", texts.get("tweestapHelpdeskNewExists"));
        }
        user.setEnabled(true);
        user.setSingleAttribute(SmsActions.TEMP_PASSWORD_ATTRIBUTE, "1");
        SmsActions.Outcome sms = SmsActions.registerPhone(session, realm, user, number.e164(), random);
        if (!sms.ok()) {
            session.getTransactionManager().setRollbackOnly();
            return error(sms.status(), sms.error(), texts.get(sms.messageKey()));
        }
        try {
            AccountMail.sendUsername(session, realm, user);
        } catch (EmailException e) {
            LOG.warnf("new account of realm %s: the username e-mail could not be sent: %s", realm.getName(), e.getMessage());
            session.getTransactionManager().setRollbackOnly();
            return error(502, "email_failed", texts.get("tweestapHelpdeskErrorDelivery"));
        }
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri(), user.getId())
                .detail("tweestap_step", "account_created").detail("tweestap_phone", VerifiedPhone.masked(sms.e164()))
                .success();
        return Response.status(201).entity(Map.of("id", user.getId(), "username", user.getUsername())).build();
    }

    /** The migration import (issue 17, part 3): its own class, {@link HelpdeskImportResource}. */
    @Path("import")
    public HelpdeskImportResource importer() {
        return new HelpdeskImportResource(session, realm, auth, rawAdminEvent, importSettings, random);
    }

    private static Response error(int status, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("errorMessage", message);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    private Response enabled(String id, boolean enabled) {
        UserModel user = AdminUsers.require(session, realm, auth, id, true);
        user.setEnabled(enabled);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .detail("tweestap_step", enabled ? "unblocked" : "blocked").success();
        return Response.noContent().build();
    }
}
