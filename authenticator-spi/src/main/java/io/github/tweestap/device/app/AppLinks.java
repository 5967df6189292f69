package io.github.tweestap.device.app;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.RealmsResource;

/**
 * The binding link of a QR code ({@code …/tweestap-device/enroll?token=…}, companion/PROTOCOL.md) opened in a
 * phone's browser, e.g. by its own camera app: it goes on to the realm's web app with the link in the fragment
 * ({@code …/tweestap-app/#link=…}), which the app takes as if it had scanned it. The token never reaches a server
 * log through the fragment, and nothing is bound by this request itself.
 */
public final class AppLinks {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,4096}");

    private AppLinks() {
    }

    public static Response openInApp(KeycloakSession session, String token) {
        String realmUrl = RealmsResource.realmBaseUrl(session.getContext().getUri())
                .build(session.getContext().getRealm().getName()).toString();
        String app = realmUrl + "/" + AppResourceFactory.ID + "/";
        String target = token == null || !TOKEN.matcher(token).matches() ? app
                : app + "#link=" + URLEncoder.encode(realmUrl + "/tweestap-device/enroll?token=" + token, StandardCharsets.UTF_8);
        return AppSecurityHeaders.apply(session, Response.seeOther(URI.create(target)).header("Cache-Control", "no-store"))
                .build();
    }
}
