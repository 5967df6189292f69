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

    /** A user with a password, a verified mobile number and a bound phone. */
    public record BoundUser(String name, String id, String number, CompanionClient phone) {
    }

    /**
     * A new user of {@code realm} (a name starting with {@code prefix}, {@code password}, a random verified number)
     * whose phone is bound as a person binds one: the password at the account console's login, the binding page's QR
     * code read by the companion library, the SMS code, then the account console.
     */
    public static BoundUser boundUser(KeycloakServer server, AdminApi admin, Outbox outbox, String realm, String prefix,
            String password) {
        String name = AdminApi.uniqueName(prefix);
        String number = randomNumber();
        String id = admin.createUser(realm, name, password, number);
        try (Browser browser = new Browser("nl")) {
            LoginPages.passwordStep(browser, server, realm, name, password);
            CompanionClient phone = bindFromPage(browser, server, outbox, realm, number, 0);
            LoginPages.awaitAccount(browser, server, realm);
            return new BoundUser(name, id, number, phone);
        }
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
