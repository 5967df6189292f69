package io.github.tweestap.device.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tweestap.device.push.PushSenderProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.theme.Theme;

/**
 * The web app of a realm at {@code /realms/<realm>/tweestap-app/}: its files from the provider JAR, plus what
 * depends on the realm — the manifest (id, scope and start_url are this realm's app), {@code config.json},
 * {@code messages.json} (the app's message keys from the realm's login theme, in the request's locale),
 * {@code theme.css} — and {@code sw.js} with the shell version filled in. Every answer, 404s included, carries
 * {@link AppSecurityHeaders}. Nothing here needs a login: the app authenticates to the device API with its key.
 */
public final class AppResource {

    private static final Logger LOG = Logger.getLogger(AppResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MESSAGE_PREFIX = "tweestapApp";

    private final KeycloakSession session;
    private final AppBuild build;
    private final boolean testHooks;

    AppResource(KeycloakSession session, AppBuild build, boolean testHooks) {
        this.session = session;
        this.build = build;
        this.testHooks = testHooks;
    }

    @GET
    public Response index() {
        URI request = session.getContext().getUri().getRequestUri();
        if (!request.getRawPath().endsWith("/")) {
            // The app's files are addressed relative to its path, which ends in a slash.
            return AppSecurityHeaders.apply(session, Response.status(301).location(URI.create(appPath()))
                    .header("Cache-Control", "no-cache")).build();
        }
        return file("index.html");
    }

    /**
     * The link in the binding SMS ({@code …/tweestap-app/link?t=…}): inside the app's scope, so that a phone with
     * the app installed may open it in the app; it goes on to the page that confirms the binding
     * ({@code …/tweestap-device/link}), in the app's window or in any browser. Only a well-formed token is passed on.
     */
    @GET
    @Path("link")
    public Response bindingLink(@QueryParam("t") String token) {
        String target = RealmsResource.realmBaseUrl(session.getContext().getUri()).path("tweestap-device").path("link")
                .build(realm().getName()).getRawPath();
        if (token != null && token.matches("[A-Za-z0-9_-]{1,512}")) {
            target += "?t=" + token;
        }
        return AppSecurityHeaders.apply(session, Response.seeOther(URI.create(target)).header("Cache-Control", "no-store"))
                .build();
    }

    @GET
    @Path("{name: .+}")
    public Response file(@PathParam("name") String name) {
        switch (name) {
            case "manifest.webmanifest":
                return generated(json(branding().manifest(appPath())), "application/manifest+json; charset=utf-8");
            case "config.json":
                return generated(json(config()), "application/json; charset=utf-8");
            case "messages.json":
                return generated(json(messages()), "application/json; charset=utf-8");
            case "theme.css":
                return generated(branding().css(), "text/css; charset=utf-8");
            case "sw.js":
                return serviceWorker();
            default:
                break;
        }
        String type = AppFiles.contentType(name);
        byte[] bytes = type == null ? null : AppFiles.read(name);
        if (bytes == null) {
            return notFound();
        }
        String etag = "\"" + build.shellVersion() + "\"";
        String ifNoneMatch = session.getContext().getRequestHeaders().getHeaderString("If-None-Match");
        if (etag.equals(ifNoneMatch)) {
            return AppSecurityHeaders.apply(session, Response.notModified().header("ETag", etag).header("Cache-Control", "no-cache"))
                    .build();
        }
        return AppSecurityHeaders.apply(session, Response.ok(bytes, type).header("ETag", etag).header("Cache-Control", "no-cache"))
                .build();
    }

    private Response serviceWorker() {
        byte[] bytes = AppFiles.read("sw.js");
        if (bytes == null) {
            return notFound();
        }
        String script = new String(bytes, StandardCharsets.UTF_8).replace("__SHELL_VERSION__", build.shellVersion());
        // Never from a cache: a phone must see a new app version at its next start.
        return AppSecurityHeaders.apply(session, Response.ok(script, "text/javascript; charset=utf-8")
                .header("Cache-Control", "no-cache, no-store, max-age=0")).build();
    }

    private Response generated(String body, String type) {
        return AppSecurityHeaders.apply(session, Response.ok(body, type).header("Cache-Control", "no-cache")
                .header("Vary", "Accept-Language, Cookie")).build();
    }

    private Response notFound() {
        return AppSecurityHeaders.apply(session, Response.status(404).entity("Not found").type("text/plain; charset=utf-8")
                .header("Cache-Control", "no-cache")).build();
    }

    private Map<String, Object> config() {
        PushSenderProvider sender = session.getProvider(PushSenderProvider.class);
        String key = sender == null ? null : sender.applicationServerKey();
        Map<String, Object> config = new TreeMap<>();
        config.put("appName", branding().name());
        config.put("version", build.version());
        config.put("vapidPublicKey", key);
        if (testHooks) {
            config.put("testHooks", true);
        }
        return config;
    }

    private Map<String, Object> messages() {
        Locale locale = locale();
        Properties all = themeMessages(locale);
        Map<String, String> app = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            if (isAppKey(key)) {
                app.put(key, all.getProperty(key));
            }
        }
        return Map.of("locale", locale.toLanguageTag(), "messages", app);
    }

    /** The app's message keys: {@code tweestapApp} and then a capital ({@code tweestapApply} is not one). */
    static boolean isAppKey(String key) {
        return key.startsWith(MESSAGE_PREFIX) && key.length() > MESSAGE_PREFIX.length()
                && Character.isUpperCase(key.charAt(MESSAGE_PREFIX.length()));
    }

    private AppBranding branding() {
        Locale locale = locale();
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
            LOG.warn("could not load the login theme's messages for the web app", e);
            return new Properties();
        }
    }

    private Locale locale() {
        return session.getContext().resolveLocale(null);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    /** The app's absolute path, e.g. {@code /realms/werkplek/tweestap-app/} (with the server's context path). */
    private String appPath() {
        return RealmsResource.realmBaseUrl(session.getContext().getUri()).path(AppResourceFactory.ID)
                .build(realm().getName()).getRawPath() + "/";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
