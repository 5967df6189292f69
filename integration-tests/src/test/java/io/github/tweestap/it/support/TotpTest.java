package io.github.tweestap.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test's own authenticator app against RFC 6238 (Appendix B, SHA1) and RFC 4648. */
class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Sha1Vectors() {
        long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924},
                {2000000000, 69279037}, {20000000000L, 65353130}};
        for (long[] vector : vectors) {
            assertThat(Totp.code(RFC_KEY, vector[0] / 30, 8)).isEqualTo(String.format("%08d", vector[1]));
        }
    }

    @Test
    void base32KeysDecodeAsRfc4648Says() {
        assertThat(Totp.base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(RFC_KEY);
        assertThat(Totp.base32Decode("MZXW 6YTB OI======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59, 6, 30)).isEqualTo("287082");
    }
}
