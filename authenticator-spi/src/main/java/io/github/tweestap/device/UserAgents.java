package io.github.tweestap.device;

/** A readable browser and operating system from a User-Agent header, for the phone's "Logt u in?" details. */
final class UserAgents {

    private UserAgents() {
    }

    static String browser(String ua) {
        if (ua == null) {
            return "?";
        }
        String[][] browsers = {{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"},
                {"Version/", "Safari"}};
        for (String[] b : browsers) {
            int at = ua.indexOf(b[0]);
            if (at >= 0) {
                String version = ua.substring(at + b[0].length()).split("[^0-9]", 2)[0];
                return version.isEmpty() ? b[1] : b[1] + " " + version;
            }
        }
        return "?";
    }

    static String os(String ua) {
        if (ua == null) {
            return "?";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("iPhone") || ua.contains("iPad")) {
            return "iOS";
        }
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Linux")) {
            return "Linux";
        }
        return "?";
    }
}
