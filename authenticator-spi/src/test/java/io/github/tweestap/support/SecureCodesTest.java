package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureCodesTest {

    @Test
    void codesHaveExactlyTheRequestedDigits() {
        SecureCodes codes = SecureCodes.create();
        for (int length = 6; length <= 8; length++) {
            for (int i = 0; i < 2000; i++) {
                String code = codes.numeric(length);
                assertThat(code).hasSize(length).matches("[0-9]+");
            }
        }
    }

    @Test
    void leadingZerosAreKept() {
        SecureRandom zero = new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return 42;
            }
        };
        assertThat(new SecureCodes(zero).numeric(6)).isEqualTo("000042");
    }

    @Test
    void theWholeRangeIsDrawnFromWithoutModuloBias() {
        int[] seenBound = new int[1];
        SecureRandom recording = new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                seenBound[0] = bound;
                return bound - 1;
            }
        };
        assertThat(new SecureCodes(recording).numeric(6)).isEqualTo("999999");
        assertThat(seenBound[0]).isEqualTo(1_000_000);
    }

    @Test
    void codesAreSpreadOverEveryDigitInEveryPosition() {
        SecureCodes codes = SecureCodes.create();
        int[][] counts = new int[6][10];
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = codes.numeric(6);
            distinct.add(code);
            for (int p = 0; p < 6; p++) {
                counts[p][code.charAt(p) - '0']++;
            }
        }
        // 2000 expected per cell; a broken generator (constant, or skewed digits) falls far outside this band.
        for (int[] position : counts) {
            for (int count : position) {
                assertThat(count).isBetween(1700, 2300);
            }
        }
        assertThat(distinct.size()).isGreaterThan(19_000);
    }

    @Test
    void lengthsOutsideTheSafeRangeAreRefused() {
        assertThatThrownBy(() -> SecureCodes.create().numeric(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecureCodes.create().numeric(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedCodesAreNormalisedAndChecked() {
        assertThat(SecureCodes.normaliseTyped(" 123 456 ")).isEqualTo("123456");
        assertThat(SecureCodes.normaliseTyped("123-456")).isEqualTo("123456");
        assertThat(SecureCodes.normaliseTyped("   ")).isNull();
        assertThat(SecureCodes.normaliseTyped(null)).isNull();
        assertThat(SecureCodes.isDigits("123456", 6)).isTrue();
        assertThat(SecureCodes.isDigits("12345", 6)).isFalse();
        assertThat(SecureCodes.isDigits("12345a", 6)).isFalse();
        assertThat(SecureCodes.isDigits("١٢٣٤٥٦", 6)).as("non-ASCII digits").isFalse();
        assertThat(SecureCodes.isDigits(null, 6)).isFalse();
    }
}
