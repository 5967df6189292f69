package io.github.tweestap.realms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;

/**
 * Seed 002's settings in realm {@code nse-portal}: what the walkthrough cannot see from outside (the texts of both
 * languages, the enrollment naming) is checked on the file.
 */
class NsePortalRealmTest {

    private static final String[] REALM_TEXTS = {"nsePortalContactAdvice", "nsePortalHelpdeskTitle",
        "nsePortalHelpdeskEmail", "nsePortalHelpdeskPhone", "nsePortalHelpdeskHours"};

    private final RealmRepresentation realm;

    NsePortalRealmTest() throws IOException {
        realm = new ObjectMapper().readValue(Path.of("realms/nse-portal-realm.json").toFile(), RealmRepresentation.class);
    }

    @Test
    void theHelpdeskTextsAreSetInDutchAndEnglishWithTheSameKeys() {
        Map<String, Map<String, String>> texts = realm.getLocalizationTexts();
        assertThat(texts.get("nl")).containsKeys(REALM_TEXTS);
        assertThat(texts.get("en").keySet()).isEqualTo(texts.get("nl").keySet());
        assertThat(texts.get("nl").get("nsePortalHelpdeskTitle")).isEqualTo("Contactgegevens NSE Helpdesk");
        // MessageFormat would eat a single quote and fail on a brace.
        texts.values().forEach(lang -> assertThat(lang.values()).noneMatch(v -> v.contains("'") || v.contains("{")));
    }

    @Test
    void theSeedsPoliciesAndTheAppsNaming() {
        assertThat(realm.getPasswordPolicy())
                .isEqualTo("length(10) and lowerCase(1) and upperCase(1) and digits(1) and specialChars(1)");
        assertThat(realm.isRegistrationEmailAsUsername()).isTrue();
        assertThat(realm.isResetPasswordAllowed()).isTrue();
        assertThat(realm.getOtpPolicyDigits()).isEqualTo(6);
        assertThat(realm.getOtpPolicyPeriod()).isEqualTo(30);
        assertThat(realm.isOtpPolicyCodeReusable()).isFalse();
        assertThat(realm.getEventsListeners()).contains("tweestap-email-notices").doesNotContain("email");
        RequiredActionProviderRepresentation totp = realm.getRequiredActions().stream()
                .filter(a -> a.getAlias().equals("tweestap-configure-totp")).findFirst().orElseThrow();
        assertThat(totp.isEnabled()).isTrue();
        assertThat(totp.getConfig()).containsEntry("tweestap.otp.issuer", "Nse-Portal")
                .containsEntry("tweestap.otp.accountLabel", "email").containsEntry("tweestap.otp.confirmation", "true");
    }
}
