package io.github.tweestap.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AppBrandingTest {

    static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void theManifestIsTheRealmsOwnApp() {
        AppBranding branding = AppBranding.of(props("tweestapAppName", "{0} app", "tweestapAppShortName", "{0}"),
                props("tweestapAppPrimaryColor", "#003082", "tweestapAppBackgroundColor", "#F4F4F4"), "Werkplek",
                Locale.forLanguageTag("nl"));
        Map<String, Object> manifest = branding.manifest("/realms/werkplek/tweestap-app/");
        assertThat(manifest).containsEntry("id", "/realms/werkplek/tweestap-app/")
                .containsEntry("scope", "/realms/werkplek/tweestap-app/")
                .containsEntry("start_url", "/realms/werkplek/tweestap-app/")
                .containsEntry("display", "standalone").containsEntry("name", "Werkplek app")
                .containsEntry("short_name", "Werkplek").containsEntry("theme_color", "#003082")
                .containsEntry("background_color", "#f4f4f4").containsEntry("lang", "nl");
        assertThat((List<?>) manifest.get("icons")).hasSize(4).allSatisfy(icon ->
                assertThat(((Map<?, ?>) icon).get("type")).isEqualTo("image/png"));
        assertThat(branding.css()).contains("--tw-primary: #003082;", "--tw-accent: #ffd200;");
    }

    @Test
    void onlyPlainColoursReachTheCss() {
        AppBranding branding = AppBranding.of(new Properties(), props("tweestapAppPrimaryColor", "red;} body{display:none",
                "tweestapAppAccentColor", "#12345", "tweestapAppOnPrimaryColor", "url(https://x)"), "R", Locale.ENGLISH);
        assertThat(branding.primary()).isEqualTo(AppBranding.PRIMARY);
        assertThat(branding.accent()).isEqualTo(AppBranding.ACCENT);
        assertThat(branding.onPrimary()).isEqualTo(AppBranding.ON_PRIMARY);
        assertThat(branding.css()).doesNotContain("display:none", "url(");
    }

    @Test
    void namesFallBackToTheRealmAndStayShort() {
        AppBranding branding = AppBranding.of(new Properties(), null, "Een heel lange naam van een organisatie", Locale.ENGLISH);
        assertThat(branding.name()).isEqualTo("Een heel lange naam van een organisatie");
        assertThat(branding.shortName()).hasSizeLessThanOrEqualTo(12);
    }
}
