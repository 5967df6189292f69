package io.github.tweestap.companion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpTest {

    private static final String SEED20 = "12345678901234567890";
    private static final String SEED32 = "12345678901234567890123456789012";
    private static final String SEED64 = "1234567890123456789012345678901234567890123456789012345678901234";

    /** RFC 6238 appendix B: 8 digits, 30-second steps, T0 = 0. */
    @ParameterizedTest(name = "{0} s {2}")
    @CsvSource({
        "59,          94287082, SHA1",
        "59,          46119246, SHA256",
        "59,          90693936, SHA512",
        "1111111109,  07081804, SHA1",
        "1111111109,  68084774, SHA256",
        "1111111109,  25091201, SHA512",
        "1111111111,  14050471, SHA1",
        "1111111111,  67062674, SHA256",
        "1111111111,  99943326, SHA512",
        "1234567890,  89005924, SHA1",
        "1234567890,  91819424, SHA256",
        "1234567890,  93441116, SHA512",
        "2000000000,  69279037, SHA1",
        "2000000000,  90698825, SHA256",
        "2000000000,  38618901, SHA512",
        "20000000000, 65353130, SHA1",
        "20000000000, 77737706, SHA256",
        "20000000000, 47863826, SHA512"
    })
    void rfc6238Vectors(long seconds, String expected, String algorithm) {
        String seed = switch (algorithm) {
            case "SHA1" -> SEED20;
            case "SHA256" -> SEED32;
            default -> SEED64;
        };
        byte[] key = seed.getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.code(key, Instant.ofEpochSecond(seconds), 8, 30, algorithm)).isEqualTo(expected);
        TotpParams params = new TotpParams(Base32.encode(key, false), 8, 30, algorithm, null, null);
        assertThat(Totp.code(params, Instant.ofEpochSecond(seconds))).isEqualTo(expected);
    }

    @Test
    void sixDigitsAreTheLastSixOfTheEightDigitCode() {
        TotpParams params = TotpParams.of(Base32.encode(SEED20.getBytes(StandardCharsets.US_ASCII)));
        assertThat(Totp.code(params, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(params, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void algorithmSpellings() {
        byte[] key = SEED20.getBytes(StandardCharsets.US_ASCII);
        Instant t = Instant.ofEpochSecond(59);
        assertThat(Totp.code(key, t, 8, 30, "HmacSHA1")).isEqualTo("94287082");
        assertThat(Totp.code(key, t, 8, 30, "sha-1")).isEqualTo("94287082");
        assertThatThrownBy(() -> Totp.code(key, t, 8, 30, "MD5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secondsLeftAndStep() {
        assertThat(Totp.secondsLeft(Instant.ofEpochSecond(59), 30)).isEqualTo(1);
        assertThat(Totp.secondsLeft(Instant.ofEpochSecond(60), 30)).isEqualTo(30);
        assertThat(Totp.secondsLeft(Instant.ofEpochSecond(61), 30)).isEqualTo(29);
        assertThat(Totp.step(Instant.ofEpochSecond(59), 30)).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(60), 30)).isEqualTo(2);
    }

    @Test
    void toStringHidesTheSecret() {
        TotpParams params = new TotpParams("JBSWY3DPEHPK3PXP", 6, 30, "SHA1", "Werkplek", "alice");
        assertThat(params.toString()).doesNotContain("JBSWY3DPEHPK3PXP").contains("***").contains("alice");
    }
}
