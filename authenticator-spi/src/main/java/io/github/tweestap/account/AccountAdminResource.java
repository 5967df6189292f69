package io.github.tweestap.account;

import io.github.tweestap.support.AdminUsers;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Admin REST API of the account helpers, under {@code /admin/realms/<realm>/tweestap-account}: seed 004's
 * "Gebruikersnaam versturen" (the employer sends the employee's username by e-mail). Needs manage-users for the
 * user.
 */
public final class AccountAdminResource {

    private static final Logger LOG = Logger.getLogger(AccountAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    AccountAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    /** 204 when sent; 400 when the user has no e-mail address; 502 when the mail server refused it. */
    @POST
    @Path("users/{id}/username-email")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sendUsername(@PathParam("id") String id) {
        UserModel user = AdminUsers.require(session, realm, auth, id, true);
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "no_email", "error_description", "The user has no e-mail address.")).build();
        }
        try {
            AccountMail.sendUsername(session, realm, user);
        } catch (EmailException e) {
            LOG.warnf("username e-mail for a user of realm %s could not be sent: %s", realm.getName(), e.getMessage());
            return Response.status(Response.Status.BAD_GATEWAY)
                    .entity(Map.of("error", "email_failed", "error_description", "The mail server did not accept the e-mail."))
                    .build();
        }
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .detail("tweestap_step", "username_email_sent").success();
        return Response.noContent().build();
    }
}
