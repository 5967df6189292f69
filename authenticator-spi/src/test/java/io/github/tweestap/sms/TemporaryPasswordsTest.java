package io.github.tweestap.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TemporaryPasswordsTest {

    private final TemporaryPasswords passwords = new TemporaryPasswords(new SecureRandom());

    @Test
    void everyRuleOfThePolicyIsMet() {
        TemporaryPasswords.Rules nsePortal = new TemporaryPasswords.Rules(10, 0, 1, 1, 1, 1);
        for (int i = 0; i < 500; i++) {
            String password = passwords.generate(nsePortal);
            assertThat(password.length()).isGreaterThanOrEqualTo(14);
            assertThat(password).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*[0-9].*")
                    .matches(".*[!#%+\\-=?@].*").doesNotContainPattern("[0O1lI]");
        }
        String strict = passwords.generate(new TemporaryPasswords.Rules(20, 24, 3, 3, 3, 3));
        assertThat(strict.length()).isBetween(20, 24);
        assertThat(strict.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPolicyThatCannotBeMetIsRefused() {
        assertThatThrownBy(() -> passwords.generate(new TemporaryPasswords.Rules(8, 8, 3, 3, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
