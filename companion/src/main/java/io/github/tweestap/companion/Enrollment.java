package io.github.tweestap.companion;

import java.time.Duration;

/**
 * The {@code /enroll} answer: the device is known to the server, still {@code pending} until the SMS code is
 * confirmed (or the SMS link opened).
 *
 * @param deviceId      the id every later request carries as {@code kid}
 * @param status        {@code pending}
 * @param phoneHint     the masked number the code went to, e.g. {@code +31 6 •••• ••78}
 * @param codeLength    digits of the SMS code
 * @param codeExpiresIn how long the SMS code is valid; null if the server did not say
 */
public record Enrollment(String deviceId, String status, String phoneHint, int codeLength, Duration codeExpiresIn) {
}
