package io.github.tweestap.companion;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One signed request, ready to send or to send again byte for byte ({@link CompanionClient#send(SignedRequest)}).
 *
 * @param endpoint the endpoint name, e.g. {@code poll}
 * @param url      where it is posted
 * @param body     the compact JWS, the whole {@code application/jose} body
 * @param jti      the {@code jti} claim in it
 * @param iat      the {@code iat} claim in it
 * @param timeout  how long to wait for the answer
 */
public record SignedRequest(String endpoint, URI url, String body, String jti, Instant iat, Duration timeout) {

    /** The header and payload, decoded. */
    public Jws.Decoded decoded() {
        return Jws.decode(body);
    }

    /** Shows where and which jti, not the body (it may carry an enrollment token or SMS code). */
    @Override
    public String toString() {
        return "SignedRequest[" + endpoint + " " + url + ", jti=" + jti + ", iat=" + iat.getEpochSecond() + "]";
    }
}
