package io.github.tweestap.helpdesk;

import org.jboss.logging.Logger;
import org.keycloak.Config;

/**
 * The limits of the helpdesk page's migration import, set on the server
 * ({@code --spi-admin-realm-restapi-extension--tweestap-helpdesk--import-max-rows=…}):
 * {@code import-max-rows} (data rows per file, default {@value #DEFAULT_MAX_ROWS}, 1 to {@value #MAX_MAX_ROWS}; a larger
 * file is refused as a whole: split it) and {@code import-dry-run-ttl} (seconds within which the real run must follow its
 * dry run, default {@value #DEFAULT_TTL}, 60 to 86400). A value out of range is logged and the default used.
 */
record HelpdeskImportSettings(int maxRows, int dryRunTtlSeconds) {

    static final int DEFAULT_MAX_ROWS = 1000;
    static final int MAX_MAX_ROWS = 20000;
    static final int DEFAULT_TTL = 1800;
    /** Bytes per row a file may have on average before it is refused unread (a generous line of five columns). */
    static final int BYTES_PER_ROW = 1024;

    private static final Logger LOG = Logger.getLogger(HelpdeskImportSettings.class);

    static HelpdeskImportSettings defaults() {
        return new HelpdeskImportSettings(DEFAULT_MAX_ROWS, DEFAULT_TTL);
    }

    static HelpdeskImportSettings from(Config.Scope config) {
        if (config == null) {
            return defaults();
        }
        return new HelpdeskImportSettings(value(config, "import-max-rows", DEFAULT_MAX_ROWS, 1, MAX_MAX_ROWS),
                value(config, "import-dry-run-ttl", DEFAULT_TTL, 60, 86400));
    }

    /** A file larger than this is refused without reading it. */
    int maxBytes() {
        return (maxRows + 1) * BYTES_PER_ROW;
    }

    private static int value(Config.Scope config, String name, int fallback, int min, int max) {
        String raw = config.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        LOG.errorf("tweestap-helpdesk: %s=%s is not a number from %d to %d; using %d", name, raw, min, max, fallback);
        return fallback;
    }
}
