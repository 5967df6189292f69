package io.github.tweestap.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PhonePolicyTest {

    private final PhonePolicy dutchOnly = new PhonePolicy("NL", Set.of());

    @Test
    void dutchMobileNumbersInEveryUsualNotationBecomeE164() {
        for (String raw : new String[] {"06 12345678", "0612345678", "+31 6 1234 5678", "0031612345678",
                "+31 (0)6-12345678", "06-12 34 56 78"}) {
            PhonePolicy.Result result = dutchOnly.check(raw);
            assertThat(result.ok()).as(raw).isTrue();
            assertThat(result.e164()).as(raw).isEqualTo("+31612345678");
            assertThat(result.region()).isEqualTo("NL");
        }
    }

    @Test
    void landlinesAreRefused() {
        PhonePolicy.Result amsterdam = dutchOnly.check("020 123 4567");
        assertThat(amsterdam.problem()).isEqualTo(PhonePolicy.Problem.NOT_MOBILE);
    }

    @Test
    void otherCountriesAreRefusedUnlessAllowed() {
        assertThat(dutchOnly.check("+32 470 12 34 56").problem()).isEqualTo(PhonePolicy.Problem.REGION_NOT_ALLOWED);
        PhonePolicy benelux = new PhonePolicy("NL", Set.of("NL", "be"));
        PhonePolicy.Result belgian = benelux.check("+32 470 12 34 56");
        assertThat(belgian.ok()).isTrue();
        assertThat(belgian.e164()).isEqualTo("+32470123456");
        assertThat(benelux.allowedRegions()).containsExactlyInAnyOrder("NL", "BE");
    }

    @Test
    void garbageIsInvalidAndEmptyIsMissing() {
        assertThat(dutchOnly.check("call me maybe").problem()).isEqualTo(PhonePolicy.Problem.INVALID);
        assertThat(dutchOnly.check("06 1234").problem()).isEqualTo(PhonePolicy.Problem.INVALID);
        assertThat(dutchOnly.check("+31 6 " + "1".repeat(60)).problem()).isEqualTo(PhonePolicy.Problem.INVALID);
        assertThat(dutchOnly.check("  ").problem()).isEqualTo(PhonePolicy.Problem.MISSING);
        assertThat(dutchOnly.check(null).problem()).isEqualTo(PhonePolicy.Problem.MISSING);
    }

    @Test
    void regionsAreValidatedForTheSettings() {
        assertThat(PhonePolicy.isKnownRegion("nl")).isTrue();
        assertThat(PhonePolicy.isKnownRegion("XX")).isFalse();
        assertThat(SmsPolicySettings.from(java.util.Map.of("tweestap.phone.allowedRegions", "NL, XX")).allowedRegions())
                .as("an invalid list falls back to the default (only the default region)").isEmpty();
        assertThat(SmsPolicySettings.problems(java.util.Map.of("tweestap.phone.defaultRegion", "Nederland")))
                .hasSize(1);
    }

    @Test
    void smsBodiesEndInTheWebOtpLine() {
        assertThat(SmsTexts.webOtp("Je code is 123456.", "login.example.nl", "123456"))
                .isEqualTo("Je code is 123456.\n\n@login.example.nl #123456");
    }
}
