package io.github.tweestap.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporaryPasswordExpiryTest {

    @Test
    void theMarkerIsReadOnlyInThePacksOwnFormat() {
        assertThat(TemporaryPasswordExpiry.parse("1765100000123:1765359200")).containsExactly(1765100000123L, 1765359200L);
        assertThat(TemporaryPasswordExpiry.parse("")).isNull();
        assertThat(TemporaryPasswordExpiry.parse(":5")).isNull();
        assertThat(TemporaryPasswordExpiry.parse("1:2:3")).isNull();
        assertThat(TemporaryPasswordExpiry.parse("abc:5")).isNull();
        assertThat(TemporaryPasswordExpiry.parse("5:")).isNull();
    }

    @Test
    void expiredFromTheLastSecondOn() {
        assertThat(TemporaryPasswordExpiry.expired(1000, 999)).isFalse();
        assertThat(TemporaryPasswordExpiry.expired(1000, 1000)).isTrue();
        assertThat(TemporaryPasswordExpiry.expired(1000, 5000)).isTrue();
    }

    @Test
    void theLifetimeIsARealmSettingWithASafeDefault() {
        assertThat(SmsPolicySettings.from(Map.of()).temporaryPasswordTtlSeconds()).isEqualTo(72 * 3600);
        assertThat(SmsPolicySettings.from(Map.of(SmsPolicySettings.TEMPORARY_PASSWORD_TTL.key(), "300"))
                .temporaryPasswordTtlSeconds()).isEqualTo(300);
        // Out of range (or not a number): the default, and the admin is told what is wrong.
        Map<String, String> tooLong = Map.of(SmsPolicySettings.TEMPORARY_PASSWORD_TTL.key(), "99999999");
        assertThat(SmsPolicySettings.from(tooLong).temporaryPasswordTtlSeconds()).isEqualTo(72 * 3600);
        assertThat(SmsPolicySettings.problems(tooLong)).hasSize(1);
        assertThat(SmsPolicySettings.problems(Map.of(SmsPolicySettings.TEMPORARY_PASSWORD_TTL.key(), "0"))).hasSize(1);
    }
}
