package io.github.tweestap.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmsMessageTest {

    @Test
    void secretsAreMaskedForLogs() {
        SmsMessage message = new SmsMessage("werkplek", "+31612345678", "Je code is 123456. Geldig 5 min.",
                List.of("123456"));
        assertThat(message.maskedText()).isEqualTo("Je code is ******. Geldig 5 min.").doesNotContain("123456");
    }

    @Test
    void numbersAreMaskedButForTheLastTwoDigits() {
        assertThat(SmsMessage.maskNumber("+31612345678")).isEqualTo("+31*******78");
        assertThat(SmsMessage.maskNumber("0612345678")).isEqualTo("06******78");
        assertThat(SmsMessage.maskNumber("123")).isEqualTo("****");
        assertThat(SmsMessage.maskNumber(null)).isEmpty();
    }
}
