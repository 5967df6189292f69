package io.github.tweestap.it;

import static io.github.tweestap.it.HelpdeskPageIT.assertNoSeriousViolations;
import static io.github.tweestap.it.support.HelpdeskPage.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.Browser;
import io.github.tweestap.it.support.HelpdeskPage;
import io.github.tweestap.it.support.KeycloakExtension;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.LoginPages;
import io.github.tweestap.it.support.Outbox;
import io.github.tweestap.it.support.Phones;
import io.github.tweestap.it.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 17, part 3: the migration import on the helpdesk page (seed 001 moves people who already log in with SMS
 * codes). An administrator with manage-users <em>and</em> the realm role {@code tweestap-import} uploads a CSV file: a
 * dry run shows per row what would be created, updated or refused and changes nothing; the real run applies the whole
 * file in one transaction, with progress and a report, marks the numbers verified and leaves an admin event per account
 * naming the import. The imported person then logs in with an SMS code to that number without the SMS-link step.
 * Without the role the import is not on the page and the server answers 403. Every bad file or row has its own clear
 * message, and nothing is half imported.
 */
@ExtendWith(KeycloakExtension.class)
class HelpdeskImportIT {

    static final String PASSWORD = HelpdeskPageIT.PASSWORD;
    static final String REALM = "werknemerloket";

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final Tokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HelpdeskImportIT(KeycloakServer server, AdminApi admin, Outbox outbox) {
        this.server = server;
        this.admin = admin;
        this.outbox = outbox;
        this.tokens = new Tokens(server);
    }

    @Test
    void theWerkplekServiceDeskDryRunsImportsAndThePersonLogsInWithAnSmsCodeToTheImportedNumber() throws Exception {
        String realm = "werkplek";
        String desk = AdminApi.uniqueName("migratie");
        String deskNumber = Phones.randomNumber();
        String deskId = admin.createUser(realm, desk, PASSWORD, deskNumber);
        mayImport(realm, deskId);
        // Someone who is already there, with a number nobody confirmed yet.
        String existing = AdminApi.uniqueName("bestaand");
        ObjectNode representation = AdminApi.JSON.createObjectNode();
        representation.put("username", existing).put("enabled", true).put("email", existing + "@test.localhost")
                .put("firstName", "Bea").put("lastName", "Bestaand");
        representation.putObject("attributes").putArray("phoneNumber").add(Phones.randomNumber());
        String existingId = HelpdeskPageIT.id(admin.post("/admin/realms/" + realm + "/users", representation));
        String existingNumber = Phones.randomNumber();
        String person = AdminApi.uniqueName("nieuw");
        String personNumber = Phones.randomNumber();
        Path file = write("werkplek-migratie.csv", ("username;email;phoneNumber;voornaam;achternaam\n"
                + person + ";" + person + "@mail.localhost;06 " + personNumber.substring(4) + ";Nina;Nieuwkomer\n"
                + existing + ";" + existing + "@test.localhost;" + existingNumber + ";;\n").getBytes(StandardCharsets.UTF_8));

        try (Browser browser = new Browser("nl")) {
            HelpdeskPage.startLogIn(browser, HelpdeskPage.url(server, realm), desk, PASSWORD);
            browser.click(By.id("tweestap-enroll-use-sms"));
            browser.type(By.id("code"), outbox.awaitCode(realm, deskNumber, 1));
            browser.click(By.id("kc-login"));
            HelpdeskPage.awaitReady(browser);
            browser.click(By.id("hd-import-button"));
            browser.await(By.id("hd-import-file"));
            assertThat(browser.text(By.id("hd-import-columns"))).contains("username;email;phoneNumber", "1000");
            assertNoSeriousViolations(browser, "import");

            // The dry run: a report per row, nothing changed.
            browser.driver().findElement(By.id("hd-import-file")).sendKeys(file.toString());
            browser.click(By.id("hd-import-dry-run"));
            awaitText(browser, By.id("hd-status"), "Proefimport van werkplek-migratie.csv: 1 aan te maken, 1 bij te werken, 0 geweigerd");
            assertThat(browser.text(By.id("hd-import-row-2"))).contains(person, "wordt aangemaakt");
            assertThat(browser.text(By.id("hd-import-row-3"))).contains(existing, existingNumber, "wordt bijgewerkt");
            assertNoSeriousViolations(browser, "import dry run");
            browser.screenshot("issue17-helpdesk-import-dry-run");
            assertThat(admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + person)).isEmpty();
            assertThat(attribute(realm, existingId, "tweestapVerifiedPhone")).isNull();

            // The real run, after a confirmation; the progress bar ends full, the report says what was done.
            browser.click(By.id("hd-import-run"));
            assertThat(browser.await(By.id("hd-confirm-text")).getText()).contains("Alle 2 rijen", "werkplek-migratie.csv");
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-status"), "Import van werkplek-migratie.csv klaar: 1 aangemaakt, 1 bijgewerkt.");
            assertThat(browser.text(By.id("hd-import-row-2"))).endsWith("aangemaakt").doesNotContain("wordt");
            assertThat(browser.text(By.id("hd-import-progress-text"))).contains("2 van 2");
            assertThat(browser.driver().findElement(By.id("hd-import-progress")).getDomProperty("value")).isEqualTo("2");
            assertNoSeriousViolations(browser, "import report");
            browser.screenshot("issue17-helpdesk-import-report");
        }

        String personId = admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + person).get(0).path("id").asText();
        assertThat(attribute(realm, personId, "tweestapVerifiedPhone")).isEqualTo(personNumber);
        assertThat(attribute(realm, personId, "phoneNumber")).isEqualTo(personNumber);
        assertThat(attribute(realm, existingId, "tweestapVerifiedPhone")).isEqualTo(existingNumber);
        assertThat(attribute(realm, existingId, "phoneNumber")).isEqualTo(existingNumber);

        // One admin event per account, naming the import (its id and file).
        JsonNode events = admin.await("the import's admin events", Duration.ofSeconds(10),
                () -> admin.get("/admin/realms/" + realm + "/admin-events?authUser=" + deskId + "&max=50"),
                n -> n.toString().contains("users/" + existingId) && n.toString().contains("users/" + personId));
        JsonNode created = event(events, "users/" + personId);
        JsonNode updated = event(events, "users/" + existingId);
        assertThat(created.path("operationType").asText()).isEqualTo("CREATE");
        assertThat(updated.path("operationType").asText()).isEqualTo("UPDATE");
        String importId = created.path("details").path("tweestap_import").asText();
        assertThat(importId).matches("[0-9a-f]{24}");
        assertThat(updated.path("details").path("tweestap_import").asText()).isEqualTo(importId);
        assertThat(created.path("details").path("tweestap_import_file").asText()).isEqualTo("werkplek-migratie.csv");
        assertThat(created.path("details").path("tweestap_step").asText()).isEqualTo("import_created");
        assertThat(outbox.smsTo(realm, personNumber)).as("no SMS link to confirm an imported number").isEmpty();

        // The person logs in: password (here set by the admin), then the SMS code to the imported number at once.
        admin.put("/admin/realms/" + realm + "/users/" + personId + "/reset-password",
                Map.of("type", "password", "value", PASSWORD, "temporary", false));
        try (Browser browser = new Browser("nl")) {
            browser.open(server.realmUrl(realm) + "/account/");
            browser.type(By.id("username"), person);
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.id("kc-login"));
            browser.click(By.id("tweestap-enroll-use-sms"));
            LoginPages.submitCode(browser, By.id("code"), By.id("kc-login"), outbox.awaitCode(realm, personNumber, 1));
            LoginPages.awaitAccount(browser, server, realm, "Nina");
        }
        List<JsonNode> sms = outbox.smsTo(realm, personNumber);
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).path("text").asText()).doesNotContain("tweestap-phone-link", "verify?t=");
    }

    @Test
    void everyBadFileOrRowHasAClearMessageInTheBrowserAndNothingIsImported() throws Exception {
        String desk = AdminApi.uniqueName("importeur");
        String deskId = admin.createUser(REALM, desk, PASSWORD, null);
        mayImport(REALM, deskId);
        String other = AdminApi.uniqueName("bezet");
        admin.createUser(REALM, other, PASSWORD, null);
        String first = AdminApi.uniqueName("rij");
        String last = AdminApi.uniqueName("rij");
        String number = Phones.randomNumber();
        String header = "username;email;phoneNumber;personeelsnummer\n";
        String good = first + ";" + first + "@mail.localhost;" + number + ";P" + first.substring(first.length() - 8) + "\n";
        String goodToo = last + ";" + last + "@mail.localhost;" + Phones.randomNumber() + ";\n";

        Path wrongHeader = write("kop.csv", ("user;mail;phone\n" + good).getBytes(StandardCharsets.UTF_8));
        Path latin1 = write("latin1.csv", (header + "josé;jose@mail.localhost;" + Phones.randomNumber() + ";\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Path utf16 = write("utf16.csv", (header + good).getBytes(StandardCharsets.UTF_16));
        StringBuilder many = new StringBuilder(header);
        for (int i = 0; i < 10_000; i++) {
            many.append("veel").append(i).append(";veel").append(i).append("@mail.localhost;06").append(20_000_000 + i).append(";\n");
        }
        Path tenThousand = write("tienduizend.csv", many.toString().getBytes(StandardCharsets.UTF_8));
        Path rows = write("rijen.csv", withBom(header + good
                + first.toUpperCase() + ";ander@mail.localhost;" + Phones.randomNumber() + ";\n"
                + AdminApi.uniqueName("vast") + ";vast@mail.localhost;020 123 4567;\n"
                + AdminApi.uniqueName("mail") + ";" + other + "@test.localhost;" + Phones.randomNumber() + ";\n"
                + AdminApi.uniqueName("nummer") + ";nummer@mail.localhost;06 " + number.substring(4) + ";\n"
                + goodToo));
        Path clean = write("goed.csv", withBom(header + good + goodToo));

        try (Browser browser = new Browser("nl")) {
            loginOnPage(browser, REALM, desk);
            browser.click(By.id("hd-import-button"));
            dryRun(browser, wrongHeader);
            awaitText(browser, By.id("hd-error"), "De eerste regel van het bestand klopt niet. Verwacht: "
                    + "username;email;phoneNumber;personeelsnummer");
            dryRun(browser, latin1);
            awaitText(browser, By.id("hd-error"), "Het bestand is niet in UTF-8 opgeslagen.");
            dryRun(browser, utf16);
            awaitText(browser, By.id("hd-error"), "Het bestand is niet in UTF-8 opgeslagen.");
            dryRun(browser, tenThousand);
            awaitText(browser, By.id("hd-error"), "Het bestand heeft meer dan 1.000 rijen. Splits het");
            assertThat(browser.driver().findElement(By.id("hd-import-report-box")).isDisplayed()).isFalse();

            // Refused rows, each with its row number and reason; no way to import this file.
            dryRun(browser, rows);
            awaitText(browser, By.id("hd-error"), "Er zijn rijen geweigerd");
            awaitText(browser, By.id("hd-import-summary"), "2 aan te maken, 0 bij te werken, 4 geweigerd");
            assertThat(browser.text(By.id("hd-import-row-2"))).contains("wordt aangemaakt");
            assertThat(browser.text(By.id("hd-import-row-3"))).contains("geweigerd: Herhaalt rij 2 (gebruikersnaam).");
            assertThat(browser.text(By.id("hd-import-row-4"))).contains("geweigerd: Het nummer is geen mobiel nummer.");
            assertThat(browser.text(By.id("hd-import-row-5"))).contains("geweigerd: Het e-mailadres hoort bij een ander account.");
            assertThat(browser.text(By.id("hd-import-row-6"))).contains("geweigerd: Herhaalt rij 2 (mobiel nummer).");
            assertThat(browser.text(By.id("hd-import-row-7"))).contains("wordt aangemaakt");
            assertThat(browser.driver().findElement(By.id("hd-import-run")).isDisplayed()).isFalse();
            assertNoSeriousViolations(browser, "import with refused rows");
            browser.screenshot("issue17-helpdesk-import-refused");

            // An expired helpdesk login between the dry run and the import: asked to log in again, nothing imported.
            dryRun(browser, clean);
            awaitText(browser, By.id("hd-status"), "2 aan te maken, 0 bij te werken, 0 geweigerd");
            admin.post("/admin/realms/" + REALM + "/users/" + deskId + "/logout", null);
            browser.click(By.id("hd-import-run"));
            browser.click(By.id("hd-confirm-yes"));
            awaitText(browser, By.id("hd-error"), "Je sessie is verlopen. Log opnieuw in.");
            assertThat(browser.await(By.id("hd-login-button")).isDisplayed()).isTrue();
        }
        for (String username : List.of(first, last, "josé", "veel0", "veel9999")) {
            assertThat(admin.get("/admin/realms/" + REALM + "/users?exact=true&username=" + username)).as(username).isEmpty();
        }

        // The server refuses a real run of a file with refused rows as a whole, and one without its dry run.
        String token = tokens.byLogin(REALM, "tweestap-helpdesk", server.realmUrl(REALM) + "/tweestap-helpdesk/", desk, PASSWORD);
        byte[] refusedFile = Files.readAllBytes(rows);
        HttpResponse<String> dry = call(token, "POST", "/import/dry-run?file=rijen.csv", refusedFile, "nl");
        assertThat(dry.statusCode()).isEqualTo(200);
        JsonNode report = AdminApi.JSON.readTree(dry.body());
        assertThat(report.path("refused").asInt()).isEqualTo(4);
        HttpResponse<String> run = call(token, "POST", "/import/" + report.path("importId").asText() + "?file=rijen.csv",
                refusedFile, "nl");
        assertThat(run.statusCode()).isEqualTo(409);
        assertThat(AdminApi.JSON.readTree(run.body()).path("errorMessage").asText())
                .isEqualTo("Er zijn 4 rijen geweigerd; er is niets geïmporteerd.");
        HttpResponse<String> noDryRun = call(token, "POST", "/import/0123456789abcdef01234567?file=goed.csv",
                Files.readAllBytes(clean), "en");
        assertThat(noDryRun.statusCode()).isEqualTo(409);
        assertThat(AdminApi.JSON.readTree(noDryRun.body()).path("errorMessage").asText()).startsWith("Do a dry run of exactly this file first");
        // A dry run of one file does not let another file in.
        JsonNode cleanDry = AdminApi.JSON.readTree(call(token, "POST", "/import/dry-run?file=goed.csv", Files.readAllBytes(clean), "nl").body());
        assertThat(call(token, "POST", "/import/" + cleanDry.path("importId").asText() + "?file=goed.csv", refusedFile, "nl")
                .statusCode()).isEqualTo(409);
        // English too, in the same words as the page.
        HttpResponse<String> english = call(token, "POST", "/import/dry-run?file=kop.csv", Files.readAllBytes(wrongHeader), "en");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(AdminApi.JSON.readTree(english.body()).path("errorMessage").asText())
                .startsWith("The first line of the file is not right.");
        for (String username : List.of(first, last)) {
            assertThat(admin.get("/admin/realms/" + REALM + "/users?exact=true&username=" + username)).as(username).isEmpty();
        }

        // Between a clean dry run and its real run someone else takes a row's e-mail address: the real run checks the
        // whole file again and imports nothing.
        String taker = AdminApi.uniqueName("sneller");
        ObjectNode takerUser = AdminApi.JSON.createObjectNode();
        takerUser.put("username", taker).put("enabled", true).put("email", last + "@mail.localhost");
        JsonNode beforeTaking = AdminApi.JSON.readTree(call(token, "POST", "/import/dry-run?file=goed.csv",
                Files.readAllBytes(clean), "nl").body());
        assertThat(beforeTaking.path("refused").asInt()).isZero();
        admin.post("/admin/realms/" + REALM + "/users", takerUser);
        HttpResponse<String> meanwhile = call(token, "POST", "/import/" + beforeTaking.path("importId").asText()
                + "?file=goed.csv", Files.readAllBytes(clean), "nl");
        assertThat(meanwhile.statusCode()).isEqualTo(409);
        assertThat(AdminApi.JSON.readTree(meanwhile.body()).path("rows").get(1).path("reason").asText())
                .isEqualTo("Het e-mailadres hoort bij een ander account.");
        assertThat(admin.get("/admin/realms/" + REALM + "/users?exact=true&username=" + first)).isEmpty();

        // A larger file (60 rows) goes in as a whole; its progress was counted per batch of 25 rows.
        StringBuilder sixty = new StringBuilder(header);
        String batch = AdminApi.uniqueName("reeks");
        for (int i = 0; i < 60; i++) {
            sixty.append(batch).append('-').append(i).append(';').append(batch).append('-').append(i)
                    .append("@mail.localhost;").append(Phones.randomNumber()).append(";\n");
        }
        byte[] sixtyRows = sixty.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode sixtyDry = AdminApi.JSON.readTree(call(token, "POST", "/import/dry-run?file=zestig.csv", sixtyRows, "nl").body());
        assertThat(sixtyDry.path("create").asInt()).as(sixtyDry.toString()).isEqualTo(60);
        String sixtyId = sixtyDry.path("importId").asText();
        HttpResponse<String> sixtyRun = call(token, "POST", "/import/" + sixtyId + "?file=zestig.csv", sixtyRows, "nl");
        assertThat(sixtyRun.statusCode()).as(sixtyRun.body()).isEqualTo(200);
        assertThat(AdminApi.JSON.readTree(sixtyRun.body()).path("applied").asBoolean()).isTrue();
        assertThat(AdminApi.JSON.readTree(call(token, "GET", "/import/" + sixtyId + "/progress", null, "nl").body())
                .path("done").asInt()).isEqualTo(50);
        assertThat(admin.get("/admin/realms/" + REALM + "/users?briefRepresentation=true&max=100&search=" + batch)).hasSize(60);
        // A dry run is used once.
        assertThat(call(token, "POST", "/import/" + sixtyId + "?file=zestig.csv", sixtyRows, "nl").statusCode()).isEqualTo(409);
    }

    @Test
    void withoutTheImportRoleThePageOffersNoImportAndTheServerAnswersForbidden() throws Exception {
        String desk = AdminApi.uniqueName("helpdesk");
        String deskId = admin.createUser(REALM, desk, PASSWORD, null);
        admin.grantRealmManagementRole(REALM, deskId, "view-users");
        admin.grantRealmManagementRole(REALM, deskId, "manage-users");
        String person = AdminApi.uniqueName("verboden");
        byte[] csv = ("username;email;phoneNumber\n" + person + ";" + person + "@mail.localhost;" + Phones.randomNumber() + "\n")
                .getBytes(StandardCharsets.UTF_8);

        try (Browser browser = new Browser("nl")) {
            loginOnPage(browser, REALM, desk);
            browser.until("the page asked whether it may offer the import", d -> (Boolean) ((JavascriptExecutor) d)
                    .executeScript("return performance.getEntriesByType('resource')"
                            + ".some((e) => e.name.endsWith('/tweestap-helpdesk/import'));"));
            KeycloakServer.sleep(500);
            assertThat(browser.driver().findElement(By.id("hd-import-button")).isDisplayed()).isFalse();
            assertThat(browser.driver().findElement(By.id("hd-error")).getText()).isEmpty();
        }
        String token = tokens.byLogin(REALM, "tweestap-helpdesk", server.realmUrl(REALM) + "/tweestap-helpdesk/", desk, PASSWORD);
        assertThat(call(token, "GET", "/import", null, "nl").statusCode()).isEqualTo(403);
        HttpResponse<String> dry = call(token, "POST", "/import/dry-run?file=a.csv", csv, "nl");
        assertThat(dry.statusCode()).isEqualTo(403);
        assertThat(AdminApi.JSON.readTree(dry.body()).path("errorMessage").asText()).contains("tweestap-import");
        assertThat(call(token, "POST", "/import/0123456789abcdef01234567?file=a.csv", csv, "nl").statusCode()).isEqualTo(403);
        assertThat(call(token, "GET", "/import/0123456789abcdef01234567/progress", null, "nl").statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin/realms/" + REALM + "/users?exact=true&username=" + person)).isEmpty();

        // The role alone (without manage-users) is not enough either.
        String roleOnly = AdminApi.uniqueName("alleenrol");
        String roleOnlyId = admin.createUser(REALM, roleOnly, PASSWORD, null);
        grantImportRole(REALM, roleOnlyId);
        String roleToken = tokens.byLogin(REALM, "tweestap-helpdesk", server.realmUrl(REALM) + "/tweestap-helpdesk/", roleOnly, PASSWORD);
        assertThat(call(roleToken, "POST", "/import/dry-run?file=a.csv", csv, "nl").statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin/realms/" + REALM + "/users?exact=true&username=" + person)).isEmpty();
    }

    // ---------------------------------------------------------------- steps

    void mayImport(String realm, String userId) {
        admin.grantRealmManagementRole(realm, userId, "view-users");
        admin.grantRealmManagementRole(realm, userId, "manage-users");
        grantImportRole(realm, userId);
    }

    void grantImportRole(String realm, String userId) {
        JsonNode role = admin.get("/admin/realms/" + realm + "/roles/tweestap-import");
        admin.post("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm", List.of(role));
    }

    void loginOnPage(Browser browser, String realm, String username) {
        HelpdeskPage.logIn(browser, HelpdeskPage.url(server, realm), username, PASSWORD);
    }

    static void dryRun(Browser browser, Path file) {
        browser.driver().findElement(By.id("hd-import-file")).clear();
        browser.driver().findElement(By.id("hd-import-file")).sendKeys(file.toString());
        browser.click(By.id("hd-import-dry-run"));
    }

    String attribute(String realm, String userId, String name) {
        JsonNode values = admin.get("/admin/realms/" + realm + "/users/" + userId).path("attributes").path(name);
        return values.isArray() && values.size() > 0 ? values.get(0).asText() : null;
    }

    static JsonNode event(JsonNode events, String resourcePath) {
        for (JsonNode event : events) {
            if (event.path("resourcePath").asText().equals(resourcePath)) {
                return event;
            }
        }
        throw new AssertionError("no admin event for " + resourcePath + " in " + events);
    }

    HttpResponse<String> call(String token, String method, String path, byte[] body, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/" + REALM
                + "/tweestap-helpdesk" + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").header("Accept-Language", language);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] withBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static Path write(String name, byte[] bytes) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "import-files", Long.toString(System.nanoTime())));
        return Files.write(dir.resolve(name), bytes).toAbsolutePath();
    }
}
