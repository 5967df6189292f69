package io.github.tweestap.account;

/** Rate limits of the username reminder page (server options of {@code tweestap-account}). */
record UsernameReminderLimits(int perIp, int perAddress, int windowSeconds) {
}
