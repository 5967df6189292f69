package io.github.tweestap.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.grant.DirectGrantGuard.Factor;
import org.junit.jupiter.api.Test;

/** Who may go on in a direct grant; the integration test {@code DirectGrantIT} shows it against the real server. */
class DirectGrantGuardTest {

    @Test
    void aFactorADirectGrantCannotAskIsRefusedWhateverTheSettings() {
        for (boolean otpStep : new boolean[] {true, false}) {
            for (boolean allowWithout : new boolean[] {true, false}) {
                assertThat(DirectGrantGuard.refusal(Factor.PUSH, otpStep, allowWithout))
                        .isEqualTo("second_factor_not_in_direct_grant");
                assertThat(DirectGrantGuard.refusal(Factor.SMS, otpStep, allowWithout))
                        .isEqualTo("second_factor_not_in_direct_grant");
            }
        }
    }

    @Test
    void anAppUserGoesOnOnlyToAnOtpStep() {
        assertThat(DirectGrantGuard.refusal(Factor.TOTP, true, false)).isNull();
        assertThat(DirectGrantGuard.refusal(Factor.TOTP, false, false)).isEqualTo("no_otp_step");
        assertThat(DirectGrantGuard.refusal(Factor.TOTP, false, true)).isEqualTo("no_otp_step");
    }

    @Test
    void aUserWithoutASecondFactorPassesOnlyWhereTheRealmMakesItOptional() {
        assertThat(DirectGrantGuard.refusal(Factor.NONE, true, false)).isEqualTo("no_second_factor");
        assertThat(DirectGrantGuard.refusal(Factor.NONE, true, true)).isNull();
    }
}
