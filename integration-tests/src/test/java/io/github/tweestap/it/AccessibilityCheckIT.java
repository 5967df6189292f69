package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.Accessibility;
import io.github.tweestap.it.support.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The accessibility check itself: axe-core finds a known serious problem and passes a clean page. */
class AccessibilityCheckIT {

    @Test
    void findsSeriousViolationsAndPassesACleanPage() throws Exception {
        Path dir = Files.createTempDirectory("tweestap-axe-");
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<!doctype html><html><head><title>t</title></head><body><main>"
                + "<img src=\"x.png\"><input type=\"text\"><p style=\"color:#eee;background:#fff\">low contrast</p>"
                + "</main></body></html>");
        Path good = dir.resolve("good.html");
        Files.writeString(good, "<!doctype html><html lang=\"nl\"><head><title>Inloggen</title></head><body><main>"
                + "<h1>Inloggen</h1><label for=\"u\">Gebruikersnaam</label><input id=\"u\" type=\"text\">"
                + "<img src=\"x.png\" alt=\"QR-code\"></main></body></html>");
        try (Browser browser = new Browser()) {
            browser.open(bad.toUri().toString());
            assertThat(Accessibility.seriousViolations(browser)).extracting(Accessibility.Violation::rule)
                    .contains("image-alt", "label", "color-contrast", "html-has-lang");
            browser.open(good.toUri().toString());
            assertThat(Accessibility.seriousViolations(browser)).isEmpty();
        }
    }
}
