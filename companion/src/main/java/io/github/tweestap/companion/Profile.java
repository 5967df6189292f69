package io.github.tweestap.companion;

import java.time.Instant;

/**
 * The {@code /profile} answer.
 *
 * @param passwordExpiresInDays days until the password expires; null when the realm's passwords do not expire
 * @param passwordExpiresAt     when the password expires; null when the realm's passwords do not expire
 */
public record Profile(String username, String firstName, String lastName, String email, String realm,
                      Integer passwordExpiresInDays, Instant passwordExpiresAt) {
}
