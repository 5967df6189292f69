package io.github.tweestap.companion;

import java.time.Instant;

/**
 * A login waiting for the device's answer, as {@code /poll} lists it. The number to match is not in it: the user
 * reads it on the login page.
 *
 * @param id        the challenge id, for {@code /answer}
 * @param type      e.g. {@code login}
 * @param client    the application being logged in to, e.g. {@code Account Console}
 * @param ip        the browser's address
 * @param browser   e.g. {@code Chrome 156}
 * @param os        e.g. {@code Linux}
 * @param time      when the login started; null if absent or unreadable
 * @param expiresAt when the challenge closes; null if absent
 */
public record Challenge(String id, String type, String client, String ip, String browser, String os, Instant time,
                        Instant expiresAt) {

    /** Whether the challenge has closed by {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
