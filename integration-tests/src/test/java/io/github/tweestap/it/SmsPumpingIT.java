package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMS pumping: scripted clients try to make the login pages send SMS in bulk. Whatever they do, no more SMS leave
 * than the configured quotas allow. Each attack writes its figures to target/artifacts/sms-pumping.txt.
 */
@ExtendWith(KeycloakExtension.class)
class SmsPumpingIT {

    private static final String LAB = "sms-lab";
    private static final String WERKPLEK = "werkplek-sms-lab";
    private static final String PASSWORD = "Pomp-wachtwoord-1";
    private static final String VERIFY = "tweestap-verify-phone";
    private static final int ATTEMPTS = 1000;

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final SecureRandom random = new SecureRandom();

    SmsPumpingIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    @Test
    void oneAccountTypingRandomNumbersFromManyAddressesGetsOnlyItsUserQuota() throws Exception {
        String userId = labUserWithVerificationPending("pump-random");
        int userQuota = admin.requiredActionConfig(LAB, VERIFY).path("config").path("tweestap.sms.quota.userCount").asInt();
        int before = outbox.all(LAB).size();

        FormClient attacker = new FormClient().from(address(1, 0));
        FormClient.Page page = attacker.login(server, LAB, name(userId), PASSWORD);
        int refused = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            attacker.from(address(2, i));
            if (page.html().contains("kc-tweestap-verify-other-form")) {
                page = attacker.submit(page, "kc-tweestap-verify-other-form", Map.of("change", ""));
            }
            page = attacker.submit(page, "kc-tweestap-verify-number-form",
                    Map.of("phoneNumber", randomDutchMobile(), "send", ""));
            if (page.contains("Er zijn te veel SMS-berichten verstuurd")) {
                refused++;
            }
        }
        int sent = outbox.all(LAB).size() - before;
        report("random numbers, one account, " + ATTEMPTS + " client addresses", ATTEMPTS, sent, userQuota);
        assertThat(sent).isEqualTo(userQuota);
        assertThat(refused).isEqualTo(ATTEMPTS - userQuota);
    }

    @Test
    void oneNumberFromManyAddressesGetsOnlyItsNumberQuota() throws Exception {
        ObjectNode original = admin.authenticatorConfig(WERKPLEK, "werkplek browser forms", "werkplek sms code");
        ObjectNode config = original.deepCopy();
        ((ObjectNode) config.get("config")).put("tweestap.sms.resendCooldownSeconds", "0");
        admin.updateAuthenticatorConfig(WERKPLEK, config);
        try {
            String phone = "+3161" + digits(7);
            String name = AdminApi.uniqueName("pump-one");
            admin.createUser(WERKPLEK, name, PASSWORD, phone);
            int numberQuota = config.path("config").path("tweestap.sms.quota.destinationCount").asInt();

            FormClient attacker = new FormClient().from(address(3, 0));
            FormClient.Page page = attacker.login(server, WERKPLEK, name, PASSWORD);
            assertThat(page.html()).contains("kc-tweestap-sms-resend-form");
            for (int i = 0; i < ATTEMPTS; i++) {
                attacker.from(address(4, i));
                page = attacker.submit(page, "kc-tweestap-sms-resend-form", Map.of("resend", "true"));
            }
            assertThat(page.html()).contains("Er zijn te veel SMS-berichten verstuurd");
            int sent = outbox.smsTo(WERKPLEK, phone).size();
            report("one number, " + ATTEMPTS + " client addresses (login page resend)", ATTEMPTS + 1, sent, numberQuota);
            assertThat(sent).isEqualTo(numberQuota);
            JsonNode events = admin.get("/admin/realms/" + WERKPLEK + "/events?type=CUSTOM_REQUIRED_ACTION_ERROR&max=2000");
            assertThat(events.findValuesAsText("tweestap_quota")).contains("destination");
        } finally {
            admin.updateAuthenticatorConfig(WERKPLEK, original);
        }
    }

    @Test
    void manyAccountsFromOneAddressGetOnlyTheAddressQuota() throws Exception {
        ObjectNode original = admin.requiredActionConfig(LAB, VERIFY);
        ObjectNode config = original.deepCopy();
        ((ObjectNode) config.get("config")).put("tweestap.sms.quota.ipCount", "3");
        admin.updateRequiredActionConfig(LAB, VERIFY, config);
        try {
            int before = outbox.all(LAB).size();
            String address = address(5, random.nextInt(60000));
            for (int i = 0; i < 8; i++) {
                String userId = labUserWithVerificationPending("pump-ip");
                FormClient client = new FormClient().from(address);
                FormClient.Page page = client.login(server, LAB, name(userId), PASSWORD);
                client.submit(page, "kc-tweestap-verify-number-form", Map.of("phoneNumber", randomDutchMobile(), "send", ""));
            }
            int sent = outbox.all(LAB).size() - before;
            report("8 accounts, one client address", 8, sent, 3);
            assertThat(sent).isEqualTo(3);
        } finally {
            admin.updateRequiredActionConfig(LAB, VERIFY, original);
        }
    }

    @Test
    void theRealmQuotaCapsEverything() throws Exception {
        String realm = "sms-lab-" + digits(6);
        ObjectNode lab = (ObjectNode) AdminApi.JSON.readTree(Files.readString(
                Path.of(System.getProperty("tweestap.test.realms.dir"), "sms-lab-realm.json")));
        lab.put("realm", realm);
        for (JsonNode action : lab.get("requiredActions")) {
            if (VERIFY.equals(action.path("alias").asText())) {
                ((ObjectNode) action.get("config")).put("tweestap.sms.quota.realmCount", "4");
            }
        }
        admin.post("/admin/realms", lab);
        try {
            for (int i = 0; i < 7; i++) {
                String name = AdminApi.uniqueName("pump-realm");
                String id = admin.createUser(realm, name, PASSWORD, null);
                admin.put("/admin/realms/" + realm + "/users/" + id, Map.of("requiredActions", List.of(VERIFY)));
                FormClient client = new FormClient().from(address(6, i));
                FormClient.Page page = client.login(server, realm, name, PASSWORD);
                client.submit(page, "kc-tweestap-verify-number-form", Map.of("phoneNumber", randomDutchMobile(), "send", ""));
            }
            int sent = outbox.all(realm).size();
            report("7 accounts, 7 addresses, realm quota 4", 7, sent, 4);
            assertThat(sent).isEqualTo(4);
        } finally {
            admin.delete("/admin/realms/" + realm);
        }
    }

    /**
     * Client address number {@code i} of a group, claimed through X-Forwarded-For. Addresses from the loopback range:
     * they are only header values here, and Keycloak treats them as local (the realms require HTTPS for external
     * clients).
     */
    private static String address(int group, int i) {
        return "127." + (group * 10 + i / 62500) + "." + (i / 250 % 250) + "." + (i % 250 + 1);
    }

    private String labUserWithVerificationPending(String prefix) {
        String name = AdminApi.uniqueName(prefix);
        String id = admin.createUser(LAB, name, PASSWORD, null);
        admin.put("/admin/realms/" + LAB + "/users/" + id, Map.of("requiredActions", List.of(VERIFY)));
        return id;
    }

    private String name(String userId) {
        return admin.get("/admin/realms/" + LAB + "/users/" + userId).path("username").asText();
    }

    /** A random Dutch mobile number (06-1xxxxxxx). */
    private String randomDutchMobile() {
        return "061" + digits(7);
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private static void report(String attack, int attempts, int sent, int quota) throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("tweestap.artifacts.dir", "target/artifacts")));
        Files.writeString(dir.resolve("sms-pumping.txt"), String.format("%-60s attempts %5d  SMS sent %3d  quota %3d%n",
                attack, attempts, sent, quota), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
