package io.github.tweestap.companion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base32Test {

    /** RFC 4648 section 10. */
    @ParameterizedTest
    @CsvSource(value = {
        "'',''",
        "f,MY======",
        "fo,MZXQ====",
        "foo,MZXW6===",
        "foob,MZXW6YQ=",
        "fooba,MZXW6YTB",
        "foobar,MZXW6YTBOI======"
    })
    void rfc4648Vectors(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
        assertThat(Base32.decode(encoded.replace("=", "").toLowerCase())).isEqualTo(bytes);
        assertThat(Base32.encode(bytes, false)).isEqualTo(encoded.replace("=", ""));
    }

    @Test
    void randomBytesRoundTrip() {
        SecureRandom random = new SecureRandom();
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
            assertThat(Base32.decode(Base32.encode(bytes, false))).isEqualTo(bytes);
        }
    }

    @Test
    void groupedSecretsDecode() {
        assertThat(Base32.decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"))
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void invalidInputIsRefused() {
        assertThatThrownBy(() -> Base32.decode("MZXW1===")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1'");
        assertThatThrownBy(() -> Base32.decode("M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base32.decode("MZX")).isInstanceOf(IllegalArgumentException.class);
    }
}
