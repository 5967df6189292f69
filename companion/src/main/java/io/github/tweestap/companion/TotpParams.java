package io.github.tweestap.companion;

import java.util.Objects;

/**
 * The TOTP credential the server creates on activation ({@code totp} in the {@code /confirm} or first
 * active {@code /status} answer). {@link #toString()} does not show the secret.
 *
 * @param secret    the shared key, base32
 * @param digits    code length (6)
 * @param period    seconds per step (30)
 * @param algorithm {@code SHA1}, {@code SHA256} or {@code SHA512}
 * @param issuer    shown by authenticator apps; may be null
 * @param account   shown by authenticator apps; may be null
 */
public record TotpParams(String secret, int digits, int period, String algorithm, String issuer, String account) {

    public TotpParams {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(algorithm, "algorithm");
        if (digits < 1 || digits > 10) {
            throw new IllegalArgumentException("digits must be 1–10: " + digits);
        }
        if (period < 1) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
    }

    /** The defaults the protocol names: SHA1, 6 digits, 30 seconds. */
    public static TotpParams of(String secret) {
        return new TotpParams(secret, 6, 30, "SHA1", null, null);
    }

    /** The secret's bytes. */
    public byte[] key() {
        return Base32.decode(secret);
    }

    @Override
    public String toString() {
        return "TotpParams[secret=***, digits=" + digits + ", period=" + period + ", algorithm=" + algorithm
                + ", issuer=" + issuer + ", account=" + account + "]";
    }
}
