package io.github.tweestap.companion;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;

/**
 * Overrides for how requests are signed, to craft requests the server must refuse: a stale {@code iat}, a reused
 * {@code jti}, a signature by another key, another {@code kid} or a wrong {@code htu}. Every field is null by default,
 * meaning "do it right". Use with {@link CompanionClient#withRequestOptions(RequestOptions)}:
 *
 * <pre>{@code
 * client.withRequestOptions(RequestOptions.defaults().withIat(Instant.now().minusSeconds(120))).status(); // stale
 * client.withRequestOptions(RequestOptions.defaults().withSigningKey(other.privateKey())).status();     // wrong key
 * }</pre>
 *
 * {@link #toString()} does not show the signing key.
 *
 * @param iat        the {@code iat} to claim instead of now
 * @param jti        the {@code jti} to send instead of a fresh random one (the same on every request)
 * @param signingKey the key to sign with instead of the device's own (the {@code jwk}/{@code kid} header stays)
 * @param kid        the {@code kid} header instead of the device id
 * @param htu        the {@code htu} claim instead of the endpoint's URL (the request still goes to the endpoint)
 */
public record RequestOptions(Instant iat, String jti, PrivateKey signingKey, String kid, URI htu) {

    private static final RequestOptions DEFAULTS = new RequestOptions(null, null, null, null, null);

    /** No overrides. */
    public static RequestOptions defaults() {
        return DEFAULTS;
    }

    public RequestOptions withIat(Instant newIat) {
        return new RequestOptions(newIat, jti, signingKey, kid, htu);
    }

    public RequestOptions withJti(String newJti) {
        return new RequestOptions(iat, newJti, signingKey, kid, htu);
    }

    public RequestOptions withSigningKey(PrivateKey newSigningKey) {
        return new RequestOptions(iat, jti, newSigningKey, kid, htu);
    }

    public RequestOptions withKid(String newKid) {
        return new RequestOptions(iat, jti, signingKey, newKid, htu);
    }

    public RequestOptions withHtu(URI newHtu) {
        return new RequestOptions(iat, jti, signingKey, kid, newHtu);
    }

    @Override
    public String toString() {
        return "RequestOptions[iat=" + iat + ", jti=" + jti + ", signingKey=" + (signingKey == null ? null : "***")
                + ", kid=" + kid + ", htu=" + htu + "]";
    }
}
