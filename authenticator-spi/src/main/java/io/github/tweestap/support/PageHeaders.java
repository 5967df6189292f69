package io.github.tweestap.support;

import org.keycloak.http.HttpResponse;
import org.keycloak.models.KeycloakSession;

/**
 * The headers of every HTML page the pack renders itself, outside Keycloak's login flow (unlock, renewal, username
 * reminder, the SMS links, the dev outbox): the same as Keycloak's login pages. Keycloak's security-headers filter
 * already gives every {@code text/html} answer the realm's browser security headers (X-Frame-Options, CSP
 * frame-ancestors, X-Content-Type-Options, Referrer-Policy, Strict-Transport-Security, X-Robots-Tag); what a login
 * page has on top is {@code Cache-Control: no-store, must-revalidate, max-age=0}, set on the response the way
 * Keycloak's login actions set it, so no page with a form, a number to match or a code is kept by a browser or a
 * shared cache.
 */
public final class PageHeaders {

    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String NO_STORE = "no-store, must-revalidate, max-age=0";

    private PageHeaders() {
    }

    /** Call once in a request that answers with one of the pack's pages, before returning it. */
    public static void page(KeycloakSession session) {
        HttpResponse response = session.getContext().getHttpResponse();
        if (response != null) {
            response.setHeader(CACHE_CONTROL, NO_STORE);
        }
    }
}
