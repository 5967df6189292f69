package io.github.tweestap.device.app;

import jakarta.ws.rs.core.Response;
import io.github.tweestap.support.StrictPageHeaders;
import org.keycloak.models.KeycloakSession;

/**
 * The headers every answer of the web app carries ({@link StrictPageHeaders}: Keycloak's realm headers would bring a
 * CSP meant for its login pages, which allows frames and no WebAssembly). The CSP allows nothing from another origin and no inline
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
        return StrictPageHeaders.apply(session, builder, CSP, PERMISSIONS);
    }
}
