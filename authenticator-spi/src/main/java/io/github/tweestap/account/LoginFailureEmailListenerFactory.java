package io.github.tweestap.account;

import io.github.tweestap.support.IntSetting;

/**
 * Event listener {@code tweestap-login-failure-email}, for a realm that wants its users warned about failed logins:
 * after a wrong password or code (or an attempt while locked out) the user gets one warning
 * ({@code tweestap-login-failure.ftl}, the realm's e-mail theme), and no other for {@code window} seconds
 * ({@code --spi-events-listener--tweestap-login-failure-email--window}, default 3600) however many attempts follow.
 */
public final class LoginFailureEmailListenerFactory extends WindowedEmailListenerFactory {

    public static final String ID = "tweestap-login-failure-email";
    static final IntSetting WINDOW = new IntSetting("window", "Window (seconds)",
            "At most one warning about failed logins per user within this many seconds.", 3600, 60, 7 * 86_400);

    public LoginFailureEmailListenerFactory() {
        super(ID, WINDOW, EmailNotice::loginFailure);
    }
}
