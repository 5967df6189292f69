package io.github.tweestap.otp;

import io.github.tweestap.support.AdminUsers;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Admin REST API for two-step verification (seed 004: the employer sees whether it is active and can switch it
 * off), under {@code /admin/realms/<realm>/tweestap-otp/users/<id>}.
 */
public final class OtpAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    OtpAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    /** {@code {"active": true, "credentials": 1}}; needs view-users for the user. */
    @GET
    @Path("users/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status(@PathParam("id") String id) {
        UserModel user = user(id, false);
        long count = otp(user).size();
        return Map.of("active", count > 0, "credentials", count);
    }

    /** Switches two-step verification off: removes every OTP credential. Needs manage-users for the user. */
    @DELETE
    @Path("users/{id}/otp")
    public Response switchOff(@PathParam("id") String id) {
        UserModel user = user(id, true);
        List<CredentialModel> credentials = otp(user);
        for (CredentialModel credential : credentials) {
            user.credentialManager().removeStoredCredentialById(credential.getId());
        }
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .detail("tweestap_step", "otp_switched_off").detail("tweestap_credentials", Integer.toString(credentials.size()))
                .success();
        return Response.noContent().build();
    }

    private static List<CredentialModel> otp(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
    }

    private UserModel user(String id, boolean manage) {
        return AdminUsers.require(session, realm, auth, id, manage);
    }
}
