package io.github.tweestap.helpdesk;

import io.github.tweestap.support.IntSetting;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The limits of the helpdesk page's migration import, server options of the admin extension
 * ({@code --spi-admin-realm-restapi-extension--tweestap-helpdesk--<name>}): {@code import-max-rows} (data rows per file;
 * a longer file is refused as a whole: split it) and {@code import-dry-run-ttl} (seconds within which the real run must
 * follow its dry run). A bad value is logged and the default used.
 */
record HelpdeskImportSettings(int maxRows, int dryRunTtlSeconds) {

    static final IntSetting MAX_ROWS = new IntSetting("importMaxRows", "Import: rows per file",
            "Data rows one CSV file of the helpdesk page's import may have; a longer file is refused as a whole "
                    + "(all rows of a file are applied in one transaction).", 1000, 1, 20_000);
    static final IntSetting DRY_RUN_TTL = new IntSetting("importDryRunTtl", "Import: dry run valid (seconds)",
            "How long after its dry run a file may be imported (once).", 1800, 60, 86_400);
    /** Bytes per row a file may have on average before it is refused unread (a generous line of six columns). */
    static final int BYTES_PER_ROW = 1024;

    static HelpdeskImportSettings defaults() {
        return new HelpdeskImportSettings(MAX_ROWS.defaultValue(), DRY_RUN_TTL.defaultValue());
    }

    static HelpdeskImportSettings from(Config.Scope config, String provider) {
        return new HelpdeskImportSettings(MAX_ROWS.read(config, provider), DRY_RUN_TTL.read(config, provider));
    }

    static List<ProviderConfigProperty> metadata() {
        return List.of(MAX_ROWS.toProperty(), DRY_RUN_TTL.toProperty());
    }

    /** A file larger than this is refused without reading it. */
    int maxBytes() {
        return (maxRows + 1) * BYTES_PER_ROW;
    }
}
