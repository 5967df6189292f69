package io.github.tweestap.it.support;

import java.time.Instant;

/**
 * The pack's quotas count in fixed time windows (aligned to multiples of the window since the epoch). A test that
 * counts requests up to a limit must not straddle the end of a window, or the second half is counted afresh.
 */
public final class QuotaWindows {

    private QuotaWindows() {
    }

    /**
     * Waits until the next window has begun if the current one ends within {@code seconds} (the server's clock is this
     * machine's, with no test offset).
     */
    public static void awaitRoom(int windowSeconds, int seconds) {
        long left = windowSeconds - Instant.now().getEpochSecond() % windowSeconds;
        if (left <= seconds) {
            KeycloakServer.sleep((left + 1) * 1000);
        }
    }
}
