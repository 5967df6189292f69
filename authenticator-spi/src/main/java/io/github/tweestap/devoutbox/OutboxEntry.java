package io.github.tweestap.devoutbox;

/**
 * One captured message.
 *
 * @param id      file-safe unique id, sortable by time
 * @param channel {@code sms} or {@code email}
 * @param to      destination number or address
 * @param subject e-mail subject, null for SMS
 * @param text    the text body
 * @param html    the HTML body of an e-mail, or null
 * @param sentAt  epoch milliseconds (Keycloak time)
 */
public record OutboxEntry(String id, String channel, String to, String subject, String text, String html, long sentAt) {
}
