package io.github.tweestap.device.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web app's files as the provider JAR holds them (under {@code tweestap-app/}: companion/webapp/app plus the
 * npm files the build adds under {@code vendor/}). Only names made of letters, digits, {@code _} and {@code -}
 * separated by {@code /}, with a known extension, are looked up: no {@code ..}, no directories, no other files.
 */
public final class AppFiles {

    static final String ROOT = "tweestap-app/";

    /** A relative file name: segments of [A-Za-z0-9_-], the last one with at least one extension. */
    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z0-9_-]+/){0,4}[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "wasm", "application/wasm",
            "json", "application/json; charset=utf-8",
            "webmanifest", "application/manifest+json; charset=utf-8");

    private AppFiles() {
    }

    /** The content type for a name, or null when the name is not one this app serves. */
    public static String contentType(String name) {
        if (name == null || name.length() > 200 || !NAME.matcher(name).matches()) {
            return null;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.get(extension);
    }

    /** The file's bytes, or null when there is no such file (or the name is not one this app serves). */
    public static byte[] read(String name) {
        if (contentType(name) == null) {
            return null;
        }
        try (InputStream in = AppFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
