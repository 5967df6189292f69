package io.github.tweestap.sms;

/** A message could not be sent. The message text of this exception never contains a code. */
public class SmsException extends Exception {

    private static final long serialVersionUID = 1L;

    public SmsException(String message) {
        super(message);
    }

    public SmsException(String message, Throwable cause) {
        super(message, cause);
    }
}
