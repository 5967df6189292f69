package io.github.tweestap.device.app;

import jakarta.ws.rs.core.Response;

/**
 * The headers every answer of the web app carries. The CSP allows nothing from another origin and no inline
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

    static Response.ResponseBuilder apply(Response.ResponseBuilder builder) {
        return builder.header("Content-Security-Policy", CSP)
                .header("Permissions-Policy", PERMISSIONS)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .header("Cross-Origin-Resource-Policy", "same-origin");
    }
}
