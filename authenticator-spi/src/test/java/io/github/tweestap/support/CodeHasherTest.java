package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodeHasherTest {

    private static final byte[] KEY = "a-server-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SALT = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private final CodeHasher hasher = new CodeHasher(KEY);

    @Test
    void theRightCodeMatchesAndTheHashDoesNotContainIt() {
        String hash = hasher.hash(SALT, "session-1", "123456");
        assertThat(hash).doesNotContain("123456").hasSize(43);
        assertThat(hasher.matches(SALT, "session-1", "123456", hash)).isTrue();
    }

    @Test
    void anyOtherCodeSaltContextOrKeyDoesNotMatch() {
        String hash = hasher.hash(SALT, "session-1", "123456");
        assertThat(hasher.matches(SALT, "session-1", "123457", hash)).isFalse();
        assertThat(hasher.matches(SALT, "session-2", "123456", hash)).isFalse();
        byte[] otherSalt = SALT.clone();
        otherSalt[0] = 99;
        assertThat(hasher.matches(otherSalt, "session-1", "123456", hash)).isFalse();
        CodeHasher otherKey = new CodeHasher("another-server-secret-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        assertThat(otherKey.matches(SALT, "session-1", "123456", hash)).isFalse();
        assertThat(hasher.matches(SALT, "session-1", null, hash)).isFalse();
        assertThat(hasher.matches(SALT, "session-1", "123456", null)).isFalse();
    }

    @Test
    void contextAndCodeCannotBeShiftedIntoEachOther() {
        assertThat(hasher.hash(SALT, "ab", "c")).isNotEqualTo(hasher.hash(SALT, "a", "bc"));
    }

    @Test
    void saltsSurviveTheirTextForm() {
        assertThat(CodeHasher.decodeSalt(CodeHasher.encodeSalt(SALT))).isEqualTo(SALT);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new CodeHasher(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
