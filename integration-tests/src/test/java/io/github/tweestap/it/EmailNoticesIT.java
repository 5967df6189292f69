package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Totp;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed logins do not flood a mailbox: the portal realms mail with the pack's {@code tweestap-email-notices}
 * (credential changes only, once per change), a realm that wants it gets one throttled warning about failed logins
 * ({@code tweestap-login-failure-email}), and where a realm still uses Keycloak's {@code email} listener, the
 * server option the pack is started with keeps it to credential changes. Every notice in the portal's voice.
 */
@ExtendWith(KeycloakExtension.class)
class EmailNoticesIT {

    private static final String PORTAL = "werknemerloket";
    private static final String PORTAL_PASSWORD = "Werknemer-test-1";
    private static final String PASSWORD = "Test-wachtwoord-1";
    private static final Pattern KEY = Pattern.compile("id=\"tweestap-totp-key\"><code>([A-Z2-7 ]+)</code>");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;

    EmailNoticesIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @Test
    void tenWrongCodesInAPortalMailNothingAndSwitchingOnAndOffMailsOneNoticeEachInThePortalsVoice() throws Exception {
        String name = AdminApi.uniqueName("meldingen");
        String id = admin.createUser(PORTAL, name, PORTAL_PASSWORD, null);
        String email = name + "@test.localhost";

        // Switched on (the portal's "Two factor authenticatie" menu item): one notice.
        FormClient client = new FormClient().from("127.0.19.1");
        FormClient.Page setup = passwordStep(client, action("tweestap-configure-totp"), name);
        Matcher key = KEY.matcher(setup.html());
        assertThat(key.find()).as("the key on " + setup.html()).isTrue();
        Codes codes = new Codes(key.group(1).replace(" ", ""));
        FormClient.Page back = client.submit(setup, "kc-tweestap-totp-form", Map.of("totp", codes.next(), "apply", ""));
        assertThat(back.url()).contains("kc_action_status=success");
        assertThat(admin.otpActive(PORTAL, id)).isTrue();
        MimeMessage on = mailbox.await(email, 1);
        assertThat(on.getSubject()).isEqualTo("Wijziging in de beveiliging van je Werknemerloket");
        assertThat(Mailbox.plainText(on)).contains("2 factor authenticatie ingeschakeld voor het Werknemerloket",
                "Was jij dit niet? Neem dan direct contact op met je werkgever.");

        // Ten wrong codes at the login (the attack of issue 14: 16 mails before): no mail at all.
        FormClient attacker = new FormClient().from("127.0.19.2");
        FormClient.Page page = attacker.login(server, PORTAL, name, PORTAL_PASSWORD);
        for (int i = 0; i < 10; i++) {
            if (!page.contains("id=\"kc-otp-login-form\"")) {
                page = attacker.login(server, PORTAL, name, PORTAL_PASSWORD);
            }
            if (page.contains("id=\"kc-otp-login-form\"")) {
                page = attacker.submit(page, "kc-otp-login-form", Map.of("otp", codes.wrong(), "login", ""));
            }
        }
        unlock(PORTAL, id);

        // Switched off, with a current code: one notice. Nothing came in between.
        FormClient owner = new FormClient().from("127.0.19.1");
        FormClient.Page code = passwordStep(owner, action("tweestap-deactivate-totp"), name);
        FormClient.Page deactivate = owner.submit(code, "kc-otp-login-form", Map.of("otp", codes.next(), "login", ""));
        back = owner.submit(deactivate, "kc-tweestap-deactivate-form", Map.of("totp", codes.next(), "apply", ""));
        assertThat(back.url()).contains("kc_action_status=success");
        assertThat(admin.otpActive(PORTAL, id)).isFalse();
        MimeMessage off = mailbox.await(email, 2);
        assertThat(off.getSubject()).isEqualTo("Wijziging in de beveiliging van je Werknemerloket");
        assertThat(Mailbox.plainText(off)).contains("2 factor authenticatie uitgeschakeld voor het Werknemerloket");
        assertThat(mailbox.to(email)).as("the on and off notices, and nothing for the wrong codes").hasSize(2);
    }

    @Test
    void aRealmThatWantsItGetsOneWarningForTenFailedLoginsInItsVoice() throws Exception {
        String realm = "notices-lab";
        String name = AdminApi.uniqueName("waarschuwing");
        String id = admin.createUser(realm, name, PASSWORD, null);
        String email = name + "@test.localhost";
        for (int i = 0; i < 10; i++) {
            new FormClient().from("127.0.19.3").login(server, realm, name, "Fout-wachtwoord-" + i);
        }
        MimeMessage warning = mailbox.await(email, 1);
        assertThat(warning.getSubject()).isEqualTo("Mislukte inlogpoging op je account voor Notices lab");
        assertThat(Mailbox.plainText(warning)).contains("vanaf IP-adres 127.0.19.3 geprobeerd in te loggen op je account",
                "Was jij dit niet?").doesNotContain(" uw ");
        assertMarkerIsNext(realm, id, email, 1);
    }

    @Test
    void keycloaksOwnEmailListenerMailsNoFailedLoginsWhereThePackIsStarted() {
        // otp-lab still lists Keycloak's "email" listener; the server runs with its include-events option.
        String realm = "otp-lab";
        String name = AdminApi.uniqueName("keycloakmail");
        String id = admin.createUser(realm, name, PASSWORD, null);
        for (int i = 0; i < 10; i++) {
            new FormClient().from("127.0.19.4").login(server, realm, name, "Fout-wachtwoord-" + i);
        }
        assertMarkerIsNext(realm, id, name + "@test.localhost", 0);
    }

    /**
     * Sends the username e-mail (an admin action, sent before its answer) after all attempts were answered, and checks
     * it is message {@code before + 1}: the failed logins, whose e-mails would have been sent before their answers,
     * caused no more than {@code before}.
     */
    private void assertMarkerIsNext(String realm, String userId, String email, int before) {
        assertThat(admin.status("POST", "/admin/realms/" + realm + "/tweestap-account/users/" + userId + "/username-email",
                null)).isEqualTo(204);
        MimeMessage marker = mailbox.await(email, before + 1);
        assertThat(Mailbox.plainText(marker)).contains(email.substring(0, email.indexOf('@')));
        KeycloakServer.sleep(1000);
        List<MimeMessage> all = mailbox.to(email);
        assertThat(all).hasSize(before + 1);
        assertThat(all.get(before)).isSameAs(marker);
    }

    private FormClient.Page passwordStep(FormClient client, String url, String name) {
        FormClient.Page login = client.get(url);
        return client.submit(login, "kc-form-login", Map.of("username", name, "password", PORTAL_PASSWORD,
                "credentialId", ""));
    }

    private String action(String action) {
        return server.realmUrl(PORTAL) + "/protocol/openid-connect/auth?client_id=werknemerloket&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(server.realmUrl(PORTAL) + "/tweestap-outbox",
                        StandardCharsets.UTF_8) + "&kc_action=" + action;
    }

    /** Lifts the lockout the wrong codes caused, once Keycloak has counted them all (it counts asynchronously). */
    private void unlock(String realm, String userId) {
        int seen = -1;
        for (int i = 0; i < 30; i++) {
            int now = admin.bruteForce(realm, userId).path("numFailures").asInt();
            if (now == seen && now > 0) {
                break;
            }
            seen = now;
            KeycloakServer.sleep(1000);
        }
        admin.delete("/admin/realms/" + realm + "/attack-detection/brute-force/users/" + userId);
        admin.await("the lockout lifted", Duration.ofSeconds(10), () -> admin.bruteForce(realm, userId),
                n -> !n.path("disabled").asBoolean());
    }

    /** Codes of an authenticator app: each one new (Keycloak refuses a code twice), and wrong ones. */
    private static final class Codes {
        private final byte[] key;
        private long last = Long.MIN_VALUE;

        Codes(String base32Key) {
            this.key = Totp.base32Decode(base32Key);
        }

        String next() {
            while (true) {
                long now = Instant.now().getEpochSecond() / 30;
                long step = Math.max(last + 1, now);
                if (step <= now + 1) {
                    last = step;
                    return Totp.code(key, step, 6);
                }
                KeycloakServer.sleep(500);
            }
        }

        /** A code that is none of those Keycloak accepts now (the current step and one either side). */
        String wrong() {
            long now = Instant.now().getEpochSecond() / 30;
            Set<String> valid = Set.of(Totp.code(key, now - 1, 6), Totp.code(key, now, 6), Totp.code(key, now + 1, 6),
                    Totp.code(key, now + 2, 6));
            for (int candidate = 123456; ; candidate++) {
                String code = Integer.toString(candidate);
                if (!valid.contains(code)) {
                    return code;
                }
            }
        }
    }
}
