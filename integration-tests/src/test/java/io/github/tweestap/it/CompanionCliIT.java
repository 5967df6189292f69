package io.github.tweestap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/**
 * The companion CLI ({@code companion/target/tweestap-companion-cli.jar}) against the real server, as a person would
 * use it: enroll from a screenshot of the QR code, confirm with the SMS code, answer "Logt u in?" in {@code watch},
 * show the profile, unlink.
 */
@ExtendWith(KeycloakExtension.class)
class CompanionCliIT {

    private static final Path CLI = Path.of(System.getProperty("tweestap.companion.cli",
            "../companion/target/tweestap-companion-cli.jar"));

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;

    CompanionCliIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
    }

    record Run(int exit, String out) {
    }

    Run cli(Path store, String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI.toString(), "--store", store.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("CLI did not finish: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void enrollFromAScreenshotConfirmWatchProfileUnlink(@TempDir Path dir) throws Exception {
        assertThat(CLI).as("the CLI jar is built before the integration tests").exists();
        String name = AdminApi.uniqueName("cli");
        String number = "+3163" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        admin.createUser(PushLoginIT.REALM, name, PushLoginIT.PASSWORD, number);
        Path store = dir.resolve("device.json");
        try (Browser browser = new Browser("nl")) {
            login(browser, name);
            Path png = dir.resolve("qr.png");
            org.openqa.selenium.WebElement qr = browser.await(By.id("tweestap-enroll-qr"));
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block:'center'});", qr);
            Files.write(png, qr.getScreenshotAs(OutputType.BYTES));

            Run enroll = cli(store, null, "enroll", png.toString(), "--name", "CLI-test");
            assertThat(enroll.exit()).as(enroll.out()).isZero();
            assertThat(enroll.out()).contains(number.substring(number.length() - 2));
            Run confirm = cli(store, null, "confirm", outbox.awaitCode(PushLoginIT.REALM, number, 1));
            assertThat(confirm.exit()).as(confirm.out()).isZero();
            awaitAccount(browser);
        }
        Run code = cli(store, null, "code");
        assertThat(code.exit()).isZero();
        assertThat(code.out()).containsPattern("\\b\\d{6}\\b");

        try (Browser browser = new Browser("nl")) {
            login(browser, name);
            String shown = browser.text(By.id("tweestap-push-number"));
            Run watch = cli(store, "Ja\n" + shown + "\n", "watch");
            assertThat(watch.out()).contains("Logt u in?", "127.0.0.1", "Chrome", "Linux");
            awaitAccount(browser);
        }

        Run profile = cli(store, null, "profile");
        assertThat(profile.exit()).isZero();
        assertThat(profile.out()).contains(name, "90");
        Run unlink = cli(store, null, "unlink");
        assertThat(unlink.exit()).as(unlink.out()).isZero();
        Run after = cli(store, null, "profile");
        assertThat(after.exit()).isNotZero();
        assertThat(after.out()).doesNotContain("Exception");
    }

    void login(Browser browser, String name) {
        browser.open(server.realmUrl(PushLoginIT.REALM) + "/account/");
        browser.type(By.id("username"), name);
        browser.type(By.id("password"), PushLoginIT.PASSWORD);
        browser.clickAndAwait(By.id("kc-login"), By.cssSelector("h1"));
    }

    void awaitAccount(Browser browser) {
        LoginPages.awaitAccount(browser, server, PushLoginIT.REALM);
    }
}
