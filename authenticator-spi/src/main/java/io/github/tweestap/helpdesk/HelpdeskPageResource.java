package io.github.tweestap.helpdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tweestap.device.app.AppBranding;
import io.github.tweestap.support.StrictPageHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.theme.Theme;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * The helpdesk page of a realm at {@code /realms/<realm>/tweestap-helpdesk/}: a small page (plain HTML, CSS and one
 * script from the provider JAR, nothing from another origin, no inline script or style) with which the service desk
 * or an employer finds a person, sees the seed 004 view and acts. The helpdesk person logs in with their own account
 * of the realm (authorization code with PKCE, the realm's public client {@value #CLIENT_ID}); the page then calls
 * Keycloak's and the pack's admin REST endpoints with that person's token, so Keycloak's permissions decide.
 *
 * <p>Realm-specific parts are generated: {@code config.json} (endpoints, client, what the realm's flows use),
 * {@code messages.json} (the {@code tweestapHelpdesk…} keys of the realm's login theme in the request's language,
 * {@code kc_locale} to choose) and {@code theme.css} (the login theme's app colours). A realm without an enabled public
 * client {@value #CLIENT_ID} has no helpdesk page (404).
 */
public final class HelpdeskPageResource {

    public static final String CLIENT_ID = "tweestap-helpdesk";
    static final String MESSAGE_PREFIX = "tweestapHelpdesk";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=()";
    /** The page's own files in the JAR (under {@code tweestap-helpdesk/}); nothing else is looked up. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "helpdesk.js", "text/javascript; charset=utf-8",
            "helpdesk.css", "text/css; charset=utf-8");
    /** Profile attributes the search also matches exactly, when the realm's user profile has one. */
    static final Set<String> PERSONNEL_ATTRIBUTES = Set.of("personeelsnummer", "personnelNumber", "employeeNumber");

    private static final Logger LOG = Logger.getLogger(HelpdeskPageResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;

    HelpdeskPageResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    public Response index() {
        if (!enabled()) {
            return notFound();
        }
        URI request = session.getContext().getUri().getRequestUri();
        if (!request.getRawPath().endsWith("/")) {
            return headers(Response.status(301).location(URI.create(pagePath())).header("Cache-Control", "no-cache")).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{name: .+}")
    public Response file(@PathParam("name") String name) {
        if (!enabled()) {
            return notFound();
        }
        switch (name) {
            case "config.json":
                return generated(json(config()), "application/json; charset=utf-8");
            case "messages.json":
                return generated(json(messages()), "application/json; charset=utf-8");
            case "theme.css":
                return generated(branding().css(), "text/css; charset=utf-8");
            default:
                break;
        }
        String type = FILES.get(name);
        byte[] bytes = type == null ? null : read(name);
        if (bytes == null) {
            return notFound();
        }
        return headers(Response.ok(bytes, type).header("Cache-Control", "no-cache")).build();
    }

    /** The realm declares the page by its public client (enabled, standard flow). */
    private boolean enabled() {
        RealmModel realm = realm();
        ClientModel client = realm == null ? null : realm.getClientByClientId(CLIENT_ID);
        return client != null && client.isEnabled() && client.isPublicClient() && client.isStandardFlowEnabled();
    }

    private Map<String, Object> config() {
        RealmModel realm = realm();
        String realmPath = RealmsResource.realmBaseUrl(session.getContext().getUri()).build(realm.getName()).getRawPath();
        String base = session.getContext().getUri().getBaseUri().getRawPath();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("realm", realm.getName());
        config.put("clientId", CLIENT_ID);
        config.put("authUrl", realmPath + "/protocol/openid-connect/auth");
        config.put("tokenUrl", realmPath + "/protocol/openid-connect/token");
        config.put("logoutUrl", realmPath + "/protocol/openid-connect/logout");
        config.put("adminUrl", (base.endsWith("/") ? base : base + "/") + "admin/realms/" + realm.getName());
        config.put("pageUrl", pagePath());
        Set<String> steps = realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .map(e -> e.getAuthenticator()).filter(a -> a != null && a.startsWith("tweestap-"))
                .collect(Collectors.toSet());
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("app", steps.contains("tweestap-push"));
        RequiredActionProviderModel verifyPhone = realm.getRequiredActionProviderByAlias("tweestap-verify-phone");
        features.put("sms", steps.contains("tweestap-push") || steps.contains("tweestap-sms-code")
                || verifyPhone != null && verifyPhone.isEnabled());
        config.put("features", features);
        config.put("personnelAttribute", personnelAttribute());
        return config;
    }

    private String personnelAttribute() {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles == null ? null : profiles.getConfiguration();
        if (config == null) {
            return null;
        }
        for (UPAttribute attribute : config.getAttributes()) {
            if (PERSONNEL_ATTRIBUTES.contains(attribute.getName())) {
                return attribute.getName();
            }
        }
        return null;
    }

    private Map<String, Object> messages() {
        Locale locale = session.getContext().resolveLocale(null);
        Properties all = themeMessages(locale);
        Map<String, String> page = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith(MESSAGE_PREFIX)) {
                page.put(key, all.getProperty(key));
            }
        }
        return Map.of("locale", locale.toLanguageTag(), "messages", page);
    }

    private AppBranding branding() {
        Locale locale = session.getContext().resolveLocale(null);
        Properties properties;
        try {
            properties = session.theme().getTheme(Theme.Type.LOGIN).getProperties();
        } catch (IOException e) {
            properties = new Properties();
        }
        RealmModel realm = realm();
        String display = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
                : realm.getDisplayName();
        return AppBranding.of(themeMessages(locale), properties, display, locale);
    }

    private Properties themeMessages(Locale locale) {
        try {
            return session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm(), locale);
        } catch (IOException e) {
            LOG.warn("could not load the login theme's messages for the helpdesk page", e);
            return new Properties();
        }
    }

    private Response generated(String body, String type) {
        return headers(Response.ok(body, type).header("Cache-Control", "no-cache").header("Vary", "Accept-Language, Cookie"))
                .build();
    }

    private Response notFound() {
        return headers(Response.status(404).entity("Not found").type("text/plain; charset=utf-8")
                .header("Cache-Control", "no-cache")).build();
    }

    private Response.ResponseBuilder headers(Response.ResponseBuilder builder) {
        return StrictPageHeaders.apply(session, builder, CSP, PERMISSIONS);
    }

    private static byte[] read(String name) {
        try (InputStream in = HelpdeskPageResource.class.getClassLoader()
                .getResourceAsStream(HelpdeskPageResourceFactory.ID + "/" + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    /** The page's absolute path with a trailing slash, e.g. {@code /realms/werknemerloket/tweestap-helpdesk/}. */
    private String pagePath() {
        return RealmsResource.realmBaseUrl(session.getContext().getUri()).path(HelpdeskPageResourceFactory.ID)
                .build(realm().getName()).getRawPath() + "/";
    }
}
