package io.github.tweestap.recovery;

/** Rate limits of the renewal's first step (server options of {@code tweestap-recovery}). */
record RecoveryLimits(int perIp, int perUserAndIp, int perUser, int windowSeconds) {
}
