package io.github.tweestap.companion;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrollmentLinkTest {

    @Test
    void baseUrlIsTheLinkWithoutEnrollAndItsQuery() {
        EnrollmentLink link = EnrollmentLink.parse(
                "http://localhost:8080/realms/werkplek/tweestap-device/enroll?token=eyJhbGc.eyJzdWIi.c2ln");
        assertThat(link.baseUrl()).isEqualTo(URI.create("http://localhost:8080/realms/werkplek/tweestap-device"));
        assertThat(link.token()).isEqualTo("eyJhbGc.eyJzdWIi.c2ln");
        assertThat(link.toString()).doesNotContain("eyJhbGc");
    }

    @Test
    void tokenIsUrlDecodedAndOtherParametersIgnored() {
        EnrollmentLink link = EnrollmentLink.parse(
                URI.create("https://id.example.org/realms/r/tweestap-device/enroll?x=1&token=a%2Bb%2Fc&y=2"));
        assertThat(link.token()).isEqualTo("a+b/c");
        assertThat(link.baseUrl().toString()).isEqualTo("https://id.example.org/realms/r/tweestap-device");
    }

    @Test
    void otherTextIsNotAnEnrollmentLink() {
        assertThatThrownBy(() -> EnrollmentLink.parse("hello world")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnrollmentLink.parse("otpauth://totp/x?secret=AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnrollmentLink.parse("https://h/realms/r/tweestap-device/enroll"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> EnrollmentLink.parse("https://h/realms/r/tweestap-device/poll?token=x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
