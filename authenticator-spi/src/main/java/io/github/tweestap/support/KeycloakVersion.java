package io.github.tweestap.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.common.Version;

/**
 * Which Keycloak versions the pack runs on: 26.4.0 up to the last 26.7 patch. Outside that range the pack logs one
 * error at startup and its steps, required actions and pages refuse with an error page ({@link UnsupportedVersion})
 * instead of failing somewhere inside Keycloak's API with a server error.
 */
public final class KeycloakVersion {

    /** For people: the supported minor versions. */
    public static final String SUPPORTED = "26.4, 26.5, 26.6 and 26.7";
    /** For people: the distributions the CI runs the pack on (26.6 is compiled against, not run). */
    public static final String TESTED = "26.4.7, 26.5.6 and 26.7.3";

    private static final int MAJOR = 26;
    private static final int FIRST_MINOR = 4;
    private static final int LAST_MINOR = 7;
    private static final Pattern NUMBERS = Pattern.compile("^(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})(?:[.-].*)?$");
    private static final Logger LOG = Logger.getLogger(KeycloakVersion.class);

    /** Read once: the running server's version does not change. */
    private static final boolean RUNNING_SUPPORTED = isSupported(running());
    private static final int RUNNING_MINOR = minor(running());

    private KeycloakVersion() {
    }

    /** The version of the Keycloak server this code runs in, as Keycloak reports it. */
    public static String running() {
        return Version.VERSION;
    }

    /** Whether the running Keycloak is one the pack supports. */
    public static boolean supported() {
        return RUNNING_SUPPORTED;
    }

    /** Whether the running Keycloak is a 26.x older than 26.{@code minor} (false when its version cannot be read). */
    public static boolean runningBefore26(int minor) {
        return RUNNING_MINOR >= 0 && RUNNING_MINOR < minor;
    }

    /** The minor version of a 26.x version string; -1 for any other or unreadable version. */
    static int minor(String version) {
        if (version == null) {
            return -1;
        }
        Matcher m = NUMBERS.matcher(version.trim());
        return m.matches() && Integer.parseInt(m.group(1)) == MAJOR ? Integer.parseInt(m.group(2)) : -1;
    }

    /**
     * Whether {@code version} (e.g. {@code 26.5.6}, or a vendor build such as {@code 26.4.2.redhat-00001}) is in the
     * supported range. Anything that cannot be read as major.minor.patch (a source build's {@code 999.0.0-SNAPSHOT}
     * is read, and is outside) counts as unsupported.
     */
    static boolean isSupported(String version) {
        if (version == null) {
            return false;
        }
        int minor = minor(version);
        return minor >= FIRST_MINOR && minor <= LAST_MINOR;
    }

    /** The one startup message: an error naming the supported versions when the running Keycloak is outside them. */
    static String startupMessage(String version, boolean supported) {
        if (supported) {
            return "Tweestap runs on Keycloak " + version + " (supported: " + SUPPORTED + ")";
        }
        return "Tweestap does not support Keycloak " + version + ". Supported versions: Keycloak " + SUPPORTED
                + " (tested on " + TESTED + "; run the newest patch of your minor version). Until Keycloak is"
                + " upgraded or the Tweestap JARs are removed from providers/, every Tweestap login step, required"
                + " action and page refuses with an error page, and its background tasks do not run.";
    }

    /** Logs the startup message once per server start (called from exactly one factory's postInit). */
    public static void logAtStartup() {
        String message = startupMessage(running(), supported());
        if (supported()) {
            LOG.info(message);
        } else {
            LOG.error(message);
        }
    }
}
