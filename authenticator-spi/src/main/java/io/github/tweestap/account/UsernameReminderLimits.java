package io.github.tweestap.account;

/**
 * Rate limits of the username reminder page (server options of {@code tweestap-account}): per client address, per
 * e-mail address from one client address, and per e-mail address from all addresses together.
 */
record UsernameReminderLimits(int perIp, int perAddressAndIp, int perAddress, int windowSeconds) {
}
