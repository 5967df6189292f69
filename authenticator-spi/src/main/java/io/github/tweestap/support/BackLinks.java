package io.github.tweestap.support;

import java.net.URI;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.RealmsResource;

/**
 * Where a self-service page's "Terug naar inloggen" goes: the login the user came from when the given link is one of
 * this realm's login URLs (absolute, or the path Keycloak's templates use), else the realm's account console (which
 * starts a fresh login). Never another site.
 */
public final class BackLinks {

    private BackLinks() {
    }

    public static String of(KeycloakSession session, String back) {
        URI realmBase = RealmsResource.realmBaseUrl(session.getContext().getUri())
                .build(session.getContext().getRealm().getName());
        String absolute = realmBase.toString();
        String path = realmBase.getRawPath();
        boolean ours = back != null && back.length() < 2048 && !back.contains("..") && !back.contains("\\")
                && !back.startsWith("//")
                && (back.startsWith(absolute + "/login-actions/") || back.startsWith(path + "/login-actions/"));
        if (ours) {
            try {
                if (URI.create(back).normalize().toString().equals(back)) {
                    return back;
                }
            } catch (IllegalArgumentException e) {
                // falls through to the default
            }
        }
        return absolute + "/account";
    }
}
