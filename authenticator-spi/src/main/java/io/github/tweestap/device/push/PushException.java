package io.github.tweestap.device.push;

/** A push could not be delivered to the push service. The message never contains keys or tokens. */
public final class PushException extends Exception {

    private final int status;

    public PushException(String message, int status) {
        super(message);
        this.status = status;
    }

    public PushException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The push service's HTTP status, or -1 when it could not be reached. 404/410 mean the subscription is gone. */
    public int status() {
        return status;
    }
}
