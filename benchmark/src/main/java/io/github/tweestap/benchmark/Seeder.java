package io.github.tweestap.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.companion.CompanionClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds the users of every flow: a benchmark realm on Keycloak's built-in browser flow and stock theme (password +
 * conditional OTP), users with a password and an OTP secret in it and in the code-flow portals (partial import), and
 * for werkplek users whose phone is bound through the login page's QR link and the SMS code from the dev outbox, as
 * a person does.
 */
final class Seeder {

    static final String BENCH_REALM = "tweestap-bench";
    private static final Pattern QR_LINK = Pattern.compile("id=\"tweestap-enroll-link\">([^<]+)<");
    private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
    private static final Pattern WEB_OTP = Pattern.compile("\\n\\n@\\S+ #[0-9]+$");
    private static final Pattern LINK = Pattern.compile("https?://\\S+/tweestap-phone/verify\\?t=[A-Za-z0-9_-]+");

    private final BenchServer server;
    private final Http.Admin admin;
    private final SecureRandom random = new SecureRandom();

    Seeder(BenchServer server) {
        this.server = server;
        this.admin = new Http.Admin(server);
    }

    Http.Admin admin() {
        return admin;
    }

    /** The benchmark realm: defaults only (built-in "browser" flow, keycloak.v2 theme), brute force on like the portals. */
    void createBenchRealm() {
        ObjectNode realm = Http.JSON.createObjectNode();
        realm.put("realm", BENCH_REALM).put("enabled", true).put("bruteForceProtected", true);
        admin.expect("POST", "/admin/realms", realm, 201, 409);
    }

    Map<Flow, List<BenchUser>> seed(int perFlow, int phones) throws Exception {
        createBenchRealm();
        Map<Flow, List<BenchUser>> users = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            if (!flow.usesPhone()) {
                users.put(flow, importOtpUsers(flow, perFlow));
            }
        }
        raiseBindingQuotas();
        // Bindings are made as people make them (login page, QR link, SMS code): a few at a time.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Flow flow : List.of(Flow.WERKPLEK_PUSH, Flow.WERKPLEK_CODE)) {
                List<Future<BenchUser>> bound = new ArrayList<>();
                for (int i = 0; i < phones; i++) {
                    int n = i;
                    bound.add(pool.submit(() -> bindPhone(flow, n)));
                }
                List<BenchUser> list = new ArrayList<>();
                for (Future<BenchUser> f : bound) {
                    list.add(f.get());
                }
                users.put(flow, Collections.unmodifiableList(list));
            }
        } finally {
            pool.shutdownNow();
        }
        return users;
    }

    private List<BenchUser> importOtpUsers(Flow flow, int count) {
        String domain = flow == Flow.STORINGEN ? "nslogin.nl" : "bench.localhost";
        String password = "Bench-" + flow.name().toLowerCase() + "-Pw1!";
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("ifResourceExists", "SKIP");
        ArrayNode array = body.putArray("users");
        List<BenchUser> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = "bench" + i + "." + flow.name().toLowerCase().replace('_', '-') + "@" + domain;
            String secret = secret();
            ObjectNode user = array.addObject();
            user.put("username", username).put("email", username).put("emailVerified", true).put("enabled", true)
                    .put("firstName", "Bench").put("lastName", "Gebruiker " + i);
            ArrayNode credentials = user.putArray("credentials");
            credentials.addObject().put("type", "password").put("value", password).put("temporary", false);
            credentials.addObject().put("type", "otp").put("userLabel", "Benchmark")
                    .put("secretData", "{\"value\":\"" + secret + "\"}")
                    .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                            + "\"algorithm\":\"HmacSHA1\"}");
            result.add(new BenchUser(flow, username, password, secret, null));
        }
        admin.expect("POST", "/admin/realms/" + flow.realm + "/partialImport", body, 200);
        return Collections.unmodifiableList(result);
    }

    /** A werkplek user with a verified number whose phone (the companion library) is bound and active. */
    private BenchUser bindPhone(Flow flow, int n) {
        return bindPhone(flow, flow.name().toLowerCase().replace('_', '-'), flow == Flow.WERKPLEK_PUSH ? 1 : 2, n);
    }

    /**
     * The realm's SMS-pumping quotas (per client address and per realm per hour) would stop the seeding's hundreds of
     * bindings from one address: raised for the benchmark's server. They guard sending SMS, which the measured logins
     * do not do.
     */
    void raiseBindingQuotas() {
        // The binding SMS (device API /enroll) follows the number-verification action's SMS policy.
        String actionPath = "/admin/realms/werkplek/authentication/required-actions/tweestap-verify-phone/config";
        JsonNode current = admin.get(actionPath);
        ObjectNode action = current != null && current.isObject() ? (ObjectNode) current : Http.JSON.createObjectNode();
        ObjectNode values = action.has("config") && action.get("config").isObject() ? (ObjectNode) action.get("config")
                : action.putObject("config");
        values.put("tweestap.sms.quota.ipCount", "100000").put("tweestap.sms.quota.realmCount", "100000");
        admin.expect("PUT", actionPath, action, 204, 200);
        JsonNode executions = admin.get("/admin/realms/werkplek/authentication/flows/werkplek%20app%20forms/executions");
        for (JsonNode execution : executions) {
            if (execution.hasNonNull("authenticationConfig")) {
                String path = "/admin/realms/werkplek/authentication/config/" + execution.get("authenticationConfig").asText();
                ObjectNode config = (ObjectNode) admin.get(path);
                if ("werkplek push".equals(config.path("alias").asText())) {
                    ((ObjectNode) config.get("config")).put("tweestap.sms.quota.ipCount", "100000")
                            .put("tweestap.sms.quota.realmCount", "100000");
                    admin.expect("PUT", path, config, 204);
                    return;
                }
            }
        }
        throw new IllegalStateException("no authenticator config 'werkplek push' in werkplek");
    }

    /** Binds {@code count} phones (users {@code bench<i>.<tag>}, numbers +316<digit><i>), {@code threads} at a time. */
    List<BenchUser> bindPhones(String tag, int digit, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BenchUser>> bound = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                bound.add(pool.submit(() -> bindPhone(Flow.WERKPLEK_PUSH, tag, digit, n)));
            }
            List<BenchUser> list = new ArrayList<>();
            for (Future<BenchUser> f : bound) {
                list.add(f.get());
            }
            return list;
        } finally {
            pool.shutdownNow();
        }
    }

    private BenchUser bindPhone(Flow flow, String tag, int digit, int n) {
        String username = "bench" + n + "." + tag;
        String password = "Bench-werkplek-Pw1!";
        String number = "+316" + digit + String.format("%07d", n);
        ObjectNode user = Http.JSON.createObjectNode();
        user.put("username", username).put("enabled", true).put("email", username + "@bench.localhost")
                .put("emailVerified", true).put("firstName", "Bench").put("lastName", "Werkplek " + n);
        user.putObject("attributes").putArray("phoneNumber").add(number);
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        Http.Answer created = admin.expect("POST", "/admin/realms/werkplek/users", user, 201);
        String id = created.location().substring(created.location().lastIndexOf('/') + 1);
        attestPhone(id, number);
        // Each binding "from" its own address: the realm's per-address SMS quota is for real traffic.
        String address = "127." + digit + "." + (n / 250) + "." + (n % 250 + 1);
        Http.Browser browser = new Http.Browser(address);
        Http.Page page = browser.get(Http.authUrl(server.realmUrl("werkplek")));
        page = browser.submit(page, "kc-form-login", Map.of("username", username, "password", password, "credentialId", ""));
        Matcher link = QR_LINK.matcher(page.html());
        if (!link.find()) {
            throw new IllegalStateException("no binding QR link for " + username + ":\n" + page.html());
        }
        CompanionClient phone = new CompanionClient();
        phone.enroll(URI.create(link.group(1).replace("&amp;", "&")), "Benchmark " + n);
        phone.confirm(awaitCode(number));
        return new BenchUser(flow, username, password, null, phone);
    }

    private void attestPhone(String userId, String number) {
        Http.Answer answer = admin.call("PUT", "/admin/realms/werkplek/tweestap-sms/users/" + userId + "/phone-number",
                Map.of("phoneNumber", number));
        if (answer.status() == 200) {
            return;
        }
        if (answer.status() != 202) {
            throw new IllegalStateException("register phone: " + answer.status() + " " + answer.body());
        }
        String link = await(() -> {
            for (JsonNode sms : smsTo(answer.json().path("phoneNumber").asText())) {
                Matcher m = LINK.matcher(sms.path("text").asText());
                if (m.find()) {
                    return m.group();
                }
            }
            return null;
        }, "verification link to " + number);
        String token = link.substring(link.indexOf("?t=") + 3);
        var response = Http.send(HttpRequest.newBuilder(URI.create(link.substring(0, link.indexOf('?'))
                        .replace("localhost", "127.0.0.1")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("t=" + token)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("confirm phone link: " + response.statusCode() + " " + response.body());
        }
    }

    private String awaitCode(String number) {
        return await(() -> {
            for (JsonNode sms : smsTo(number)) {
                String text = sms.path("text").asText();
                if (WEB_OTP.matcher(text).find()) {
                    Matcher m = SIX_DIGITS.matcher(text);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            return null;
        }, "binding code to " + number);
    }

    private List<JsonNode> smsTo(String number) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode entry : Http.parse(Http.getString(server.realmUrl("werkplek") + "/tweestap-outbox/messages"))) {
            if ("sms".equals(entry.path("channel").asText()) && number.equals(entry.path("to").asText())) {
                result.add(entry);
            }
        }
        return result;
    }

    private static String await(java.util.function.Supplier<String> supplier, String what) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String value = supplier.get();
            if (value != null) {
                return value;
            }
            BenchServer.sleep(200);
        }
        throw new IllegalStateException("no " + what + " in the dev outbox");
    }

    /** A 20-character secret as Keycloak stores one (letters and digits). */
    private String secret() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
