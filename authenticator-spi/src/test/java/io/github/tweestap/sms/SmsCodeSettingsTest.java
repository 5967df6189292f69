package io.github.tweestap.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class SmsCodeSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(SmsCodeSettings.from((Map<String, String>) null))
                .isEqualTo(new SmsCodeSettings(6, 300, 5, 30));
        assertThat(SmsCodeSettings.from(Map.of())).isEqualTo(SmsCodeSettings.DEFAULTS);
    }

    @Test
    void validValuesAreRead() {
        Map<String, String> config = Map.of("tweestap.sms.codeLength", "8", "tweestap.sms.ttlSeconds", " 120 ",
                "tweestap.sms.maxAttempts", "3", "tweestap.sms.resendCooldownSeconds", "0");
        assertThat(SmsCodeSettings.from(config)).isEqualTo(new SmsCodeSettings(8, 120, 3, 0));
        assertThat(SmsCodeSettings.problems(config)).isEmpty();
    }

    @Test
    void garbageAndOutOfRangeValuesFallBackToSafeDefaultsAndAreReported() {
        Map<String, String> config = new HashMap<>();
        config.put("tweestap.sms.codeLength", "4");
        config.put("tweestap.sms.ttlSeconds", "five minutes");
        config.put("tweestap.sms.maxAttempts", "1000");
        config.put("tweestap.sms.resendCooldownSeconds", "-1");
        assertThat(SmsCodeSettings.from(config)).isEqualTo(SmsCodeSettings.DEFAULTS);
        assertThat(SmsCodeSettings.problems(config)).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("ttlSeconds").contains("whole number"))
                .anySatisfy(p -> assertThat(p).contains("maxAttempts").contains("between 1 and 10"));
    }

    @Test
    void everyLimitIsAnAdminConsoleSettingWithHelpAndDefault() {
        assertThat(SmsCodeSettings.configProperties()).hasSize(4).allSatisfy(p -> {
            assertThat(p.getName()).startsWith("tweestap.sms.");
            assertThat(p.getHelpText()).contains("Default:");
            assertThat(p.getType()).isEqualTo(ProviderConfigProperty.STRING_TYPE);
            assertThat(p.getDefaultValue()).isNotNull();
        });
    }
}
