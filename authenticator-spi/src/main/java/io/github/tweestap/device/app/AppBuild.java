package io.github.tweestap.device.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The app's version (shown under "Instellingen") and its shell version: a digest of version and build time that
 * names the service worker's cache, the same on every node that runs the same JAR.
 */
public record AppBuild(String version, String shellVersion) {

    public static AppBuild load() {
        Properties properties = new Properties();
        try (InputStream in = AppBuild.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // falls back to the defaults below
        }
        String version = properties.getProperty("version", "dev");
        String built = properties.getProperty("built", "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((version + "|" + built).getBytes(StandardCharsets.UTF_8));
            return new AppBuild(version, HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
