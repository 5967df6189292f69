package io.github.tweestap.companion;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The enrollment link a QR code holds: {@code {realmUrl}/tweestap-device/enroll?token={enrollmentToken}}.
 *
 * @param baseUrl the link with {@code /enroll?…} cut off: {@code {realmUrl}/tweestap-device}
 * @param token   the enrollment token, opaque to the device
 */
public record EnrollmentLink(URI baseUrl, String token) {

    private static final String ENROLL = "/enroll";

    /**
     * Parses a link.
     *
     * @throws IllegalArgumentException if it is not an http(s) URL whose path ends in {@code /enroll} with a
     *                                  {@code token} parameter
     */
    public static EnrollmentLink parse(String link) {
        URI uri;
        try {
            uri = URI.create(link.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an enrollment link: not a URL", e);
        }
        return parse(uri);
    }

    /** See {@link #parse(String)}. */
    public static EnrollmentLink parse(URI link) {
        String scheme = link.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || link.getRawAuthority() == null) {
            throw new IllegalArgumentException("Not an enrollment link: not an http(s) URL");
        }
        String path = link.getRawPath();
        if (path == null || !path.endsWith(ENROLL)) {
            throw new IllegalArgumentException("Not an enrollment link: the path does not end in /enroll");
        }
        String token = null;
        String query = link.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if ("token".equals(URLDecoder.decode(name, StandardCharsets.UTF_8)) && eq >= 0) {
                    token = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("Not an enrollment link: no token");
        }
        String base = scheme.toLowerCase(java.util.Locale.ROOT) + "://" + link.getRawAuthority()
                + path.substring(0, path.length() - ENROLL.length());
        return new EnrollmentLink(URI.create(base), token);
    }

    @Override
    public String toString() {
        return "EnrollmentLink[baseUrl=" + baseUrl + ", token=***]";
    }
}
