package io.github.tweestap.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the dev outbox of a realm through its JSON endpoint, as a person would read its page. */
public final class Outbox {

    private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
    private static final Pattern WEB_OTP = Pattern.compile("\\n\\n@\\S+ #[0-9]+$");
    private static final Pattern LINK = Pattern.compile("https?://\\S+/tweestap-phone/verify\\?t=[A-Za-z0-9_-]+");

    /** How long to wait for a message (the load benchmark's seeding on a busy server needs longer). */
    private static final long AWAIT_SECONDS = Long.getLong("tweestap.outbox.awaitSeconds", 15);

    private final KeycloakServer server;
    /**
     * HTTP/1.1, as a browser speaks to an http:// server: with Java's default (an h2c upgrade on every new connection)
     * a large outbox answer was misread as an HTTP/2 frame ("Frame type(101) length(7882335) exceeds MAX_FRAME_SIZE")
     * when the benchmark had bound a few thousand phones.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public Outbox(KeycloakServer server) {
        this.server = server;
    }

    /** Every SMS to this number, newest first. */
    public List<JsonNode> smsTo(String realm, String number) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode entry : all(realm)) {
            if ("sms".equals(entry.path("channel").asText()) && number.equals(entry.path("to").asText())) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Every SMS with a one-time code (the ones ending in the WebOTP line) to this number, newest first. */
    public List<JsonNode> codesTo(String realm, String number) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode entry : smsTo(realm, number)) {
            if (WEB_OTP.matcher(entry.path("text").asText()).find()) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Waits until at least {@code count} code SMS were sent to the number; returns the code of the newest. */
    public String awaitCode(String realm, String number, int count) {
        Instant deadline = Instant.now().plusSeconds(AWAIT_SECONDS);
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> sms = codesTo(realm, number);
            if (sms.size() >= count) {
                return codeIn(sms.get(0).path("text").asText());
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no code SMS number " + count + " to " + number + " in the outbox of " + realm);
    }

    /** The newest verification link sent to the number. */
    public String awaitLink(String realm, String number) {
        Instant deadline = Instant.now().plusSeconds(AWAIT_SECONDS);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode entry : smsTo(realm, number)) {
                Matcher link = LINK.matcher(entry.path("text").asText());
                if (link.find()) {
                    return link.group();
                }
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no verification link to " + number + " in the outbox of " + realm);
    }

    public static String codeIn(String text) {
        Matcher m = SIX_DIGITS.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no 6-digit code in: " + text);
        }
        return m.group(1);
    }

    public List<JsonNode> all(String realm) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + "/tweestap-outbox/messages"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("outbox answered " + response.statusCode());
            }
            List<JsonNode> entries = new ArrayList<>();
            AdminApi.JSON.readTree(response.body()).forEach(entries::add);
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
