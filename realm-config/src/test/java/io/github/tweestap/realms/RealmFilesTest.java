package io.github.tweestap.realms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Every realm file parses into Keycloak's own representation (unknown fields fail), and what its flows refer to
 * exists in the file. Whether Keycloak accepts it is proven by the integration tests, which import them all.
 */
class RealmFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    static List<Path> realmFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("realms"))) {
            return files.filter(p -> p.toString().endsWith("-realm.json")).sorted().toList();
        }
    }

    @Test
    void thereIsARealmForWerkplek() throws IOException {
        assertThat(realmFiles()).extracting(p -> p.getFileName().toString()).contains("werkplek-realm.json");
    }

    @Test
    void everyRealmIsDutchFirstBruteForceProtectedAndSelfConsistent() throws IOException {
        for (Path file : realmFiles()) {
            RealmRepresentation realm = JSON.readValue(file.toFile(), RealmRepresentation.class);
            String name = file.getFileName().toString();
            assertThat(file.getFileName().toString()).as(name).isEqualTo(realm.getRealm() + "-realm.json");
            assertThat(realm.getDefaultLocale()).as(name).isEqualTo("nl");
            assertThat(realm.getSupportedLocales()).as(name).contains("nl", "en");
            assertThat(realm.isBruteForceProtected()).as(name).isTrue();
            assertThat(realm.isEventsEnabled()).as(name).isTrue();

            Set<String> flows = realm.getAuthenticationFlows().stream().map(AuthenticationFlowRepresentation::getAlias)
                    .collect(Collectors.toSet());
            Set<String> configs = realm.getAuthenticatorConfig().stream().map(AuthenticatorConfigRepresentation::getAlias)
                    .collect(Collectors.toSet());
            assertThat(flows).as(name).contains(realm.getBrowserFlow());
            for (AuthenticationFlowRepresentation flow : realm.getAuthenticationFlows()) {
                for (AuthenticationExecutionExportRepresentation execution : flow.getAuthenticationExecutions()) {
                    if (execution.isAuthenticatorFlow()) {
                        assertThat(flows).as(name + ": " + flow.getAlias()).contains(execution.getFlowAlias());
                    } else {
                        assertThat(execution.getAuthenticator()).as(name).isNotBlank();
                    }
                    if (execution.getAuthenticatorConfig() != null) {
                        assertThat(configs).as(name).contains(execution.getAuthenticatorConfig());
                    }
                }
            }

            List<ComponentExportRepresentation> profiles = realm.getComponents()
                    .get("org.keycloak.userprofile.UserProfileProvider");
            assertThat(profiles).as(name).hasSize(1);
            String profile = profiles.get(0).getConfig().getFirst("kc.user.profile.config");
            assertThat(JSON.readTree(profile).findValuesAsText("name")).as(name).contains("phoneNumber");

            assertThat(realm.getUsers()).as(name).isNotEmpty().allSatisfy(user ->
                    assertThat(user.getCredentials()).extracting("type").contains("password"));

            // The second factor is added and removed only the pack's way: not through the account console's
            // "delete credential", nor Keycloak's own OTP setup (another issuer and label than the portal's).
            assertThat(realm.getLoginTheme()).as(name).isEqualTo(realm.getRealm());
            assertThat(realm.getEmailTheme()).as(name).isEqualTo(realm.getRealm());
            assertThat(realm.getRequiredActions()).as(name)
                    .filteredOn(a -> a.getAlias().equals("delete_credential") || a.getAlias().equals("CONFIGURE_TOTP"))
                    .allSatisfy(a -> assertThat(a.isEnabled()).as(name + " " + a.getAlias()).isFalse());
        }
    }

    @Test
    void thereIsARealmForEveryPortal() throws IOException {
        assertThat(realmFiles()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "storingen-stations-realm.json", "werkplek-realm.json", "nse-portal-realm.json",
                "verzuimcoach-realm.json", "werknemerloket-realm.json");
    }
}
