package io.github.tweestap.device;

import io.github.tweestap.account.PasswordExpiry;
import io.github.tweestap.sms.PhonePolicy;
import io.github.tweestap.sms.SmsCodeAuthenticator;
import io.github.tweestap.sms.SmsDispatcher;
import io.github.tweestap.sms.SmsPolicySettings;
import io.github.tweestap.sms.SmsTexts;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.HtmlPage;
import io.github.tweestap.support.KeycloakCompat;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.SecureCodes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The device API ({@code /realms/<realm>/tweestap-device}, see companion/PROTOCOL.md) and the two small endpoints
 * the login page's script long-polls. Device requests are compact JWS signed by the device key; every request is
 * checked for signature, endpoint, age and replay before anything else happens.
 *
 * <p>Long-polls register their waiter first and then look at the state, so a wake-up cannot slip in between. All
 * model work happens in short sessions of their own ({@link KeycloakModelUtils#runJobInTransactionWithResult}),
 * committed before the wait starts: no database connection is held while a request waits.
 */
public final class DeviceResource {

    static final String JOSE = "application/jose";
    static final int MAX_WAIT = 20;

    private final KeycloakSession session;
    private final DeviceRuntime runtime;

    DeviceResource(KeycloakSession session, DeviceRuntime runtime) {
        this.session = session;
        this.runtime = runtime;
    }

    // ---------------------------------------------------------------- device endpoints

    @POST
    @Path("enroll")
    @Consumes(JOSE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enroll(String body) {
        RealmModel realm = realm();
        if (!DeviceJws.joseContentType(contentType())) {
            return unsupportedMediaType();
        }
        DeviceJws jws = DeviceJws.parse(body);
        if (jws == null) {
            return error(400, "invalid_request", "The body must be a compact ES256 JWS.");
        }
        Map<String, String> jwk = jws.embeddedJwk();
        if (jwk == null || !jws.verify(jwk)) {
            return error(401, "invalid_signature", "The request is not signed by the key it carries.");
        }
        Response refused = checkEnvelope(session, realm, jws, "enroll", "enroll." + jwk.get("x"), DeviceSettings.of(realm));
        if (refused != null) {
            return refused;
        }
        String name = jws.text("name");
        if (name == null || name.isBlank() || name.length() > 64) {
            return error(400, "invalid_request", "name must be 1 to 64 characters.");
        }
        Map<String, String> push = jws.object("push");
        if (push != null && !validSubscription(push)) {
            return error(400, "invalid_request", "push must be a Web Push subscription with an https endpoint.");
        }
        EnrollmentTokens.Claim claim = EnrollmentTokens.verify(session, realm, jws.text("token"));
        UserModel user = claim == null ? null : session.users().getUserById(realm, claim.userId());
        EventBuilder event = event(realm, "device_enroll");
        if (user == null || !user.isEnabled()) {
            event.error("tweestap_enrollment_token_invalid");
            return error(400, "invalid_token", "The QR code is not valid (expired, already used or not from this server).");
        }
        event.user(user);
        SmsPolicySettings policy = smsPolicy(realm);
        VerifiedPhone.Lookup phone = VerifiedPhone.of(user, policy.phonePolicy());
        if (!phone.ok()) {
            event.error("tweestap_no_verified_phone");
            return error(400, "no_phone", "The account has no verified mobile number to confirm the binding with.");
        }
        if (!EnrollmentTokens.consume(session, claim)) {
            event.error("tweestap_enrollment_token_used");
            return error(400, "invalid_token", "The QR code is not valid (expired, already used or not from this server).");
        }
        // Earlier bindings that were never confirmed are dropped; an active one stays until this one is confirmed.
        Devices.all(user).stream().filter(d -> !d.active()).forEach(Devices::remove);
        Devices.Device device = Devices.createPending(user, name.trim(), jwk, claim.jti(), push, clientIp());
        DeviceSettings settings = DeviceSettings.of(realm);
        BindingCodes.Issued issued = BindingCodes.issue(session, realm, device, settings, runtime.codes());
        // In the app's scope (it goes on to this resource's link page): an installed app may open it (AppResource).
        String link = realmUrl() + "/tweestap-app/link?t=" + issued.linkToken();
        LocalizedMessages msg = LocalizedMessages.forUser(session, realm, user);
        String text = SmsTexts.webOtp(msg.get("tweestapDeviceBindSms", issued.code(), link,
                Math.max(1, settings.bindCodeTtl() / 60)), session.getContext().getUri().getBaseUri().getHost(), issued.code());
        SmsDispatcher.Outcome outcome = new SmsDispatcher(session, policy)
                .send(realm, user, clientIp(), phone.e164(), text, List.of(issued.code(), issued.linkToken()));
        if (outcome != SmsDispatcher.Outcome.SENT) {
            Devices.remove(device);
            event.detail(SmsCodeAuthenticator.DETAIL_REASON, outcome.name()).error("tweestap_sms_not_sent");
            return error(outcome.overQuota() ? 429 : 503, outcome.overQuota() ? "too_many_requests" : "sms_failed",
                    "The SMS with the confirmation code could not be sent. Try again later.");
        }
        event.detail("tweestap_device", device.id()).success();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deviceId", device.id());
        answer.put("status", Devices.PENDING);
        answer.put("phoneHint", VerifiedPhone.masked(phone.e164()));
        answer.put("codeLength", BindingCodes.LENGTH);
        answer.put("codeExpiresIn", settings.bindCodeTtl());
        return Response.status(201).entity(answer).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("confirm")
    @Consumes(JOSE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response confirm(String body) {
        Verified request = verify(body, "confirm", false);
        if (request.refusal() != null) {
            return request.refusal();
        }
        Devices.Device device = request.device();
        RealmModel realm = realm();
        if (device.active()) {
            return activeAnswer(device, false);
        }
        String code = request.jws().text("code");
        if (code == null || SecureCodes.normaliseTyped(code) == null) {
            return error(400, "invalid_request", "code is missing.");
        }
        EventBuilder event = event(realm, "device_confirm").user(device.user()).detail("tweestap_device", device.id());
        if (org.keycloak.authentication.authenticators.util.AuthenticatorUtils.getDisabledByBruteForceEventError(
                session.getProvider(org.keycloak.services.managers.BruteForceProtector.class), session, realm,
                device.user()) != null) {
            // Locked out: nothing is checked, and the answer is that of a wrong code (as Keycloak's own forms).
            event.error("user_temporarily_disabled");
            return error(400, "invalid_code", "The code is not correct.");
        }
        BindingCodes.Check check = BindingCodes.check(session, realm, device, code, request.settings());
        switch (check.result()) {
            case OK -> {
                DeviceActivation.activate(session, realm, device, runtime);
                event.success();
                return activeAnswer(device, true);
            }
            case WRONG -> {
                event.error("tweestap_binding_code_wrong");
                runtime.bruteForce().failed(session, realm, device.user());
                return error(400, "invalid_code", "The code is not correct.", Map.of("attemptsLeft", check.attemptsLeft()));
            }
            case EXPIRED -> {
                event.error("tweestap_binding_code_expired");
                return error(410, "code_expired", "The code has expired; scan a new QR code.");
            }
            default -> {
                event.error("tweestap_binding_code_void");
                return error(410, "code_expired", "There is no valid code; scan a new QR code.");
            }
        }
    }

    @POST
    @Path("status")
    @Consumes(JOSE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(String body) {
        Verified request = verify(body, "status", false);
        if (request.refusal() != null) {
            return request.refusal();
        }
        Devices.Device device = request.device();
        if (device.active()) {
            return activeAnswer(device, !"true".equals(device.text("totpDelivered")));
        }
        return json(200, Map.of("status", Devices.PENDING, "username", device.user().getUsername()));
    }

    @POST
    @Path("poll")
    @Consumes(JOSE)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> poll(String body) {
        return KeycloakCompat.answerLater(session, pollFor(body));
    }

    private CompletionStage<Response> pollFor(String body) {
        // Everything that touches the database happens in a short session of its own, committed before the wait.
        String realmId = realm().getId();
        Verified request = KeycloakModelUtils.runJobInTransactionWithResult(factory(), s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            s.getContext().setRealm(realm);
            Verified verified = verify(s, realm, body, "poll", true);
            return verified.refusal() != null ? verified
                    : new Verified(verified.jws(), null, verified.settings(), null, verified.device().id());
        });
        if (request.refusal() != null) {
            return CompletableFuture.completedFuture(request.refusal());
        }
        Long wait = request.jws().number("wait");
        int seconds = wait == null ? 0 : (int) Math.max(0, Math.min(MAX_WAIT, wait));
        String deviceId = request.deviceId();
        String key = "user:" + deviceId.substring(0, deviceId.indexOf('.'));
        CompletableFuture<Boolean> waiter = seconds == 0 ? null : runtime.waiters().register(key);
        if (seconds > 0 && waiter == null) {
            return CompletableFuture.completedFuture(Response.status(429).header("Retry-After", "5")
                    .entity(Map.of("error", "too_many_waiters", "error_description", "The server is busy; poll again later."))
                    .type(MediaType.APPLICATION_JSON).build());
        }
        List<Map<String, Object>> now;
        try {
            now = openChallenges(realmId, deviceId);
        } catch (RuntimeException e) {
            if (waiter != null) {
                runtime.waiters().release(key, waiter);
            }
            throw e;
        }
        if (!now.isEmpty() || waiter == null) {
            if (waiter != null) {
                runtime.waiters().release(key, waiter);
            }
            return CompletableFuture.completedFuture(json(200, Map.of("challenges", now)));
        }
        // The second look runs on a worker of its own, not on the timer or cluster-listener thread that wakes it.
        return waiter.completeOnTimeout(Boolean.FALSE, seconds, TimeUnit.SECONDS).handleAsync((woken, failure) -> {
            runtime.waiters().release(key, waiter);
            return json(200, Map.of("challenges", openChallenges(realmId, deviceId)));
        }, executor());
    }

    @POST
    @Path("answer")
    @Consumes(JOSE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response answer(String body) {
        Verified request = verify(body, "answer", true);
        if (request.refusal() != null) {
            return request.refusal();
        }
        DeviceJws jws = request.jws();
        Boolean approve = jws.bool("approve");
        String id = jws.text("challenge");
        if (approve == null || id == null) {
            return error(400, "invalid_request", "challenge and approve are required.");
        }
        boolean report = Boolean.TRUE.equals(jws.bool("report")) && !approve;
        RealmModel realm = realm();
        Devices.Device device = request.device();
        Challenges.Answer answer = new Challenges(session).answer(device, id, approve, jws.text("number"), report,
                request.settings());
        EventBuilder event = event(realm, "push_answer").user(device.user()).detail("tweestap_device", device.id())
                .detail("tweestap_challenge", id);
        if (answer.challenge() != null) {
            event.detail("tweestap_type", answer.challenge().get("type"));
        }
        switch (answer.outcome()) {
            case UNKNOWN -> {
                return error(404, "unknown_challenge", "There is no such challenge for this device.");
            }
            case CLOSED -> {
                return error(409, "challenge_closed", "The challenge was already answered or has expired.");
            }
            case WRONG_NUMBER -> {
                event.detail(SmsCodeAuthenticator.DETAIL_REASON, "wrong_number").error("tweestap_push_wrong_number");
                runtime.bruteForce().failed(session, realm, device.user());
                if (answer.attemptsLeft() == 0) {
                    runtime.wakeAfterCommit(session, "challenge:" + id);
                }
                return error(400, "wrong_number", "That is not the number on the login page.",
                        Map.of("attemptsLeft", answer.attemptsLeft()));
            }
            case APPROVED -> event.detail("tweestap_answer", "approved").success();
            case DENIED -> event.detail("tweestap_answer", "denied").error("tweestap_push_denied");
            case REPORTED -> event.detail("tweestap_answer", "reported").detail("tweestap_muted_seconds",
                    Integer.toString(request.settings().muteSeconds())).error("tweestap_push_reported");
            default -> throw new IllegalStateException();
        }
        if (Unlocks.TYPE.equals(answer.challenge().get("type"))) {
            if (answer.outcome() == Challenges.Outcome.APPROVED
                    && !Unlocks.approved(session, realm, device.user(), answer.challenge())) {
                // The lockout became permanent, or the realm stopped allowing that, after the request was sent: the
                // phone is told the account is still locked, not "approved".
                runtime.wakeAfterCommit(session, "challenge:" + id);
                return error(409, "unlock_not_allowed",
                        "The account is locked permanently and only an administrator can unlock it.");
            } else if (answer.outcome() == Challenges.Outcome.REPORTED) {
                Unlocks.reported(session, realm, device.user(), answer.challenge());
            }
        }
        if (answer.outcome() == Challenges.Outcome.REPORTED) {
            // "Dit was ik niet" mutes pushes: every login page still waiting for this user hears it now.
            for (String other : new Challenges(session).closeOtherLogins(device.user().getId(), id, Challenges.REPORTED,
                    request.settings())) {
                runtime.wakeAfterCommit(session, "challenge:" + other);
            }
        }
        runtime.wakeAfterCommit(session, "challenge:" + id);
        return json(200, Map.of("result", answer.outcome().name().toLowerCase(java.util.Locale.ROOT)));
    }

    @POST
    @Path("unlink")
    @Consumes(JOSE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlink(String body) {
        Verified request = verify(body, "unlink", false);
        if (request.refusal() != null) {
            return request.refusal();
        }
        Devices.Device device = request.device();
        Devices.remove(device);
        event(realm(), "device_unlink").event(EventType.REMOVE_CREDENTIAL).user(device.user())
                .detail("credential_type", Devices.TYPE).detail("tweestap_device", device.id()).success();
        return json(200, Map.of("result", "unlinked"));
    }

    @POST
    @Path("profile")
    @Consumes(JOSE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response profile(String body) {
        Verified request = verify(body, "profile", true);
        if (request.refusal() != null) {
            return request.refusal();
        }
        RealmModel realm = realm();
        UserModel user = request.device().user();
        PasswordExpiry expiry = PasswordExpiry.of(session, realm, user);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", user.getUsername());
        answer.put("firstName", user.getFirstName());
        answer.put("lastName", user.getLastName());
        answer.put("email", user.getEmail());
        answer.put("realm", realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
                : realm.getDisplayName());
        answer.put("passwordExpiresInDays", expiry == null ? null : expiry.daysLeft());
        answer.put("passwordExpiresAt", expiry == null ? null : Instant.ofEpochMilli(expiry.expiresAtMillis()).toString());
        return json(200, answer);
    }

    // ---------------------------------------------------------------- the QR code's link opened in a browser

    /** The phone's camera app opened the QR code's link: the realm's web app takes it over (it posts /enroll). */
    @GET
    @Path("enroll")
    public Response enrollLinkOpened(@QueryParam("token") String token) {
        return io.github.tweestap.device.app.AppLinks.openInApp(session, token);
    }

    // ---------------------------------------------------------------- SMS link (opened on the phone)

    @GET
    @Path("link")
    @Produces(MediaType.TEXT_HTML)
    public Response linkPage(@QueryParam("t") String token) {
        RealmModel realm = realm();
        LocalizedMessages msg = LocalizedMessages.load(session, realm, session.getContext().resolveLocale(null));
        BindingCodes.LinkClaim claim = BindingCodes.peekLink(session, realm, token);
        if (claim == null) {
            return page(msg, 404, "<p id=\"tweestap-link-invalid\">" + HtmlPage.escape(msg.get("tweestapDeviceLinkInvalid")) + "</p>");
        }
        Devices.Device device = Devices.find(session, realm, claim.deviceId());
        if (device != null && device.active()) {
            return usedLinkPage(msg);
        }
        String details = "";
        if (device != null) {
            // Which phone asks, when and from where: a user talked into opening someone else's link can see it.
            String when = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM)
                    .withLocale(msg.locale()).withZone(java.time.ZoneId.systemDefault())
                    .format(Instant.ofEpochMilli(device.credential().getCreatedDate()));
            details = "<p id=\"tweestap-link-device\">" + HtmlPage.escape(msg.get("tweestapDeviceLinkDetails", device.name(),
                    when, device.text("enrollIp") == null ? "?" : device.text("enrollIp"))) + "</p><p>"
                    + HtmlPage.escape(msg.get("tweestapDeviceLinkNotYou")) + "</p>";
        }
        return page(msg, 200, "<p>" + HtmlPage.escape(msg.get("tweestapDeviceLinkQuestion")) + "</p>" + details
                + "<form method=\"post\" action=\"link\"><input type=\"hidden\" name=\"t\" value=\"" + HtmlPage.escape(token)
                + "\"><button id=\"tweestap-link-confirm\" type=\"submit\">" + HtmlPage.escape(msg.get("tweestapDeviceLinkConfirm"))
                + "</button></form>");
    }

    @POST
    @Path("link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response linkConfirm(@FormParam("t") String token) {
        RealmModel realm = realm();
        LocalizedMessages msg = LocalizedMessages.load(session, realm, session.getContext().resolveLocale(null));
        BindingCodes.LinkClaim claim = BindingCodes.consumeLink(session, realm, token);
        Devices.Device device = claim == null ? null : Devices.find(session, realm, claim.deviceId());
        if (device == null) {
            event(realm, "device_confirm_link").error("tweestap_binding_link_invalid");
            return page(msg, 404, "<p id=\"tweestap-link-invalid\">" + HtmlPage.escape(msg.get("tweestapDeviceLinkInvalid")) + "</p>");
        }
        if (device.active()) {
            // Confirmed already (by the code in the app): the link was not what did it; say so.
            return usedLinkPage(msg);
        }
        BindingCodes.clear(session, device);
        DeviceActivation.activate(session, realm, device, runtime);
        event(realm, "device_confirm_link").user(device.user()).detail("tweestap_device", device.id()).success();
        return page(msg, 200, "<p id=\"tweestap-link-done\">" + HtmlPage.escape(msg.get("tweestapDeviceLinkDone")) + "</p>");
    }

    /** The binding this link was for is active already: nothing to confirm any more. */
    private Response usedLinkPage(LocalizedMessages msg) {
        return page(msg, 200, "<p id=\"tweestap-link-used\">" + HtmlPage.escape(msg.get("tweestapDeviceLinkUsed")) + "</p>");
    }

    // ---------------------------------------------------------------- the login page's long-polls

    /** {@code {"done":true}} as soon as the challenge is answered or closed; {@code false} after at most 20 s. */
    @GET
    @Path("browser/challenge")
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> browserChallenge(@QueryParam("c") String id, @QueryParam("k") String browserKey) {
        String realmId = realm().getId();
        String key = "challenge:" + id;
        return browserWait(key, () -> KeycloakModelUtils.runJobInTransactionWithResult(factory(), s -> {
            Challenges.Challenge challenge = new Challenges(s).get(id);
            if (challenge == null || !Challenges.browserKeyMatches(challenge, browserKey)) {
                return null;
            }
            return !challenge.open();
        }));
    }

    /** {@code {"done":true}} as soon as the binding started from this page is confirmed. */
    @GET
    @Path("browser/enrollment")
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> browserEnrollment(@QueryParam("e") String jti, @QueryParam("k") String browserKey) {
        String key = "enroll:" + jti;
        return browserWait(key, () -> KeycloakModelUtils.runJobInTransactionWithResult(factory(), s -> {
            Map<String, String> watch = jti == null ? null
                    : s.getProvider(SingleUseObjectProvider.class).get(DeviceActivation.WATCH + jti);
            if (watch == null || browserKey == null || !java.security.MessageDigest.isEqual(
                    watch.getOrDefault("bk", "").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    Challenges.digest(browserKey).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return null;
            }
            return "1".equals(watch.get("done"));
        }));
    }

    private CompletionStage<Response> browserWait(String key, java.util.function.Supplier<Boolean> state) {
        return KeycloakCompat.answerLater(session, browserWaitFor(key, state));
    }

    private CompletionStage<Response> browserWaitFor(String key, java.util.function.Supplier<Boolean> state) {
        CompletableFuture<Boolean> waiter = runtime.waiters().register(key);
        if (waiter == null) {
            return CompletableFuture.completedFuture(Response.status(429).header("Retry-After", "5")
                    .entity(Map.of("error", "too_many_waiters")).type(MediaType.APPLICATION_JSON).build());
        }
        Boolean done;
        try {
            done = state.get();
        } catch (RuntimeException e) {
            runtime.waiters().release(key, waiter);
            throw e;
        }
        if (done == null || done) {
            runtime.waiters().release(key, waiter);
            return CompletableFuture.completedFuture(done == null ? error(404, "unknown", "Unknown or not yours.")
                    : json(200, Map.of("done", true)));
        }
        return waiter.completeOnTimeout(Boolean.FALSE, MAX_WAIT, TimeUnit.SECONDS).handle((woken, failure) -> {
            runtime.waiters().release(key, waiter);
            return json(200, Map.of("done", Boolean.TRUE.equals(woken)));
        });
    }

    // ---------------------------------------------------------------- helpers

    record Verified(DeviceJws jws, Devices.Device device, DeviceSettings settings, Response refusal, String deviceId) {
        Verified(DeviceJws jws, Devices.Device device, DeviceSettings settings, Response refusal) {
            this(jws, device, settings, refusal, device == null ? null : device.id());
        }
    }

    /** Checks a device request: JWS form, device, signature, endpoint, age, replay, and (if asked) that it is active. */
    private Verified verify(String body, String endpoint, boolean mustBeActive) {
        return verify(session, realm(), body, endpoint, mustBeActive);
    }

    private Verified verify(KeycloakSession s, RealmModel realm, String body, String endpoint, boolean mustBeActive) {
        if (!DeviceJws.joseContentType(contentType())) {
            return refused(unsupportedMediaType());
        }
        DeviceJws jws = DeviceJws.parse(body);
        if (jws == null) {
            return refused(error(400, "invalid_request", "The body must be a compact ES256 JWS."));
        }
        Devices.Device device = Devices.find(s, realm, jws.kid());
        if (device == null) {
            return refused(error(401, "unknown_device", "This device is not bound (any more)."));
        }
        if (!jws.verify(device.jwk())) {
            event(s, realm, "device_request").user(device.user()).detail("tweestap_device", device.id())
                    .error("tweestap_device_signature_invalid");
            return refused(error(401, "invalid_signature", "The request is not signed by this device's key."));
        }
        DeviceSettings settings = DeviceSettings.of(realm);
        Response envelope = checkEnvelope(s, realm, jws, endpoint, device.id(), settings);
        if (envelope != null) {
            event(s, realm, "device_request").user(device.user()).detail("tweestap_device", device.id())
                    .error("tweestap_device_request_refused");
            return refused(envelope);
        }
        if (mustBeActive && !device.active()) {
            return refused(error(403, "device_not_active", "Confirm the binding with the SMS code first."));
        }
        if (!device.user().isEnabled() && !s.getProvider(org.keycloak.services.managers.BruteForceProtector.class)
                .isPermanentlyLockedOut(s, realm, device.user())) {
            // Disabled by an administrator. (A permanent lockout also disables the user, but then the app must
            // still be able to receive and answer the unlock request.)
            return refused(error(403, "device_not_active", "The account is disabled."));
        }
        return new Verified(jws, device, settings, null);
    }

    private static Verified refused(Response response) {
        return new Verified(null, null, null, response);
    }

    /**
     * htm/htu name this endpoint at the realm's own frontend URL (scheme, host, port and path, as Keycloak computes
     * it for this request: its hostname settings, or the proxy headers it is told to trust), iat is fresh, jti is new
     * (consumed atomically, cluster-wide).
     */
    private Response checkEnvelope(KeycloakSession s, RealmModel realm, DeviceJws jws, String endpoint,
            String replayScope, DeviceSettings settings) {
        String htu = jws.text("htu");
        // Always the request's own session: a long-poll checks its envelope in a session without a request.
        java.net.URI expected = java.net.URI.create(realmUrl() + "/tweestap-device/" + endpoint);
        if (!"POST".equals(jws.text("htm")) || !DeviceJws.sameEndpoint(htu, expected)) {
            return error(401, "invalid_signature", "The request was signed for another endpoint.");
        }
        Long iat = jws.number("iat");
        long now = Time.currentTime();
        if (iat == null || Math.abs(now - iat) > settings.clockSkew()) {
            return error(401, "stale_request", "The request's time (iat) is too far from the server's clock.");
        }
        String jti = jws.text("jti");
        if (jti == null || jti.length() < 16 || jti.length() > 128) {
            return error(400, "invalid_request", "jti must be 16 to 128 characters.");
        }
        boolean fresh = s.getProvider(SingleUseObjectProvider.class).putIfAbsent(
                "tweestap.device.jti." + EnrollmentTokens.digest(replayScope + "|" + jti), 2L * settings.clockSkew() + 5);
        if (!fresh) {
            return error(401, "replayed_request", "This request was sent before.");
        }
        return null;
    }

    /** A Web Push subscription as a device may register it: an https endpoint (no credentials), and its keys. */
    static boolean validSubscription(Map<String, String> push) {
        String endpoint = push.get("endpoint");
        String p256dh = push.get("p256dh");
        String auth = push.get("auth");
        if (endpoint == null || p256dh == null || auth == null || endpoint.length() > 1024
                || !p256dh.matches("[A-Za-z0-9_-]{80,100}") || !auth.matches("[A-Za-z0-9_-]{16,32}")) {
            return false;
        }
        try {
            java.net.URI uri = java.net.URI.create(endpoint);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String contentType() {
        return session.getContext().getRequestHeaders().getHeaderString(jakarta.ws.rs.core.HttpHeaders.CONTENT_TYPE);
    }

    private static Response unsupportedMediaType() {
        return error(415, "unsupported_media_type", "The body must be sent as Content-Type: application/jose.");
    }

    private Response activeAnswer(Devices.Device device, boolean withSecret) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", Devices.ACTIVE);
        answer.put("username", device.user().getUsername());
        if (withSecret) {
            Map<String, Object> totp = DeviceActivation.totpParameters(session, realm(), device);
            if (totp != null) {
                answer.put("totp", totp);
                device.save(Map.of("totpDelivered", "true"));
            }
        }
        return json(200, answer);
    }

    private List<Map<String, Object>> openChallenges(String realmId, String deviceId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory(), s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            s.getContext().setRealm(realm);
            Devices.Device device = Devices.find(s, realm, deviceId);
            if (device == null || !device.active()) {
                return List.<Map<String, Object>>of();
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (Challenges.Challenge c : new Challenges(s).open(device.user(), device, DeviceSettings.of(realm))) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", c.id());
                item.put("type", c.get("type"));
                item.put("client", c.get("client"));
                item.put("ip", c.get("ip"));
                item.put("browser", c.get("browser"));
                item.put("os", c.get("os"));
                item.put("time", Instant.ofEpochSecond(Long.parseLong(c.get("created"))).toString());
                item.put("expiresAt", c.expires());
                item.put("numberRequired", c.get("number") != null);
                if (Unlocks.TYPE.equals(c.get("type"))) {
                    item.put("failures", Integer.parseInt(c.get("failures")));
                    item.put("lastFailure", c.get("lastFailure").isEmpty() ? null : c.get("lastFailure"));
                    item.put("lastIp", c.get("lastIp").isEmpty() ? null : c.get("lastIp"));
                    item.put("permanent", Boolean.parseBoolean(c.get("permanent")));
                }
                list.add(item);
            }
            return list;
        });
    }

    private SmsPolicySettings smsPolicy(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias("tweestap-verify-phone");
        return SmsPolicySettings.from(config == null ? null : config.getConfig());
    }

    private EventBuilder event(RealmModel realm, String step) {
        return event(session, realm, step);
    }

    private EventBuilder event(KeycloakSession s, RealmModel realm, String step) {
        return new EventBuilder(realm, s, session.getContext().getConnection()).event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail("custom_required_action", DeviceResourceFactory.ID)
                .detail(SmsCodeAuthenticator.DETAIL_METHOD, "push").detail(SmsCodeAuthenticator.DETAIL_STEP, step);
    }

    private Response page(LocalizedMessages msg, int status, String body) {
        io.github.tweestap.support.PageHeaders.page(session);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(HtmlPage.page(msg.locale().getLanguage(), msg.get("tweestapDeviceLinkTitle"), body)).build();
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private java.util.concurrent.Executor executor() {
        return session.getProvider(org.keycloak.executors.ExecutorsProvider.class).getExecutor("tweestap-device");
    }

    private KeycloakSessionFactory factory() {
        return session.getKeycloakSessionFactory();
    }

    private String realmUrl() {
        return org.keycloak.services.resources.RealmsResource.realmBaseUrl(session.getContext().getUri())
                .build(realm().getName()).toString();
    }

    private String clientIp() {
        ClientConnection connection = session.getContext().getConnection();
        return connection == null ? null : connection.getRemoteAddr();
    }

    static Response json(int status, Object entity) {
        return Response.status(status).entity(entity).type(MediaType.APPLICATION_JSON).build();
    }

    static Response error(int status, String code, String description) {
        return error(status, code, description, Map.of());
    }

    static Response error(int status, String code, String description, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("error", code);
        body.put("error_description", description);
        Response.ResponseBuilder builder = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON);
        if (status == 429) {
            builder.header("Retry-After", "60");
        }
        return builder.build();
    }
}
