package io.github.tweestap.device.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * How the app looks and is called in a realm: its name from the message keys {@code tweestapAppName} and
 * {@code tweestapAppShortName} ({0} = the realm's display name), its colours from the login theme's properties
 * {@code tweestapAppPrimaryColor}, {@code tweestapAppOnPrimaryColor}, {@code tweestapAppAccentColor} and
 * {@code tweestapAppBackgroundColor} (#rrggbb; anything else falls back to the default).
 */
public record AppBranding(String name, String shortName, String primary, String onPrimary, String accent,
        String background, String locale) {

    static final String PRIMARY = "#1f4e79";
    static final String ON_PRIMARY = "#ffffff";
    static final String ACCENT = "#ffd200";
    static final String BACKGROUND = "#f4f6f8";
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** From the theme's messages (already in the request's locale) and properties, for a realm's display name. */
    public static AppBranding of(Properties messages, Properties themeProperties, String realmDisplayName, Locale locale) {
        String name = text(messages, "tweestapAppName", realmDisplayName, 45);
        String shortName = text(messages, "tweestapAppShortName", realmDisplayName, 12);
        return new AppBranding(name, shortName,
                color(themeProperties, "tweestapAppPrimaryColor", PRIMARY),
                color(themeProperties, "tweestapAppOnPrimaryColor", ON_PRIMARY),
                color(themeProperties, "tweestapAppAccentColor", ACCENT),
                color(themeProperties, "tweestapAppBackgroundColor", BACKGROUND), locale.toLanguageTag());
    }

    private static String text(Properties messages, String key, String realmName, int max) {
        String pattern = messages.getProperty(key, "{0}");
        String value = new java.text.MessageFormat(pattern, Locale.ROOT).format(new Object[] {realmName}).trim();
        if (value.isEmpty()) {
            value = realmName;
        }
        return value.length() > max ? value.substring(0, max).trim() : value;
    }

    private static String color(Properties properties, String key, String fallback) {
        String value = properties == null ? null : properties.getProperty(key);
        return value != null && COLOR.matcher(value.trim()).matches() ? value.trim().toLowerCase(Locale.ROOT) : fallback;
    }

    /** The web app manifest; {@code appPath} is the app's absolute path with a trailing slash. */
    public Map<String, Object> manifest(String appPath) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("id", appPath);
        manifest.put("name", name);
        manifest.put("short_name", shortName);
        manifest.put("lang", locale);
        manifest.put("start_url", appPath);
        manifest.put("scope", appPath);
        manifest.put("display", "standalone");
        // Links into the app's scope (the binding SMS's link is one) open in the installed app where the platform
        // allows it (Android); elsewhere they open in the browser and work the same.
        manifest.put("handle_links", "preferred");
        manifest.put("launch_handler", Map.of("client_mode", List.of("navigate-existing", "auto")));
        manifest.put("orientation", "portrait");
        manifest.put("theme_color", primary);
        manifest.put("background_color", background);
        manifest.put("icons", List.of(
                icon("icons/icon-192.png", "192x192", "any"), icon("icons/icon-512.png", "512x512", "any"),
                icon("icons/icon-192.png", "192x192", "maskable"), icon("icons/icon-512.png", "512x512", "maskable")));
        return manifest;
    }

    private static Map<String, String> icon(String src, String sizes, String purpose) {
        return Map.of("src", src, "sizes", sizes, "type", "image/png", "purpose", purpose);
    }

    /** CSS custom properties for app.css (values are checked colours only). */
    public String css() {
        return ":root {\n  --tw-primary: " + primary + ";\n  --tw-on-primary: " + onPrimary + ";\n  --tw-accent: " + accent
                + ";\n  --tw-background: " + background + ";\n}\n";
    }
}
