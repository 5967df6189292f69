package io.github.tweestap.device.app;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The headers every answer of the web app carries. Keycloak would replace them on an HTML answer with the realm's
 * browser security headers (a CSP meant for its login pages, which allows frames and no WebAssembly), so the app
 * asks Keycloak to skip its own ({@code SecurityHeadersOptions.skipHeaders()}, in 26.4 to 26.7) and sets the full set
 * itself, keeping the realm's Strict-Transport-Security and X-Robots-Tag. The CSP allows nothing from another origin and no inline
 * script or style; {@code 'wasm-unsafe-eval'} lets the QR decoder (ZXing in WebAssembly, served by the app) compile.
 */
public final class AppSecurityHeaders {

    public static final String CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
            + "style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; "
            + "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    public static final String PERMISSIONS = "camera=(self), microphone=(), geolocation=()";

    private AppSecurityHeaders() {
    }

    static Response.ResponseBuilder apply(KeycloakSession session, Response.ResponseBuilder builder) {
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
        return builder.header("Content-Security-Policy", CSP)
                .header("Permissions-Policy", PERMISSIONS)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .header("Cross-Origin-Resource-Policy", "same-origin");
    }
}
