package io.github.tweestap.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The app's files come from the JAR by name; nothing outside tweestap-app/, no directory, no odd name. */
class AppFilesTest {

    @Test
    void theAppShellAndTheNpmFilesAreInTheJar() {
        assertThat(new String(AppFiles.read("index.html"), StandardCharsets.UTF_8)).contains("<script type=\"module\" src=\"js/app.js\">")
                .doesNotContain("<script>").doesNotContain("style=");
        assertThat(AppFiles.read("js/app.js")).isNotNull();
        assertThat(AppFiles.read("sw.js")).isNotNull();
        assertThat(AppFiles.read("icons/icon-192.png")).startsWith(0x89, 'P', 'N', 'G');
        assertThat(AppFiles.read("icons/icon-512.png")).startsWith(0x89, 'P', 'N', 'G');
        // installed by the build from npm (companion/webapp/package-lock.json), not committed
        assertThat(AppFiles.read("vendor/barcode-detector/ponyfill.js")).isNotNull();
        assertThat(new String(AppFiles.read("vendor/barcode-detector/zxing-exported.js"), StandardCharsets.UTF_8))
                .doesNotContain("import ");
        assertThat(AppFiles.read("vendor/zxing-wasm/reader/zxing_reader.wasm")).startsWith(0, 'a', 's', 'm');
    }

    @Test
    void contentTypesAreExact() {
        assertThat(AppFiles.contentType("index.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(AppFiles.contentType("js/app.js")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(AppFiles.contentType("vendor/zxing-wasm/reader/zxing_reader.wasm")).isEqualTo("application/wasm");
        assertThat(AppFiles.contentType("manifest.webmanifest")).isEqualTo("application/manifest+json; charset=utf-8");
        assertThat(AppFiles.contentType("icons/icon-192.png")).isEqualTo("image/png");
    }

    @Test
    void namesThatCouldLeaveTheAppAreRefused() {
        for (String name : new String[] {"../index.html", "js/../app.js", "..", "./index.html", ".hidden.js", "js/",
                "js", "vendor", "vendor/barcode-detector/LICENSE", "/etc/passwd", "js//app.js", "js\\app.js",
                "%2e%2e/x.js", "index.html;x", "index.html?x", "META-INF/MANIFEST.MF", "build.properties",
                "io/github/tweestap/device/app/build.properties", "a/b/c/d/e/f.js", ""}) {
            assertThat(AppFiles.contentType(name)).as(name).isNull();
            assertThat(AppFiles.read(name)).as(name).isNull();
        }
        assertThat(AppFiles.read(null)).isNull();
        assertThat(AppFiles.read("no-such-file.js")).isNull();
        // a class file of the pack has no served extension, and is not under tweestap-app/ anyway
        assertThat(AppFiles.read("io/github/tweestap/device/app/AppFiles.class")).isNull();
    }
}
