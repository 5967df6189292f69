package io.github.tweestap.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.DeviceStatus;
import io.github.tweestap.companion.Enrollment;
import io.github.tweestap.companion.QrLinks;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openqa.selenium.By;

/** The companion library as the phone: binding it from a login page, waiting for challenges. */
public final class Phones {

    private Phones() {
    }

    /** A random Dutch mobile number for a test user. */
    public static String randomNumber() {
        return "+3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    /** Binds a new phone from the binding page shown in {@code browser}, confirming with the SMS code. */
    public static CompanionClient bindFromPage(Browser browser, KeycloakServer server, Outbox outbox, String realm,
            String number, int smsBefore) {
        String src = browser.await(By.id("tweestap-enroll-qr")).getAttribute("src");
        String link = QrLinks.decodeDataUri(src);
        assertThat(link).startsWith(server.realmUrl(realm) + "/tweestap-device/enroll?token=");
        CompanionClient phone = new CompanionClient();
        Enrollment enrollment = phone.enroll(URI.create(link), "Testtelefoon");
        assertThat(enrollment.status()).isEqualTo("pending");
        assertThat(enrollment.phoneHint()).endsWith(number.substring(number.length() - 2));
        DeviceStatus status = phone.confirm(outbox.awaitCode(realm, number, smsBefore + 1));
        assertThat(status.isActive()).isTrue();
        assertThat(status.totp()).isNotNull();
        return phone;
    }

    /** Long-polls until a challenge reaches the phone (at most 25 s). */
    public static Challenge awaitChallenge(CompanionClient phone) {
        Instant deadline = Instant.now().plusSeconds(25);
        while (Instant.now().isBefore(deadline)) {
            List<Challenge> challenges = phone.poll(Duration.ofSeconds(10));
            if (!challenges.isEmpty()) {
                return challenges.get(0);
            }
        }
        throw new AssertionError("no challenge reached the phone");
    }
}
