package io.github.tweestap.benchmark;

import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.Totp;
import io.github.tweestap.companion.TotpParams;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A seeded user: password, and either an OTP secret (Keycloak keys a TOTP with the bytes of its stored secret string)
 * or a phone bound with the companion library (push, and the code of the same app). Realms refuse a code used
 * before, so a user hands out each 30-second code once (the server's look-ahead window lets the next step's code
 * in as well).
 */
final class BenchUser {

    final Flow flow;
    final String username;
    final String password;
    private final byte[] otpKey;
    final CompanionClient phone;
    private final Set<Long> usedSteps = new HashSet<>();
    volatile long approveSentNanos;

    BenchUser(Flow flow, String username, String password, String otpSecret, CompanionClient phone) {
        this.flow = flow;
        this.username = username;
        this.password = password;
        this.otpKey = otpSecret == null ? null : otpSecret.getBytes(StandardCharsets.UTF_8);
        this.phone = phone;
    }

    /** A code of the current or the next time step this user has not used yet; null if both were used. */
    synchronized String freshCode() {
        Instant now = Instant.now();
        long step = Totp.step(now, 30);
        for (long candidate : new long[] {step, step + 1}) {
            if (usedSteps.add(candidate)) {
                usedSteps.removeIf(s -> s < step - 2);
                Instant at = Instant.ofEpochSecond(candidate * 30);
                if (phone != null) {
                    TotpParams params = phone.state().totp();
                    return Totp.code(params.key(), at, params.digits(), params.period(), params.algorithm());
                }
                return Totp.code(otpKey, at, 6, 30, "HmacSHA1");
            }
        }
        return null;
    }

    synchronized boolean hasFreshCode() {
        long step = Totp.step(Instant.now(), 30);
        return !usedSteps.contains(step) || !usedSteps.contains(step + 1);
    }
}
