package io.github.tweestap.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordExpiryTest {

    private static final long DAY = 86_400_000L;
    private static final long CREATED = 1_700_000_000_000L;

    @Test
    void daysLeftRoundUpAndReachZeroExactlyWhenKeycloakForcesTheChange() {
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED)).isEqualTo(30);
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED + 1)).isEqualTo(30);
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED + DAY)).isEqualTo(29);
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED + 28 * DAY + DAY / 2)).isEqualTo(2);
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED + 30 * DAY - 1)).isEqualTo(1);
        // Keycloak: expired when now - created > days (strictly); at exactly 30 days it is not yet forced.
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED + 30 * DAY)).isZero();
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED + 30 * DAY + 1)).isZero();
        assertThat(PasswordExpiry.daysLeft(30, CREATED, CREATED + 400 * DAY)).isZero();
    }

    @Test
    void thresholdsAreParsedSortedAndValidated() {
        assertThat(ExpirySettings.of(Map.of("reminderDays", " 7, 14 ,1,7")).reminderDays()).containsExactly(1, 7, 14);
        assertThat(ExpirySettings.of(Map.of()).reminderDays()).containsExactly(1, 7, 14);
        assertThat(ExpirySettings.of(Map.of("reminderDays", "0")).reminderDays()).isEmpty();
        assertThat(ExpirySettings.of(Map.of("reminderDays", "7,x")).reminderDays()).containsExactly(1, 7, 14);
        assertThat(ExpirySettings.problems(Map.of("reminderDays", "7,x", "bannerDays", "-1"))).hasSize(2);
        assertThat(ExpirySettings.problems(Map.of("reminderDays", "400"))).hasSize(1);
        assertThat(ExpirySettings.problems(Map.of("reminderDays", "14,3", "bannerDays", "7"))).isEmpty();
    }

    @Test
    void theSmallestReachedThresholdIsMailed() {
        ExpirySettings settings = new ExpirySettings(7, List.of(1, 7, 14));
        assertThat(settings.reachedThreshold(30)).isEqualTo(-1);
        assertThat(settings.reachedThreshold(14)).isEqualTo(14);
        assertThat(settings.reachedThreshold(8)).isEqualTo(14);
        assertThat(settings.reachedThreshold(7)).isEqualTo(7);
        assertThat(settings.reachedThreshold(2)).isEqualTo(7);
        assertThat(settings.reachedThreshold(1)).isEqualTo(1);
        assertThat(settings.reachedThreshold(0)).isEqualTo(-1);
    }

    @Test
    void aThresholdIsMailedOncePerPassword() {
        String sent14 = ExpiryReminderTask.marker(CREATED, 14);
        assertThat(ExpiryReminderTask.alreadySent(null, CREATED, 14)).isFalse();
        assertThat(ExpiryReminderTask.alreadySent(sent14, CREATED, 14)).isTrue();
        assertThat(ExpiryReminderTask.alreadySent(sent14, CREATED, 30)).isTrue();
        assertThat(ExpiryReminderTask.alreadySent(sent14, CREATED, 7)).isFalse();
        // A new password (another creation time) starts over.
        assertThat(ExpiryReminderTask.alreadySent(sent14, CREATED + 1, 14)).isFalse();
        assertThat(ExpiryReminderTask.alreadySent("garbage", CREATED, 14)).isFalse();
        assertThat(ExpiryReminderTask.alreadySent(CREATED + ":x", CREATED, 14)).isFalse();
    }
}
