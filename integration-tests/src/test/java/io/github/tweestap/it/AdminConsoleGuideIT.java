package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The realm admin guide's pictures (docs/admin/README.md): Keycloak's own admin console, in English as the guide
 * names its menus, on the demo realm werkplek that the guide's steps produce. Each page must show what the guide says
 * the admin will find there (the pack's steps, required actions, event listener, user-profile attributes, the
 * helpdesk client under their names), and so must the two dialogs the guide's steps use (a step's ⚙ settings, the
 * sub-flow's "+ → Add execution" listing the pack's steps); a screenshot of each is saved under
 * {@code target/artifacts/walkthroughs/admin-console/}, from where {@code tools/docs-screenshots.sh} copies them into
 * the docs.
 */
@ExtendWith(KeycloakExtension.class)
class AdminConsoleGuideIT {

    private static final String REALM = "werkplek";

    private final KeycloakServer server;
    private final AdminApi admin;
    private Path dir;
    private int counter;

    AdminConsoleGuideIT(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
    }

    @Test
    void theAdminConsoleShowsThePacksPartsWhereTheGuideSays() throws IOException {
        dir = Files.createDirectories(Path.of(System.getProperty("tweestap.artifacts.dir", "target/artifacts"),
                "walkthroughs", "admin-console"));
        String console = server.baseUrl() + "/admin/master/console/#/" + REALM;
        try (Browser browser = new Browser("en")) {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            browser.open(console + "/authentication");
            browser.type(By.id("username"), KeycloakServer.ADMIN_USER);
            browser.type(By.id("password"), KeycloakServer.ADMIN_PASSWORD);
            browser.click(By.id("kc-login"));

            // Step 4/7: the realm's flows, with the one bound as its browser flow.
            shot(browser, "flows", "werkplek app", "werkplek reset", "werkplek direct grant");
            browser.click(By.linkText("werkplek app"));
            shot(browser, "browser-flow", "Tweestap: push or code (companion app)",
                    "Tweestap: password expiry notice");

            // Step 4/5/7: the pack's required actions, enabled.
            browser.open(console + "/authentication/required-actions");
            shot(browser, "required-actions", "Tweestap: bind the app", "Tweestap: verify mobile number");

            // Step 2/8: the event listeners.
            browser.open(console + "/realm-settings/events");
            shot(browser, "event-listeners", "tweestap-unlock");

            // Step 3: the mobile number in the user profile.
            browser.open(console + "/realm-settings/user-profile");
            shot(browser, "user-profile", "phoneNumber", "tweestapVerifiedPhone");

            // Step 12: the helpdesk page's client.
            String helpdesk = admin.get("/admin/realms/" + REALM + "/clients?clientId=tweestap-helpdesk").get(0)
                    .path("id").asText();
            assertThat(helpdesk).isNotEmpty();
            browser.open(console + "/clients/" + helpdesk + "/settings");
            shot(browser, "helpdesk-client", "tweestap-helpdesk", "Standard flow");

            // Step 4.3/7: a step's ⚙ settings, the pack's options with their labels (the push step's, with the
            // demo realm's config "werkplek push").
            browser.open(console + "/authentication");
            browser.click(By.linkText("werkplek app"));
            browser.awaitText(PUSH_STEP);
            browser.click(By.xpath("//tr[contains(., '" + PUSH_STEP + "')]//button[@aria-label='Settings']"));
            String settings = dialog(browser, "step-settings", PUSH_STEP + " config", "Alias",
                    "Push: seconds to answer", "Push: open pushes per user", "Binding: QR valid (seconds)");
            assertThat(settings).doesNotContain("Add execution to");
            assertThat(browser.driver().findElement(By.xpath("//div[@role='dialog']//input[@id='alias' or @name='alias']"))
                    .getAttribute("value")).isEqualTo("werkplek push");
            browser.click(By.xpath("//div[@role='dialog']//button[@data-testid='cancel']"));
            browser.until("the settings dialog to close", d -> d.findElements(By.xpath("//div[@role='dialog']")).isEmpty());

            // Step 4.2/6/7: the sub-flow's "+" menu → "Add execution": the pack's steps by their names.
            browser.click(By.cssSelector("[data-testid='werkplek app forms-edit-dropdown']"));
            browser.awaitText("Add condition");
            browser.click(By.xpath("//*[@role='menuitem'][normalize-space()='Add execution']"));
            // Tall enough for the dialog to show all the pack's steps in the picture.
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
            By search = By.xpath("//div[@role='dialog']//input[@placeholder='Search']");
            browser.type(search, "Tweestap");
            browser.await(search).sendKeys(org.openqa.selenium.Keys.ENTER);
            String steps = dialog(browser, "add-execution", "Add execution to werkplek app forms",
                    "Tweestap: SMS code", PUSH_STEP, "Tweestap: choose the second factor",
                    "Tweestap: authenticator app, enrolled by e-mail", "Tweestap: password expiry notice",
                    "Tweestap: direct grant guard (second factor)", "Tweestap: chosen method");
            // The search leaves only the pack's steps (Keycloak's own, such as the OTP form, are filtered out).
            assertThat(steps).doesNotContain("OTP Form");
        }
        assertThat(dir.resolve("01-flows.png")).exists();
        assertThat(counter).isEqualTo(8);
    }

    private static final String PUSH_STEP = "Tweestap: push or code (companion app)";

    /** Waits until the open dialog shows every one of {@code wording}, then saves the page as the next picture. */
    private String dialog(Browser browser, String label, String... wording) throws IOException {
        String text = browser.until("a dialog showing " + java.util.Arrays.toString(wording), d -> {
            java.util.List<org.openqa.selenium.WebElement> dialogs = d.findElements(By.xpath("//div[@role='dialog']"));
            if (dialogs.isEmpty()) {
                return null;
            }
            String shown = dialogs.get(0).getText();
            for (String w : wording) {
                if (!shown.contains(w)) {
                    return null;
                }
            }
            return shown;
        });
        for (String w : wording) {
            assertThat(text).as("%s shows %s", label, w).contains(w);
        }
        counter++;
        byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(String.format("%02d-%s.png", counter, label)), png);
        return text;
    }

    /** Waits until the page shows every one of {@code wording}, then saves it as the guide's next picture. */
    private void shot(Browser browser, String label, String... wording) throws IOException {
        String text = browser.awaitText(wording);
        for (String w : wording) {
            assertThat(text).as("%s shows %s", label, w).contains(w);
        }
        assertThat(text).doesNotContain("Something went wrong").doesNotContain("Er is iets fout gegaan");
        counter++;
        byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(String.format("%02d-%s.png", counter, label)), png);
    }
}
