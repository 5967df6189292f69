package io.github.tweestap.realms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
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
                // Keycloak stores a flow's description in a 255-character column: longer fails the import.
                assertThat(flow.getDescription() == null ? "" : flow.getDescription()).as(name + ": " + flow.getAlias())
                        .hasSizeLessThanOrEqualTo(255);
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
            // The account console, where a login lands, speaks the portals' "je" too (issue 18).
            assertThat(realm.getAccountTheme()).as(name).isEqualTo("tweestap-je");
            assertThat(realm.getRequiredActions()).as(name)
                    .filteredOn(a -> a.getAlias().equals("delete_credential") || a.getAlias().equals("CONFIGURE_TOTP"))
                    .allSatisfy(a -> assertThat(a.isEnabled()).as(name + " " + a.getAlias()).isFalse());
        }
    }

    /** The steps of a browser flow that ask for a second factor (Keycloak's and the pack's). */
    private static final Set<String> SECOND_FACTORS = Set.of("auth-otp-form", "tweestap-push", "tweestap-sms-code",
            "tweestap-otp-email");
    private static final String GUARD = "tweestap-direct-grant-guard";
    /** Client attributes that switch on a grant which must stay off in the portal realms. */
    private static final List<String> GRANTS_OFF = List.of("oauth2.device.authorization.grant.enabled",
            "oidc.ciba.grant.enabled", "standard.token.exchange.enabled", "oauth2.jwt.authorization.grant.enabled");

    /**
     * Issue 14: no way to a token around the second factor. Direct grants are off for every client (admin-cli is
     * listed, or the import would create it with them on); the realm's direct grant flow has the Tweestap guard right
     * after the password anyway (an admin who switches them on stays safe), and Keycloak's OTP step only where the
     * browser flow asks an authenticator app's code. Device, CIBA, token exchange and JWT authorization grants, the
     * implicit flow and service accounts are off; no SAML client (ECP); no identity provider (so no first broker
     * login).
     */
    @Test
    void noClientGetsATokenAroundTheSecondFactor() throws IOException {
        for (Path file : realmFiles()) {
            RealmRepresentation realm = JSON.readValue(file.toFile(), RealmRepresentation.class);
            String name = file.getFileName().toString();
            List<ClientRepresentation> clients = realm.getClients() == null ? List.of() : realm.getClients();
            assertThat(clients).as(name + ": admin-cli listed with direct grants off").anySatisfy(c -> {
                assertThat(c.getClientId()).isEqualTo("admin-cli");
                assertThat(c.isDirectAccessGrantsEnabled()).isFalse();
            });

            List<String> browser = steps(realm, realm.getBrowserFlow());
            Set<String> browserFactors = browser.stream().filter(SECOND_FACTORS::contains).collect(Collectors.toSet());
            assertThat(browserFactors).as(name + ": the browser flow asks a second factor").isNotEmpty();

            assertThat(realm.getDirectGrantFlow()).as(name + ": a direct grant flow of its own").isNotNull();
            List<String> grant = steps(realm, realm.getDirectGrantFlow());
            assertThat(grant).as(name + ": the guard right after the password")
                    .startsWith("direct-grant-validate-username", "direct-grant-validate-password", GUARD)
                    .doesNotContain("tweestap-push", "tweestap-sms-code", "auth-otp-form");
            boolean asksAppCode = browserFactors.contains("auth-otp-form") || browserFactors.contains("tweestap-otp-email");
            assertThat(grant.contains("direct-grant-validate-otp")).as(name + ": OTP step only where the browser"
                    + " flow takes an authenticator app's code").isEqualTo(asksAppCode);
            assertThat(executions(realm, realm.getDirectGrantFlow())).as(name + ": the guard stays strict")
                    .filteredOn(e -> GUARD.equals(e.getAuthenticator()))
                    .allSatisfy(e -> assertThat(e.getAuthenticatorConfig()).isNull());

            for (ClientRepresentation client : clients) {
                String label = name + " client " + client.getClientId();
                if (Boolean.TRUE.equals(client.isDirectAccessGrantsEnabled())) {
                    String override = client.getAuthenticationFlowBindingOverrides() == null ? null
                            : client.getAuthenticationFlowBindingOverrides().get("direct_grant");
                    String flow = override == null ? realm.getDirectGrantFlow()
                            : realm.getAuthenticationFlows().stream().filter(f -> override.equals(f.getId()))
                                    .map(AuthenticationFlowRepresentation::getAlias).findFirst().orElseThrow();
                    assertThat(steps(realm, flow)).as(label + ": direct grants only through the guard").contains(GUARD);
                }
                Map<String, String> attributes = client.getAttributes() == null ? Map.of() : client.getAttributes();
                for (String grantSwitch : GRANTS_OFF) {
                    assertThat(attributes.getOrDefault(grantSwitch, "false")).as(label + " " + grantSwitch).isEqualTo("false");
                }
                assertThat(client.isImplicitFlowEnabled()).as(label + " implicit flow").isNotEqualTo(Boolean.TRUE);
                assertThat(client.isServiceAccountsEnabled()).as(label + " service account").isNotEqualTo(Boolean.TRUE);
                // SAML's ECP profile logs in with the password alone (HTTP Basic): no SAML clients at all.
                assertThat(client.getProtocol()).as(label + " protocol").isIn(null, "openid-connect");
            }
            assertThat(realm.getIdentityProviders()).as(name + ": identity providers").isNullOrEmpty();
        }
    }

    /**
     * Issue 14: the reset-credentials flow asks the browser flow's second factor before the new password (Keycloak's
     * own reset flow sets the password and logs the user in with the mailbox alone, and its "Reset OTP" removes the
     * app), or it refuses outright, and then reset is off. An app is never enrolled by e-mail in a reset by e-mail.
     */
    @Test
    void resetAsksTheSecondFactorBeforeTheNewPasswordOrIsOff() throws IOException {
        for (Path file : realmFiles()) {
            RealmRepresentation realm = JSON.readValue(file.toFile(), RealmRepresentation.class);
            String name = file.getFileName().toString();
            assertThat(realm.getResetCredentialsFlow()).as(name + ": a reset flow of its own").isNotNull();
            List<String> reset = steps(realm, realm.getResetCredentialsFlow());
            assertThat(reset).as(name).doesNotContain("reset-otp", "tweestap-otp-email").contains("reset-password");
            // Issue 18: the pack's "choose user" answers overlong input itself (Keycloak's claims an e-mail was sent).
            assertThat(reset.get(0)).as(name + ": reset starts with the pack's choose user").isEqualTo("tweestap-reset-choose-user");
            assertThat(reset.get(reset.size() - 1)).as(name + ": the new password comes last").isEqualTo("reset-password");
            List<String> before = reset.subList(0, reset.indexOf("reset-password"));
            if (before.contains("deny-access-authenticator")) {
                assertThat(realm.isResetPasswordAllowed()).as(name + ": a refusing reset flow means reset is off").isFalse();
                continue;
            }
            List<String> browser = steps(realm, realm.getBrowserFlow());
            for (String factor : browser.stream().filter(SECOND_FACTORS::contains).toList()) {
                String asked = factor.equals("tweestap-otp-email") ? "auth-otp-form" : factor;
                assertThat(before).as(name + ": reset asks " + asked + " before the new password").contains(asked);
            }
        }
    }

    /**
     * A temporary password by SMS expires: every realm's browser flow checks the password with the pack's form, which
     * refuses an expired one, and its direct grant flow has the guard, which does the same, right after the password.
     */
    @Test
    void everyPasswordStepRefusesAnExpiredTemporaryPassword() throws IOException {
        for (Path file : realmFiles()) {
            RealmRepresentation realm = JSON.readValue(file.toFile(), RealmRepresentation.class);
            String name = file.getFileName().toString();
            assertThat(steps(realm, realm.getBrowserFlow())).as(name + ": the browser flow's password form")
                    .contains("tweestap-username-password-form")
                    .doesNotContain("auth-username-password-form", "auth-password-form");
            assertThat(steps(realm, realm.getDirectGrantFlow())).as(name + ": the direct grant flow")
                    .containsSubsequence("direct-grant-validate-password", "tweestap-direct-grant-guard");
        }
    }

    /** The authenticators of a flow and its sub-flows, in order, leaving out disabled ones. */
    static List<String> steps(RealmRepresentation realm, String alias) {
        List<String> steps = new ArrayList<>();
        for (AuthenticationExecutionExportRepresentation execution : executions(realm, alias)) {
            if ("DISABLED".equals(execution.getRequirement())) {
                continue;
            }
            if (execution.isAuthenticatorFlow()) {
                steps.addAll(steps(realm, execution.getFlowAlias()));
            } else {
                steps.add(execution.getAuthenticator());
            }
        }
        return steps;
    }

    static List<AuthenticationExecutionExportRepresentation> executions(RealmRepresentation realm, String alias) {
        AuthenticationFlowRepresentation flow = realm.getAuthenticationFlows().stream()
                .filter(f -> f.getAlias().equals(alias)).findFirst()
                .orElseThrow(() -> new AssertionError(realm.getRealm() + ": no flow " + alias));
        return flow.getAuthenticationExecutions().stream()
                .sorted(Comparator.comparingInt(AuthenticationExecutionExportRepresentation::getPriority)).toList();
    }

    /**
     * Issue 18: an import does not give users the realm's default roles (a user created through the admin API gets
     * them), and without them the account console's own API answers 401 ("Er is iets fout gegaan"). An import also
     * ignores a password credential's {@code temporary}: a temporary password is Keycloak's UPDATE_PASSWORD action.
     */
    @Test
    void everyDemoUserHasTheDefaultRolesAndATemporaryPasswordIsReallyTemporary() throws IOException {
        for (Path file : realmFiles()) {
            RealmRepresentation realm = JSON.readValue(file.toFile(), RealmRepresentation.class);
            String name = file.getFileName().toString();
            String defaultRoles = "default-roles-" + realm.getRealm();
            assertThat(realm.getUsers()).as(name).allSatisfy(user -> {
                assertThat(user.getRealmRoles()).as(name + " " + user.getUsername()).contains(defaultRoles);
                boolean temporary = user.getCredentials().stream()
                        .anyMatch(c -> "password".equals(c.getType()) && Boolean.TRUE.equals(c.isTemporary()));
                List<String> actions = user.getRequiredActions() == null ? List.of() : user.getRequiredActions();
                assertThat(actions.contains("UPDATE_PASSWORD")).as(name + " " + user.getUsername()
                        + ": a temporary password comes with UPDATE_PASSWORD").isEqualTo(temporary);
            });
        }
    }

    @Test
    void thereIsARealmForEveryPortal() throws IOException {
        assertThat(realmFiles()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "storingen-stations-realm.json", "werkplek-realm.json", "nse-portal-realm.json",
                "verzuimcoach-realm.json", "werknemerloket-realm.json");
    }
}
