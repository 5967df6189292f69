package io.github.tweestap.otp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnrollmentMailTest {

    @Test
    void aRenderedTemplateIsSentAsItIsAndAFragmentIsWrapped() {
        String rendered = "\n<html lang=\"nl\" dir=\"ltr\">\n<body><p>x</p></body>\n</html>";
        assertThat(EnrollmentMail.document(rendered)).isEqualTo(rendered);
        assertThat(EnrollmentMail.document("<!DOCTYPE html><html><body></body></html>")).startsWith("<!DOCTYPE html><html><body></body>");
        assertThat(EnrollmentMail.document("<p>QR</p>")).isEqualTo("<!DOCTYPE html><html><body><p>QR</p></body></html>");
    }
}
