package io.github.tweestap.companion.cli;

import io.github.tweestap.companion.DeviceKeys;
import io.github.tweestap.companion.DeviceState;
import io.github.tweestap.companion.DeviceStore;
import io.github.tweestap.companion.QrLinks;
import io.github.tweestap.companion.StubDeviceServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path dir;

    private StubDeviceServer server;
    private Path store;
    private final List<Duration> sleeps = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        server = new StubDeviceServer();
        store = dir.resolve("device.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Result run(Clock clock, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .clock(clock)
                .sleeper(sleeps::add);
        int code = main.run(args);
        Result result = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        // Expected failures never show a stack trace.
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return result;
    }

    private Result run(String stdin, String... args) {
        return run(Clock.systemUTC(), stdin, args);
    }

    private Result cli(String... args) {
        return run("", args);
    }

    private String storeArg() {
        return store.toString();
    }

    private void enrollAndConfirm() {
        assertThat(cli("--store", storeArg(), "enroll", server.newEnrollmentLink().toString(), "--name", "Test"))
                .extracting(Result::code).isEqualTo(0);
        assertThat(cli("--store", storeArg(), "confirm", StubDeviceServer.SMS_CODE))
                .extracting(Result::code).isEqualTo(0);
    }

    @Test
    void enrollWithLinkSavesThePendingDeviceAndPrintsThePhoneHint() throws Exception {
        URI link = server.newEnrollmentLink();
        Result result = cli("--store", storeArg(), "enroll", link.toString(), "--name", "Pixel van Alice");

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains(StubDeviceServer.PHONE_HINT).contains("confirm <code>");
        DeviceState state = DeviceStore.load(store);
        assertThat(state.deviceId()).startsWith("dev-");
        assertThat(state.status()).isEqualTo(DeviceState.PENDING);
        assertThat(state.baseUrl()).isEqualTo(server.baseUrl());
        StubDeviceServer.Received request = server.received("enroll").get(0);
        assertThat(request.contentType()).isEqualTo("application/jose");
        assertThat(request.header().has("jwk")).isTrue();
        assertThat(request.payload().get("name").asText()).isEqualTo("Pixel van Alice");
        assertThat(request.payload().get("token").asText()).startsWith("tok-");
    }

    @Test
    void enrollWithQrPngDecodesTheLink() throws Exception {
        Path png = dir.resolve("qr.png");
        QrLinks.writePng(server.newEnrollmentLink().toString(), 300, png);
        Result result = cli("--store", storeArg(), "--lang", "en", "enroll", png.toString());

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains("A text message with a 6-digit code was sent to " + StubDeviceServer.PHONE_HINT);
        assertThat(DeviceStore.load(store).deviceId()).isNotNull();
        String defaultName = server.received("enroll").get(0).payload().get("name").asText();
        assertThat(defaultName).startsWith("Tweestap CLI").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void enrollFailuresAreClearMessages() throws Exception {
        URI link = server.newEnrollmentLink();
        assertThat(cli("--store", storeArg(), "enroll", link.toString()).code()).isEqualTo(0);

        Result again = cli("--store", storeArg(), "enroll", server.newEnrollmentLink().toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("al een apparaat gekoppeld");

        Result used = cli("--store", dir.resolve("other.json").toString(), "enroll", link.toString());
        assertThat(used.code()).isEqualTo(1);
        assertThat(used.err()).contains("De koppellink is verlopen, al gebruikt of ongeldig");
        assertThat(Files.exists(dir.resolve("other.json"))).isFalse();

        Result notALink = cli("--store", dir.resolve("x.json").toString(), "enroll", "hallo");
        assertThat(notALink.code()).isEqualTo(1);
        assertThat(notALink.err()).contains("geen koppellink");

        Path text = dir.resolve("not-a-qr.png");
        Files.writeString(text, "nope");
        Result notAnImage = cli("--store", dir.resolve("y.json").toString(), "enroll", text.toString());
        assertThat(notAnImage.code()).isEqualTo(1);
        assertThat(notAnImage.err()).contains("Kan geen QR-code lezen");

        Result longName = cli("--store", dir.resolve("z.json").toString(), "enroll",
                server.newEnrollmentLink().toString(), "--name", "x".repeat(65));
        assertThat(longName.code()).isEqualTo(2);
    }

    @Test
    void confirmStatusAndCode() throws Exception {
        assertThat(cli("--store", storeArg(), "enroll", server.newEnrollmentLink().toString()).code()).isEqualTo(0);

        Result pending = cli("--store", storeArg(), "status");
        assertThat(pending.code()).isEqualTo(0);
        assertThat(pending.out()).contains("wacht nog op bevestiging");

        Result noCodes = cli("--store", storeArg(), "code");
        assertThat(noCodes.code()).isEqualTo(1);
        assertThat(noCodes.err()).contains("nog geen inlogcodes");

        Result wrong = cli("--store", storeArg(), "confirm", "000000");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("De code klopt niet.").contains("Nog 2 pogingen.");

        Result confirmed = cli("--store", storeArg(), "confirm", StubDeviceServer.SMS_CODE);
        assertThat(confirmed.code()).isEqualTo(0);
        assertThat(confirmed.out()).contains("gekoppeld aan gebruiker alice").contains("Inlogcodes staan klaar");
        assertThat(DeviceStore.load(store).totp().secret()).isEqualTo(StubDeviceServer.TOTP_SECRET);

        Result code = cli("--store", storeArg(), "code");
        assertThat(code.code()).isEqualTo(0);
        assertThat(code.out().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).matches("\\d{6}"));
        assertThat(code.out()).containsPattern("Nog \\d+ seconden? geldig\\.");

        // With a known time the code is the RFC 6238 one (its SHA1 seed is the stub's secret).
        Result known = run(Clock.fixed(Instant.ofEpochSecond(1111111109), ZoneOffset.UTC), "",
                "--store", storeArg(), "--lang", "en", "code");
        assertThat(known.out()).isEqualTo(String.format("081804%nValid for 1 more second.%n"));

        Result active = cli("--store", storeArg(), "status");
        assertThat(active.out()).contains("gekoppeld aan gebruiker alice");
    }

    @Test
    void profileInDutchAndEnglish() {
        enrollAndConfirm();
        Result nl = cli("--store", storeArg(), "profile");
        assertThat(nl.code()).isEqualTo(0);
        assertThat(nl.out()).contains("Gebruikersnaam: alice").contains("Omgeving: Werkplek")
                .contains("Naam: Alice de Vries").contains("Wachtwoord nog 12 dagen geldig");

        Result en = cli("--store", storeArg(), "--lang", "en", "profile");
        assertThat(en.out()).contains("Username: alice").contains("Realm: Werkplek")
                .contains("Password valid for 12 more days");

        server.passwordExpiresInDays(null);
        assertThat(cli("--store", storeArg(), "profile").out()).contains("Uw wachtwoord verloopt niet.");
    }

    @Test
    void watchApprovesWithTheNumberTheUserTypes() {
        enrollAndConfirm();
        server.addChallenge("ch-1", "42");

        Result result = run("Ja\n42\n", "--store", storeArg(), "watch");

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains("Account Console").contains("127.0.0.1").contains("Chrome 156")
                .contains("Linux").contains("Logt u in? (Ja/Nee)").contains("Welk getal ziet u op het inlogscherm?")
                .contains("Goedgekeurd");
        assertThat(server.challengeResult("ch-1")).isEqualTo("approved");
        var payload = server.received("answer").get(0).payload();
        assertThat(payload.get("approve").asBoolean()).isTrue();
        assertThat(payload.get("number").asText()).isEqualTo("42");
        assertThat(server.received("poll").get(0).payload().get("wait").asInt()).isEqualTo(20);
    }

    @Test
    void watchUnlocksWithoutANumberWhenNoneIsRequired() {
        enrollAndConfirm();
        server.addUnlockChallenge("un-1", null, 5, Instant.parse("2026-11-23T00:59:00Z"), "203.0.113.7", false);

        Result result = run("Ja\n", "--store", storeArg(), "watch");

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out())
                .contains("Ontgrendelverzoek: uw account is geblokkeerd na 5 mislukte pogingen")
                .contains("203.0.113.7").contains("Laatste poging:")
                .contains("Ontgrendel uw account? (Ja/Nee)")
                .contains("Uw account is ontgrendeld. Uw wachtwoord is niet veranderd.")
                .doesNotContain("Welk getal").doesNotContain("permanent").doesNotContain("Logt u in?");
        assertThat(server.challengeResult("un-1")).isEqualTo("approved");
        var payload = server.received("answer").get(0).payload();
        assertThat(payload.get("challenge").asText()).isEqualTo("un-1");
        assertThat(payload.get("approve").asBoolean()).isTrue();
        assertThat(payload.has("number")).isFalse();
    }

    @Test
    void watchAsksTheNumberForALoginAndNotForAnUnlockInOneSession() {
        enrollAndConfirm();
        server.addChallenge("ch-1", "42");
        server.addUnlockChallenge("un-1", null, 1, null, null, false);

        Result result = run("ja\n42\nja\n", "--store", storeArg(), "watch");

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains("Logt u in? (Ja/Nee)").contains("Welk getal ziet u op het inlogscherm?")
                .contains("Goedgekeurd").contains("geblokkeerd na 1 mislukte poging").contains("onbekend")
                .contains("Uw account is ontgrendeld.");
        assertThat(result.out().split("Welk getal", -1)).hasSize(2); // asked once: for the login
        assertThat(server.challengeResult("ch-1")).isEqualTo("approved");
        assertThat(server.challengeResult("un-1")).isEqualTo("approved");
        List<StubDeviceServer.Received> answers = server.received("answer");
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).payload().get("number").asText()).isEqualTo("42");
        assertThat(answers.get(1).payload().has("number")).isFalse();
    }

    @Test
    void watchAsksTheNumberForAnUnlockFromTheLoginPage() {
        enrollAndConfirm();
        server.addUnlockChallenge("un-1", "17", 5, null, "203.0.113.7", false);

        Result result = run("Ja\n16\n17\n", "--store", storeArg(), "watch");

        assertThat(result.out()).contains("Welk getal ziet u op de inlogpagina?")
                .contains("Dat getal klopt niet. Nog 2 pogingen.").contains("Uw account is ontgrendeld.");
        assertThat(server.challengeResult("un-1")).isEqualTo("approved");
        assertThat(server.received("answer").get(1).payload().get("number").asText()).isEqualTo("17");
    }

    @Test
    void watchAsksTheNumberForALoginFromAnOlderServer() {
        enrollAndConfirm();
        server.sendNumberRequired(false);
        server.addChallenge("ch-1", "42");

        Result result = run("Ja\n42\n", "--store", storeArg(), "watch");

        assertThat(result.out()).contains("Welk getal ziet u op het inlogscherm?").contains("Goedgekeurd");
        assertThat(server.received("answer").get(0).payload().get("number").asText()).isEqualTo("42");
    }

    @Test
    void watchDeniesAndReportsAnUnlockKeepingTheAccountLocked() {
        enrollAndConfirm();
        server.addUnlockChallenge("un-1", null, 30, Instant.parse("2026-11-23T00:59:00Z"), "198.51.100.2", true);
        server.addUnlockChallenge("un-2", null, 5, null, "198.51.100.2", false);

        Result result = run("Nee\nj\nnee\nn\n", "--store", storeArg(), "watch");

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out())
                .contains("Ontgrendelverzoek: uw account is permanent geblokkeerd na 30 mislukte pogingen")
                .contains("198.51.100.2")
                .contains("Dit was ik niet").contains("blijft dan geblokkeerd").contains("e-mail")
                .contains("Afgewezen en gemeld: uw account blijft geblokkeerd.")
                .contains("Het ontgrendelverzoek is afgewezen; uw account blijft geblokkeerd.")
                .doesNotContain("ontgrendeld.");
        assertThat(server.challengeResult("un-1")).isEqualTo("reported");
        assertThat(server.challengeResult("un-2")).isEqualTo("denied");
        assertThat(server.received("answer")).allSatisfy(r -> assertThat(r.payload().has("number")).isFalse());
    }

    @Test
    void watchSaysSoWhenAnApprovedUnlockMayNotBeLifted() {
        enrollAndConfirm();
        server.addUnlockChallenge("un-1", null, 5, null, "198.51.100.2", true);
        server.failNext("answer", 409, "{\"error\":\"unlock_not_allowed\",\"error_description\":\"locked permanently\"}",
                Map.of());

        Result result = run("ja\n", "--store", storeArg(), "watch");

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains("kan niet met de app worden ontgrendeld").contains("Uw account blijft geblokkeerd.")
                .doesNotContain("Uw account is ontgrendeld.");
    }

    @Test
    void watchUnlockInEnglish() {
        enrollAndConfirm();
        server.addUnlockChallenge("un-1", null, 5, null, "203.0.113.7", true);

        Result result = run("yes\n", "--store", storeArg(), "--lang", "en", "watch");

        assertThat(result.out()).contains("Unlock request: your account was locked permanently after 5 failed attempts")
                .contains("IP address:       203.0.113.7").contains("Unlock your account? (Yes/No)")
                .contains("Your account is unlocked. Your password has not changed.");
        assertThat(server.challengeResult("un-1")).isEqualTo("approved");
    }

    @Test
    void watchAsksAgainAfterAWrongNumberAndAfterAnUnclearAnswer() {
        enrollAndConfirm();
        server.addChallenge("ch-1", "42");

        Result result = run("misschien\nja\n17\n42\n", "--store", storeArg(), "watch");

        assertThat(result.out()).contains("Antwoord met Ja of Nee.").contains("Dat getal klopt niet. Nog 2 pogingen.");
        assertThat(server.challengeResult("ch-1")).isEqualTo("approved");
    }

    @Test
    void watchDeniesAndReports() {
        enrollAndConfirm();
        server.addChallenge("ch-1", "42");
        server.addChallenge("ch-2", "43");

        Result result = run("Nee\nj\nnee\nn\n", "--store", storeArg(), "watch");

        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains("Dit was ik niet").contains("Afgewezen en gemeld")
                .contains("Het inlogverzoek is afgewezen.");
        assertThat(server.challengeResult("ch-1")).isEqualTo("reported");
        assertThat(server.challengeResult("ch-2")).isEqualTo("denied");
        assertThat(server.received("answer")).allSatisfy(r -> assertThat(r.payload().has("number")).isFalse());
    }

    @Test
    void watchStopsAtEndOfInputWithoutAnswering() {
        enrollAndConfirm();
        assertThat(cli("--store", storeArg(), "watch").code()).isEqualTo(0);

        server.addChallenge("ch-1", "42");
        Result result = cli("--store", storeArg(), "watch");
        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains("Logt u in?");
        assertThat(server.challengeResult("ch-1")).isNull();
        assertThat(server.received("answer")).isEmpty();
    }

    @Test
    void watchSleepsRetryAfterOn429() {
        enrollAndConfirm();
        server.failNext("poll", 429, "{\"error\":\"too_many_waiters\"}", Map.of("Retry-After", "3"));
        server.addChallenge("ch-1", "42");

        Result result = run("ja\n42\n", "--store", storeArg(), "--lang", "en", "watch");

        assertThat(result.code()).isEqualTo(0);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        assertThat(result.out()).contains("trying again in 3 seconds").contains("Are you logging in? (Yes/No)");
        assertThat(server.challengeResult("ch-1")).isEqualTo("approved");
    }

    @Test
    void watchBeforeConfirmationFails() {
        assertThat(cli("--store", storeArg(), "enroll", server.newEnrollmentLink().toString()).code()).isEqualTo(0);
        Result result = cli("--store", storeArg(), "watch");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("nog niet bevestigd");
    }

    @Test
    void unlinkRemovesTheDeviceHereAndThere() throws Exception {
        enrollAndConfirm();
        String id = DeviceStore.load(store).deviceId();
        Result result = cli("--store", storeArg(), "unlink");
        assertThat(result.code()).isEqualTo(0);
        assertThat(result.out()).contains("De koppeling is verwijderd");
        assertThat(Files.exists(store)).isFalse();
        assertThat(server.deviceStatus(id)).isNull();
        assertThat(cli("--store", storeArg(), "status").code()).isEqualTo(1);
    }

    @Test
    void unknownCommandIsUsageErrorWithExitCode2() {
        Result result = cli("--store", storeArg(), "frobnicate");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("Onbekende opdracht: frobnicate").contains("Gebruik:").contains("watch");

        Result en = cli("--lang", "en", "frobnicate");
        assertThat(en.code()).isEqualTo(2);
        assertThat(en.err()).contains("Unknown command: frobnicate").contains("Usage:");
    }

    @Test
    void otherUsageErrors() {
        assertThat(cli().code()).isEqualTo(2);
        assertThat(cli("--store", storeArg(), "--auto-approve", "42", "watch").err()).contains("Onbekende optie");
        assertThat(cli("--store", storeArg(), "--auto-approve", "42", "watch").code()).isEqualTo(2);
        assertThat(cli("--lang", "de", "status").code()).isEqualTo(2);
        assertThat(cli("--store", storeArg(), "confirm").code()).isEqualTo(2);
        assertThat(cli("--store", storeArg(), "status", "extra").code()).isEqualTo(2);
        Result help = cli("--help");
        assertThat(help.code()).isEqualTo(0);
        assertThat(help.out()).contains("Gebruik:");
    }

    @Test
    void noDeviceAndNoServerAreClearFailures() throws Exception {
        Result none = cli("--store", storeArg(), "status");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("Er is geen gekoppeld apparaat");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DeviceStore.save(store, DeviceState.unenrolled(DeviceKeys.generate())
                .withBaseUrl(URI.create("http://127.0.0.1:" + port + "/realms/r/tweestap-device"))
                .withEnrollment("dev-1", "x", DeviceState.ACTIVE));
        Result offline = cli("--store", storeArg(), "status");
        assertThat(offline.code()).isEqualTo(1);
        assertThat(offline.err()).contains("De server is niet bereikbaar");

        Files.writeString(store, "{broken");
        Result broken = cli("--store", storeArg(), "status");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("Kan de apparaatgegevens");
    }
}
