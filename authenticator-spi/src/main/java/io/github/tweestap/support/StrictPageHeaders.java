package io.github.tweestap.support;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The headers of a page the pack serves as its own web application (the phone's web app, the helpdesk page), with a
 * content security policy of its own. Keycloak would replace them on an HTML answer with the realm's browser security
 * headers (a CSP meant for its login pages), so the page asks Keycloak to skip its own
 * ({@code SecurityHeadersOptions.skipHeaders()}, in 26.4 to 26.7) and sets the full set itself, keeping the realm's
 * Strict-Transport-Security and X-Robots-Tag.
 */
public final class StrictPageHeaders {

    private StrictPageHeaders() {
    }

    public static Response.ResponseBuilder apply(KeycloakSession session, Response.ResponseBuilder builder, String csp,
            String permissionsPolicy) {
        SecurityHeadersProvider keycloakHeaders = session.getProvider(SecurityHeadersProvider.class);
        if (keycloakHeaders != null) {
            keycloakHeaders.options().skipHeaders();
        }
        RealmModel realm = session.getContext().getRealm();
        Map<String, String> realmHeaders = realm == null ? Map.of() : realm.getBrowserSecurityHeaders();
        for (BrowserSecurityHeaders kept : new BrowserSecurityHeaders[] {BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY,
                BrowserSecurityHeaders.X_ROBOTS_TAG}) {
            String value = realmHeaders.getOrDefault(kept.getKey(), kept.getDefaultValue());
            if (value != null && !value.isEmpty()) {
                builder.header(kept.getHeaderName(), value);
            }
        }
        return builder.header("Content-Security-Policy", csp)
                .header("Permissions-Policy", permissionsPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .header("Cross-Origin-Resource-Policy", "same-origin");
    }
}
