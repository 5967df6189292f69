package io.github.tweestap.support;

import jakarta.ws.rs.NotFoundException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** The user an admin endpoint acts on, with Keycloak's own permission checks (admin REST extensions must check). */
public final class AdminUsers {

    private AdminUsers() {
    }

    /**
     * The user, when the caller may view it ({@code manage} false) or manage it ({@code manage} true); 404 for an
     * unknown id (after checking the caller may query users at all, as Keycloak's user endpoints do), 403 otherwise.
     */
    public static UserModel require(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, String id,
            boolean manage) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null) {
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        if (manage) {
            auth.users().requireManage(user);
        } else {
            auth.users().requireView(user);
        }
        return user;
    }
}
