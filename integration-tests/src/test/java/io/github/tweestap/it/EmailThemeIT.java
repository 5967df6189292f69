package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Mailbox;
import io.github.tweestap.it.support.Walkthrough;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The tweestap e-mail theme (realm otp-lab uses it): an admin's "send required actions e-mail" with a password to
 * set is an invitation whose link opens the password page; other actions get an update request that lists them;
 * a user's language picks the texts. (The 2FA on/off notices are checked by {@link AuthenticatorAppIT}.)
 */
@ExtendWith(KeycloakExtension.class)
class EmailThemeIT {

    private static final String REALM = "otp-lab";
    private static final Pattern LINK = Pattern.compile("https?://\\S+/login-actions/action-token\\?key=\\S+");

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Mailbox mailbox;

    EmailThemeIT(KeycloakServer server, AdminApi admin, Mailbox mailbox) {
        this.server = server;
        this.admin = admin;
        this.mailbox = mailbox;
    }

    @Test
    void anInvitationLeadsToThePasswordPageAndOtherActionsAreListed() throws Exception {
        String name = AdminApi.uniqueName("invite");
        String id = admin.createUser(REALM, name, "Eerste-wachtwoord-1", null);
        String email = name + "@test.localhost";

        admin.put("/admin/realms/" + REALM + "/users/" + id + "/execute-actions-email", List.of("UPDATE_PASSWORD"));
        MimeMessage invite = mailbox.await(email, 1);
        assertThat(invite.getSubject()).isEqualTo("Actie nodig voor uw account");
        String text = Mailbox.plainText(invite);
        assertThat(text).contains("U heeft een uitnodiging ontvangen om uw account voor OTP lab te activeren.",
                "Klik hier om naar het inlogscherm te gaan", "Deze link is ");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("link in " + text).isTrue();
        try (Browser browser = new Browser("nl")) {
            Walkthrough walk = new Walkthrough(browser, "email-theme-invitation");
            browser.open(link.group());
            browser.await(By.tagName("h1"));
            if (!browser.present(By.id("password-new"))) {
                // Without an application, Keycloak first shows what is asked, with a link to go on.
                walk.step("actions-info");
                browser.click(By.cssSelector("a[href*='action-token']"));
            }
            browser.await(By.id("password-new"));
            walk.step("new-password");
            walk.finish();
        }

        // Another action: a request that names it, no invitation wording.
        admin.put("/admin/realms/" + REALM + "/users/" + id + "/execute-actions-email", List.of("tweestap-configure-totp"));
        MimeMessage request = mailbox.await(email, 2);
        assertThat(request.getSubject()).isEqualTo("Actie nodig voor uw account");
        assertThat(Mailbox.plainText(request)).contains("Uw beheerder vraagt u om uw account voor OTP lab bij te werken")
                .doesNotContain("uitnodiging");

        // English for a user who chose English.
        com.fasterxml.jackson.databind.node.ObjectNode user =
                (com.fasterxml.jackson.databind.node.ObjectNode) admin.get("/admin/realms/" + REALM + "/users/" + id);
        user.with("attributes").putArray("locale").add("en");
        admin.put("/admin/realms/" + REALM + "/users/" + id, user);
        admin.put("/admin/realms/" + REALM + "/users/" + id + "/execute-actions-email", List.of("UPDATE_PASSWORD"));
        MimeMessage english = mailbox.await(email, 3);
        assertThat(english.getSubject()).isEqualTo("Action needed on your account");
        assertThat(Mailbox.plainText(english)).contains("You have been invited to activate your OTP lab account.");
        assertThat(server.realmUrl(REALM)).isNotBlank();
    }
}
