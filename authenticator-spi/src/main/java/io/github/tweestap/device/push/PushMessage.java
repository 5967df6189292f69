package io.github.tweestap.device.push;

/**
 * What a push says. It carries no secret and no number to match: the device fetches the challenge's details over
 * its signed long-poll. {@code type} is {@code login} or {@code unlock}; {@code title} and {@code body} are already
 * localised for the user (e.g. "Logt u in?").
 *
 * @param ttlSeconds how long the push service may keep the message (the challenge's remaining lifetime)
 */
public record PushMessage(String type, String challengeId, String title, String body, int ttlSeconds) {
}
