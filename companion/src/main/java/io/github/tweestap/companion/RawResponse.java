package io.github.tweestap.companion;

import java.net.http.HttpHeaders;

/** An HTTP answer as it came: for tests that look at exactly what the server said. */
public record RawResponse(int statusCode, HttpHeaders headers, String body) {

    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }
}
