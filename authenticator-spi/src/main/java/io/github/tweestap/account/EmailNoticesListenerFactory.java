package io.github.tweestap.account;

import io.github.tweestap.support.IntSetting;

/**
 * Event listener {@code tweestap-email-notices}: the pack's replacement of Keycloak's {@code email} listener in a
 * realm's event listeners. It mails the user one notice per credential change ("two-step verification switched
 * on/off", "sign-in details changed", "a sign-in method removed"; templates {@code event-update_credential.ftl} and
 * {@code event-remove_credential.ftl} of the realm's e-mail theme), each kind at most once per user per
 * {@code window} seconds (server option {@code --spi-events-listener--tweestap-email-notices--window}, default 60),
 * and nothing about failed logins (see {@link LoginFailureEmailListenerFactory}).
 */
public final class EmailNoticesListenerFactory extends WindowedEmailListenerFactory {

    public static final String ID = "tweestap-email-notices";
    static final IntSetting WINDOW = new IntSetting("window", "Window (seconds)",
            "At most one notice of a kind (switched on, switched off, ...) per user within this many seconds; 0: no limit.",
            60, 0, 86_400);

    public EmailNoticesListenerFactory() {
        super(ID, WINDOW, EmailNotice::credentialNotice);
    }
}
