package io.github.tweestap.companion;

/**
 * The server refused a request: {@code {"error":"…","error_description":"…"}} with a 4xx/5xx status.
 * An answer that is not the protocol's JSON has {@link #error()} {@value #UNEXPECTED_RESPONSE}.
 */
public class CompanionException extends RuntimeException {

    /** {@link #error()} when the answer carried no protocol error code. */
    public static final String UNEXPECTED_RESPONSE = "unexpected_response";

    private final String endpoint;
    private final int status;
    private final String error;
    private final String description;
    private final Integer attemptsLeft;
    private final Integer retryAfterSeconds;
    private final String body;

    public CompanionException(String endpoint, int status, String error, String description, Integer attemptsLeft,
                              Integer retryAfterSeconds, String body) {
        super(message(endpoint, status, error, description));
        this.endpoint = endpoint;
        this.status = status;
        this.error = error;
        this.description = description;
        this.attemptsLeft = attemptsLeft;
        this.retryAfterSeconds = retryAfterSeconds;
        this.body = body;
    }

    private static String message(String endpoint, int status, String error, String description) {
        return "/" + endpoint + ": HTTP " + status + " " + error + (description == null ? "" : " (" + description + ")");
    }

    /** The endpoint name, e.g. {@code answer}. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, e.g. 400. */
    public int status() {
        return status;
    }

    /** The protocol's error code, e.g. {@code wrong_number}; {@value #UNEXPECTED_RESPONSE} if none. */
    public String error() {
        return error;
    }

    /** {@code error_description}; may be null. */
    public String description() {
        return description;
    }

    /** {@code attemptsLeft} (with {@code invalid_code} and {@code wrong_number}); null when absent. */
    public Integer attemptsLeft() {
        return attemptsLeft;
    }

    /** The {@code Retry-After} header in seconds (with 429); null when absent. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The answer's body as it came. */
    public String body() {
        return body;
    }

    /** Whether the error code is {@code code}. */
    public boolean is(String code) {
        return code != null && code.equals(error);
    }
}
