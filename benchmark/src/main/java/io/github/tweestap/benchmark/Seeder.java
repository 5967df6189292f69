package io.github.tweestap.benchmark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.it.support.AdminApi;
import io.github.tweestap.it.support.FormClient;
import io.github.tweestap.it.support.KeycloakServer;
import io.github.tweestap.it.support.Outbox;
import java.net.URI;
import java.security.SecureRandom;
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

    private final KeycloakServer server;
    private final AdminApi admin;
    private final Outbox outbox;
    private final SecureRandom random = new SecureRandom();

    Seeder(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
        this.outbox = new Outbox(server);
    }

    AdminApi admin() {
        return admin;
    }

    /** The benchmark realm: defaults only (built-in "browser" flow, keycloak.v2 theme), brute force on like the portals. */
    void createBenchRealm() {
        ObjectNode realm = AdminApi.JSON.createObjectNode();
        realm.put("realm", BENCH_REALM).put("enabled", true).put("bruteForceProtected", true);
        int status = admin.status("POST", "/admin/realms", realm);
        if (status != 201 && status != 409) {
            throw new IllegalStateException("create realm " + BENCH_REALM + ": " + status);
        }
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
        List<BenchUser> result = new ArrayList<>();
        // A few dozen at a time: each user's password is hashed at the import (Argon2), and a request has 30 s.
        for (int from = 0; from < count; from += 25) {
            result.addAll(importOtpUsers(flow, from, Math.min(count, from + 25)));
        }
        return Collections.unmodifiableList(result);
    }

    private List<BenchUser> importOtpUsers(Flow flow, int from, int to) {
        String domain = flow == Flow.STORINGEN ? "nslogin.nl" : "bench.localhost";
        String password = "Bench-" + flow.name().toLowerCase() + "-Pw1!";
        ObjectNode body = AdminApi.JSON.createObjectNode();
        body.put("ifResourceExists", "SKIP");
        ArrayNode array = body.putArray("users");
        List<BenchUser> result = new ArrayList<>();
        for (int i = from; i < to; i++) {
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
        AdminApi.Answer answer = admin.postForAnswer("/admin/realms/" + flow.realm + "/partialImport", body);
        if (answer.status() != 200) {
            throw new IllegalStateException("partial import into " + flow.realm + ": " + answer.status() + " " + answer.body());
        }
        return result;
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
        ObjectNode action = admin.requiredActionConfig("werkplek", "tweestap-verify-phone");
        ObjectNode values = action.has("config") && action.get("config").isObject() ? (ObjectNode) action.get("config")
                : action.putObject("config");
        values.put("tweestap.sms.quota.ipCount", "100000").put("tweestap.sms.quota.realmCount", "100000");
        admin.updateRequiredActionConfig("werkplek", "tweestap-verify-phone", action);
        ObjectNode config = admin.authenticatorConfig("werkplek", "werkplek app forms", "werkplek push");
        ((ObjectNode) config.get("config")).put("tweestap.sms.quota.ipCount", "100000")
                .put("tweestap.sms.quota.realmCount", "100000");
        admin.updateAuthenticatorConfig("werkplek", config);
    }

    /**
     * The time to answer a push (werkplek: 120 s) counts from each login's own start. The waiters part first brings all
     * N pages to the wait (N password logins, Argon2 on 2 cores: minutes for 1,000) and only then approves them all at
     * once, which no real person's login waits for; so that the first pages' pushes are still open when the last
     * page waits, the benchmark's server gets a longer time to answer. Expired pushes would otherwise be counted as
     * lost logins.
     */
    void raiseChallengeTtl(int seconds) {
        ObjectNode config = admin.authenticatorConfig("werkplek", "werkplek app forms", "werkplek push");
        ((ObjectNode) config.get("config")).put("tweestap.push.challengeTtlSeconds", Integer.toString(seconds));
        admin.updateAuthenticatorConfig("werkplek", config);
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
        // The user with a mobile number the pack's admin API registered and its owner confirmed by the SMS link.
        admin.createUser("werkplek", username, password, number);
        // Each binding "from" its own address: the realm's per-address SMS quota is for real traffic.
        String address = "127." + digit + "." + (n / 250) + "." + (n % 250 + 1);
        FormClient browser = new FormClient().from(address);
        FormClient.Page page = browser.login(server, "werkplek", username, password);
        Matcher link = QR_LINK.matcher(page.html());
        if (!link.find()) {
            throw new IllegalStateException("no binding QR link for " + username + ":\n" + page.html());
        }
        CompanionClient phone = new CompanionClient();
        phone.enroll(URI.create(link.group(1).replace("&amp;", "&")), "Benchmark " + n);
        phone.confirm(outbox.awaitCode("werkplek", number, 1));
        return new BenchUser(flow, username, password, null, phone);
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
