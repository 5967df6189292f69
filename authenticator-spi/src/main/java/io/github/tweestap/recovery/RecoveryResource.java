package io.github.tweestap.recovery;

import io.github.tweestap.support.BackLinks;
import io.github.tweestap.device.DeviceAccess;
import io.github.tweestap.sms.PhonePolicy;
import io.github.tweestap.sms.SmsDispatcher;
import io.github.tweestap.sms.SmsPolicySettings;
import io.github.tweestap.sms.SmsTexts;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.CodeHasher;
import io.github.tweestap.support.KeycloakCompat;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.PageHeaders;
import io.github.tweestap.support.RealmKeys;
import io.github.tweestap.support.SecureCodes;
import io.github.tweestap.support.SelfService;
import io.github.tweestap.support.SlotQuota;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * "Tweestapsverificatie vernieuwen" (seed 000 B): {@code /realms/<realm>/tweestap-recovery}. Username and mobile
 * number → an SMS code to the verified number → the secret question → a choice page: a new password, unlocking the
 * account, and last "Vernieuw tweestaps verificatie code voor mobiele app", which removes the app bindings and OTP
 * credentials so the next login enrolls again (the push step binds the app itself; where the realm enrolls apps with
 * the required action {@code tweestap-configure-totp}, that action is given to the user). The first step answers the
 * same way whether or not the username and number match (the SMS goes out after the response; a mismatch hashes a
 * dummy code), attempts are limited and wrong codes and answers count for brute-force detection; the user is told by
 * e-mail and SMS afterwards. The state lives in the cluster-wide single-use store under a random id held in an
 * HttpOnly cookie.
 */
public final class RecoveryResource {

    static final String TEMPLATE = "tweestap-recovery.ftl";
    static final String COOKIE = "TWEESTAP_RECOVERY";
    private static final String STATE = "tweestap.recovery.";
    private static final int TTL = 900;
    private static final int CODE_TTL = 300;
    private static final int CODE_TRIES = 5;
    private static final int ANSWER_TRIES = 3;
    private static final Logger LOG = Logger.getLogger(RecoveryResource.class);

    private final KeycloakSession session;
    private final SecureCodes codes;
    private final RecoveryLimits limits;

    RecoveryResource(KeycloakSession session, SecureCodes codes, RecoveryLimits limits) {
        this.session = session;
        this.codes = codes;
        this.limits = limits;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response start(@QueryParam("back") String back) {
        servedHere();
        return page("start", Response.Status.OK, backUrl(back), null, Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response step(MultivaluedMap<String, String> form) {
        servedHere();
        String back = backUrl(form.getFirst("back"));
        String step = form.getFirst("step");
        if ("start".equals(step)) {
            return begin(form, back);
        }
        String id = cookie();
        Map<String, String> state = id == null ? null : session.getProvider(SingleUseObjectProvider.class).get(STATE + id);
        if (state == null || !realm().getId().equals(state.get("realm"))
                || Time.currentTime() >= Long.parseLong(state.getOrDefault("exp", "0"))) {
            return page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryExpired", Map.of());
        }
        Map<String, String> s = new HashMap<>(state);
        UserModel current = "code".equals(s.get("step")) ? null : user(s);
        if (!"code".equals(s.get("step")) && (current == null || !current.isEnabled())) {
            // The account was removed or disabled meanwhile.
            session.getProvider(SingleUseObjectProvider.class).remove(STATE + id);
            return page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryExpired", Map.of());
        }
        return switch (step == null ? "" : step) {
            case "code" -> code(id, s, form, back);
            case "answer" -> answer(id, s, form, back);
            case "choose" -> choose(id, s, form, back);
            case "password" -> password(id, s, form, back);
            default -> page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryExpired", Map.of());
        };
    }

    private Response begin(MultivaluedMap<String, String> form, String back) {
        RealmModel realm = realm();
        String username = trimmed(form.getFirst("username"));
        String phone = trimmed(form.getFirst("phone"));
        if (username.isEmpty() || phone.isEmpty()) {
            return page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryMissing", Map.of());
        }
        if (username.length() > 255 || phone.length() > 40) {
            // Longer than any username or number can be: its own message, not "fill in" (both were filled in).
            return page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryTooLong", Map.of());
        }
        SlotQuota quota = new SlotQuota(session.getProvider(SingleUseObjectProvider.class));
        long now = Time.currentTime();
        String ip = session.getContext().getConnection().getRemoteAddr();
        String source = SlotQuota.clientBucket(ip);
        String subject = realm.getId() + "/" + username.toLowerCase(Locale.ROOT);
        int window = limits.windowSeconds();
        // Per username and source first: a stranger's tries use up the stranger's share, not the owner's; the higher
        // per-username ceiling still caps what all sources together can ask.
        if (!quota.tryAcquire("recovery.ip", realm.getId() + "/" + source, limits.perIp(), window, now)
                || !quota.tryAcquire("recovery.user.ip", subject + "|" + source, limits.perUserAndIp(), window, now)
                || !quota.tryAcquire("recovery.user", subject, limits.perUser(), window, now)) {
            return page("start", Response.Status.TOO_MANY_REQUESTS, back, "tweestapRecoveryTooMany", Map.of());
        }
        SmsPolicySettings policy = smsPolicy(realm);
        UserModel user = session.users().getUserByUsername(realm, username);
        PhonePolicy.Result typed = policy.phonePolicy().check(phone);
        VerifiedPhone.Lookup verified = user == null ? null : VerifiedPhone.of(user, policy.phonePolicy());
        boolean match = user != null && user.isEnabled() && typed.ok() && verified.ok()
                && typed.e164().equals(verified.e164()) && SecretQuestions.stored(user) != null;
        String id = KeycloakModelUtils.generateId() + KeycloakModelUtils.generateId().substring(0, 8);
        String code = codes.numeric(6);
        byte[] salt = codes.bytes(16);
        // A mismatch hashes a code too, and sends nothing: the same work, the same answer.
        String hash = RealmKeys.hasher(session, realm).hash(salt, id, code);
        Map<String, String> state = new HashMap<>();
        state.put("realm", realm.getId());
        state.put("user", match ? user.getId() : "");
        state.put("step", "code");
        state.put("salt", CodeHasher.encodeSalt(salt));
        state.put("hash", hash);
        state.put("codeExp", Long.toString(now + CODE_TTL));
        state.put("exp", Long.toString(now + TTL));
        session.getProvider(SingleUseObjectProvider.class).put(STATE + id, TTL, state);
        EventBuilder event = event("recovery_start");
        if (match) {
            event.user(user).success();
            sendAfterResponse(realm, user.getId(), verified.e164(), "tweestapRecoverySms", code, ip);
        } else {
            event.detail("tweestap_reason", "no_match").error("tweestap_recovery_no_match");
        }
        return withCookie(page("code", Response.Status.OK, back, null, Map.of()), id);
    }

    private Response code(String id, Map<String, String> s, MultivaluedMap<String, String> form, String back) {
        if (!"code".equals(s.get("step"))) {
            return resume(s, back);
        }
        UserModel user = user(s);
        String typed = SecureCodes.normaliseTyped(form.getFirst("code"));
        // Tries are atomic slots in the shared store: parallel guesses cannot get more than the limit.
        int tries = new SlotQuota(session.getProvider(SingleUseObjectProvider.class))
                .takeSlot("tweestap.recovery.try." + id + ".code.", CODE_TRIES, TTL) + 1;
        if (tries == 0) {
            session.getProvider(SingleUseObjectProvider.class).remove(STATE + id);
            return page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryTooManyTries", Map.of());
        }
        boolean expired = Time.currentTime() >= Long.parseLong(s.get("codeExp"));
        boolean right = user != null && !expired && typed != null && RealmKeys.hasher(session, realm())
                .matches(CodeHasher.decodeSalt(s.get("salt")), id, typed, s.get("hash"));
        if (!right) {
            failed(user, "recovery_code");
            if (tries >= CODE_TRIES || expired) {
                session.getProvider(SingleUseObjectProvider.class).remove(STATE + id);
                return page("start", Response.Status.BAD_REQUEST, back, expired ? "tweestapRecoveryCodeExpired"
                        : "tweestapRecoveryTooManyTries", Map.of());
            }
            save(id, s);
            return page("code", Response.Status.BAD_REQUEST, back, "tweestapRecoveryCodeWrong", Map.of());
        }
        s.put("step", "answer");
        save(id, s);
        event("recovery_code").user(user).success();
        return resume(s, back);
    }

    private Response answer(String id, Map<String, String> s, MultivaluedMap<String, String> form, String back) {
        if (!"answer".equals(s.get("step"))) {
            return resume(s, back);
        }
        UserModel user = user(s);
        int tries = new SlotQuota(session.getProvider(SingleUseObjectProvider.class))
                .takeSlot("tweestap.recovery.try." + id + ".answer.", ANSWER_TRIES, TTL) + 1;
        if (tries == 0) {
            session.getProvider(SingleUseObjectProvider.class).remove(STATE + id);
            return page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryTooManyTries", Map.of());
        }
        if (!SecretQuestions.matches(session, realm(), user, form.getFirst("answer"))) {
            failed(user, "recovery_answer");
            if (tries >= ANSWER_TRIES) {
                session.getProvider(SingleUseObjectProvider.class).remove(STATE + id);
                return page("start", Response.Status.BAD_REQUEST, back, "tweestapRecoveryTooManyTries", Map.of());
            }
            save(id, s);
            return page("answer", Response.Status.BAD_REQUEST, back, "tweestapRecoveryAnswerWrong", question(user));
        }
        s.put("step", "choose");
        save(id, s);
        event("recovery_answer").user(user).success();
        return resume(s, back);
    }

    private Response choose(String id, Map<String, String> s, MultivaluedMap<String, String> form, String back) {
        if (!"choose".equals(s.get("step"))) {
            return resume(s, back);
        }
        UserModel user = user(s);
        String option = form.getFirst("option");
        if ("password".equals(option)) {
            return page("password", Response.Status.OK, back, null, Map.of());
        }
        if ("unlock".equals(option)) {
            session.loginFailures().removeUserLoginFailure(realm(), user.getId());
            event("recovery_unlock").user(user).success();
            notifyUser(user, "tweestapRecoveryUnlockedSms");
            return page("done", Response.Status.OK, back, null, Map.of("tweestapDone", "tweestapRecoveryUnlocked"));
        }
        if ("renew".equals(option)) {
            int removed = DeviceAccess.removeBindings(user);
            List<CredentialModel> otp = user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
            otp.forEach(c -> user.credentialManager().removeStoredCredentialById(c.getId()));
            // Where the app is enrolled by the required action (the QR page after the password), ask for it again.
            boolean rearmed = AppEnrollment.rearm(realm(), user).isPresent();
            // Sessions that were opened with the old app end; the next login binds the new one (seed 000 B 5-6).
            session.sessions().removeUserSessions(realm(), user);
            session.getProvider(SingleUseObjectProvider.class).remove(STATE + id);
            new EventBuilder(realm(), session, session.getContext().getConnection()).event(EventType.REMOVE_CREDENTIAL)
                    .user(user).detail("credential_type", OTPCredentialModel.TYPE).detail("tweestap_step", "recovery_renew")
                    .detail("tweestap_devices", Integer.toString(removed))
                    .detail("tweestap_enrollment_required", Boolean.toString(rearmed)).success();
            notifyUser(user, "tweestapRecoveryRenewedSms");
            return page("done", Response.Status.OK, back, null, Map.of("tweestapDone", "tweestapRecoveryRenewed"));
        }
        return resume(s, back);
    }

    private Response password(String id, Map<String, String> s, MultivaluedMap<String, String> form, String back) {
        if (!"choose".equals(s.get("step"))) {
            return resume(s, back);
        }
        UserModel user = user(s);
        String password = form.getFirst("password-new");
        String confirm = form.getFirst("password-confirm");
        if (password == null || password.isEmpty()) {
            return page("password", Response.Status.BAD_REQUEST, back, "missingPasswordMessage", Map.of());
        }
        if (!password.equals(confirm)) {
            return page("password", Response.Status.BAD_REQUEST, back, "notMatchPasswordMessage", Map.of());
        }
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm(), user, password);
        if (error != null) {
            LoginFormsProvider forms = form(back, Map.of()).setAttribute("tweestapStep", "password")
                    .setError(error.getMessage(), error.getParameters()).setStatus(Response.Status.BAD_REQUEST);
            return forms.createForm(TEMPLATE);
        }
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        // Whoever was logged in with the old password is logged out.
        session.sessions().removeUserSessions(realm(), user);
        new EventBuilder(realm(), session, session.getContext().getConnection()).event(EventType.UPDATE_PASSWORD)
                .user(user).detail("tweestap_step", "recovery_password").success();
        notifyUser(user, "tweestapRecoveryPasswordSms");
        return page("choose", Response.Status.OK, back, null, Map.of("tweestapDone", "tweestapRecoveryPasswordChanged"));
    }

    // ---------------------------------------------------------------- helpers

    private Response resume(Map<String, String> s, String back) {
        String step = s.get("step");
        return page(step, Response.Status.OK, back, null, "answer".equals(step) ? question(user(s)) : Map.of());
    }

    private Map<String, Object> question(UserModel user) {
        CredentialModel stored = user == null ? null : SecretQuestions.stored(user);
        return Map.of("tweestapQuestion", stored == null ? "tweestapQuestionFirstPet" : stored.getUserLabel());
    }

    private UserModel user(Map<String, String> s) {
        String id = s.get("user");
        return id == null || id.isEmpty() ? null : session.users().getUserById(realm(), id);
    }

    private void failed(UserModel user, String step) {
        EventBuilder event = event(step);
        if (user == null) {
            event.error("tweestap_recovery_no_match");
            return;
        }
        event.user(user).error("invalid_user_credentials");
        if (realm().isBruteForceProtected()) {
            KeycloakCompat.failedLogin(session.getProvider(BruteForceProtector.class), realm(), user,
                    session.getContext().getConnection(), session.getContext().getUri(), Set.of(OTPCredentialModel.TYPE));
        }
    }

    private void save(String id, Map<String, String> s) {
        long left = Math.max(1, Long.parseLong(s.get("exp")) - Time.currentTime());
        session.getProvider(SingleUseObjectProvider.class).put(STATE + id, left, s);
    }

    /** Tells the user by SMS (to the verified number) and e-mail that the account was changed this way. */
    private void notifyUser(UserModel user, String smsKey) {
        VerifiedPhone.Lookup phone = VerifiedPhone.of(user, smsPolicy(realm()).phonePolicy());
        if (phone.ok()) {
            sendAfterResponse(realm(), user.getId(), phone.e164(), smsKey, null, null);
        }
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            try {
                String name = realm().getDisplayName() == null ? realm().getName() : realm().getDisplayName();
                String what = LocalizedMessages.forUser(session, realm(), user).get(smsKey, name);
                session.getProvider(EmailTemplateProvider.class).setRealm(realm()).setUser(user)
                        .send("tweestapRecoveryMailSubject", List.of(), "tweestap-recovery-done.ftl",
                                new HashMap<>(Map.of("tweestapRecoveryWhat", what)));
            } catch (EmailException e) {
                LOG.warnf("recovery e-mail for a user of realm %s could not be sent: %s", realm().getName(), e.getMessage());
            }
        }
    }

    private void sendAfterResponse(RealmModel realm, String userId, String e164, String textKey, String code, String ip) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        String host = session.getContext().getUri().getBaseUri().getHost();
        Runnable job = () -> KeycloakModelUtils.runJobInTransaction(factory, s -> {
            RealmModel r = s.realms().getRealm(realmId);
            s.getContext().setRealm(r);
            UserModel u = s.users().getUserById(r, userId);
            if (u == null) {
                return;
            }
            LocalizedMessages msg = LocalizedMessages.forUser(s, r, u);
            String name = r.getDisplayName() == null ? r.getName() : r.getDisplayName();
            String text = code == null ? msg.get(textKey, name)
                    : SmsTexts.webOtp(msg.get(textKey, code, CODE_TTL / 60, name), host, code);
            new SmsDispatcher(s, smsPolicy(r)).send(r, u, ip, e164, text, code == null ? List.of() : List.of(code));
        });
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.getProvider(ExecutorsProvider.class).getExecutor("tweestap-sms").execute(job);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private Response page(String step, Response.Status status, String back, String error, Map<String, Object> extra) {
        LoginFormsProvider form = form(back, extra).setAttribute("tweestapStep", step).setStatus(status);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private LoginFormsProvider form(String back, Map<String, Object> extra) {
        PageHeaders.page(session);
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class).setAttribute("tweestapBackUrl", back);
        extra.forEach(form::setAttribute);
        return form;
    }

    private Response withCookie(Response response, String id) {
        String path = "/realms/" + realm().getName() + "/tweestap-recovery";
        return Response.fromResponse(response).header("Set-Cookie", COOKIE + "=" + id + "; Path=" + path
                + "; Max-Age=" + TTL + "; HttpOnly; Secure; SameSite=Strict").build();
    }

    private String cookie() {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(COOKIE);
        return cookie == null || cookie.getValue() == null || !cookie.getValue().matches("[A-Za-z0-9-]{20,80}") ? null
                : cookie.getValue();
    }

    private EventBuilder event(String step) {
        return new EventBuilder(realm(), session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION).detail("custom_required_action", RecoveryResourceFactory.ID)
                .detail("tweestap_step", step);
    }

    private SmsPolicySettings smsPolicy(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias("tweestap-verify-phone");
        return SmsPolicySettings.from(config == null ? null : config.getConfig());
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private String backUrl(String back) {
        return BackLinks.of(session, back);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    /** A realm without the secret question cannot renew: no page (and the login page has no link). */
    private void servedHere() {
        if (!SelfService.canRenew(realm())) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }
}
