package io.github.tweestap.companion;

import java.time.Instant;

/**
 * A request waiting for the device's answer, as {@code /poll} lists it: a login ({@code type} {@value #LOGIN},
 * "Logt u in?") or an unlock request ({@value #UNLOCK}: the account was locked by too many wrong passwords;
 * approving lifts the lockout, the password stays as it was). The number to match is not in it: the user reads it
 * on the login page; {@link #numberRequired()} says whether there is one.
 *
 * @param id             the challenge id, for {@code /answer}
 * @param type           {@value #LOGIN} or {@value #UNLOCK}
 * @param client         the application being logged in to, e.g. {@code Account Console}; empty or null for unlock
 *                       requests
 * @param ip             the browser's address; may be null for unlock requests (see {@link #lastIp()})
 * @param browser        e.g. {@code Chrome 156}; empty or null for unlock requests
 * @param os             e.g. {@code Linux}; empty or null for unlock requests
 * @param time           when the request started; null if absent or unreadable
 * @param expiresAt      when the challenge closes; null if absent
 * @param numberRequired whether approving needs the number a page shows; false for requests no page showed a number
 *                       for (the unlock request sent at a lockout); true when the server does not say (older servers)
 * @param failures       unlock: the number of failed attempts that locked the account; null for logins or if absent
 * @param lastFailure    unlock: when the last failed attempt was; null if unknown
 * @param lastIp         unlock: the address the last failed attempt came from; null if unknown
 * @param permanent      unlock: whether the account is locked permanently (not just for a while); false if absent
 */
public record Challenge(String id, String type, String client, String ip, String browser, String os, Instant time,
                        Instant expiresAt, boolean numberRequired, Integer failures, Instant lastFailure,
                        String lastIp, boolean permanent) {

    /** {@code type} of a login request. */
    public static final String LOGIN = "login";
    /** {@code type} of an unlock request. */
    public static final String UNLOCK = "unlock";

    /** A login challenge as older servers list it: a number is required, no unlock details. */
    public Challenge(String id, String type, String client, String ip, String browser, String os, Instant time,
                     Instant expiresAt) {
        this(id, type, client, ip, browser, os, time, expiresAt, true, null, null, null, false);
    }

    /** Whether the challenge has closed by {@code now}. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether this is an unlock request ({@code type} {@value #UNLOCK}). */
    public boolean isUnlock() {
        return UNLOCK.equals(type);
    }
}
