package io.github.tweestap.device;

import io.github.tweestap.support.KeycloakCompat;
import io.github.tweestap.support.SlotQuota;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Self-service unlock (seed 001, "Unlocken"): an unlock request to the user's bound app when Keycloak's brute-force
 * detector has locked the account, and lifting the lockout when the app approves it. The password is never touched.
 * Keycloak hides whether an account is locked; so does this: nothing here answers differently to the caller, only
 * the bound phone learns of a lockout.
 */
public final class Unlocks {

    public static final String TYPE = "unlock";
    private static final String PER_LOCKOUT = "tweestap.unlock.lockout.";
    private static final Logger LOG = Logger.getLogger(Unlocks.class);

    /** Where the request comes from: the lockout itself (no number to match) or the login page (with a number). */
    public enum Origin { LOCKOUT, PAGE }

    private Unlocks() {
    }

    /**
     * The unlock page's request, for whatever username was typed: the page has already shown {@code number} and
     * answers at once; the user is looked up and the request made after the response, on a worker thread, so an
     * existing, locked or bound account makes the page neither slower nor different (as the username reminder does).
     */
    public static void requestFromPageAfterResponse(KeycloakSession session, RealmModel realm, String username,
            String number) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        String ip = clientIp(session);
        Runnable job = () -> KeycloakModelUtils.runJobInTransaction(factory, s -> {
            RealmModel r = s.realms().getRealm(realmId);
            if (r == null) {
                return;
            }
            s.getContext().setRealm(r);
            UserModel user = KeycloakModelUtils.findUserByNameOrEmail(s, r, username);
            if (user != null) {
                request(s, r, user, Origin.PAGE, number, ip);
            }
        });
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.getProvider(ExecutorsProvider.class).getExecutor("tweestap-unlock").execute(job);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** The request at a lockout ({@link Origin#LOCKOUT}, from the event listener): no number to match. */
    public static void requestAtLockout(KeycloakSession session, RealmModel realm, UserModel user) {
        request(session, realm, user, Origin.LOCKOUT, null, clientIp(session));
    }

    /**
     * Sends an unlock request to the user's app when the user is locked out and has an active app, within the rate
     * limit, (for {@link Origin#LOCKOUT}) once per lockout and (for {@link Origin#PAGE}) not while the user's
     * "dit was ik niet" mute lasts. Returns the number to match, or null when no request was sent.
     */
    static String request(KeycloakSession session, RealmModel realm, UserModel user, Origin origin, String number,
            String clientIp) {
        if (user == null || !realm.isBruteForceProtected()) {
            return null;
        }
        Devices.Device device = Devices.active(user);
        if (device == null) {
            return null;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        boolean permanent = protector.isPermanentlyLockedOut(session, realm, user);
        boolean temporary = !permanent && protector.isTemporarilyDisabled(session, realm, user);
        DeviceSettings settings = DeviceSettings.of(realm);
        if (!permanent && !temporary || permanent && !settings.unlockPermanent()) {
            return null;
        }
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        if (origin == Origin.PAGE && new Challenges(session).muted(user.getId())) {
            // Anyone can type a username on the page; after "dit was ik niet" the phone is left alone for a while.
            event(session, realm, user, "unlock_muted", clientIp).error("tweestap_push_muted");
            return null;
        }
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
        long now = Time.currentTime();
        if (origin == Origin.LOCKOUT) {
            long until = failures == null ? 0 : failures.getFailedLoginNotBefore();
            long lifespan = permanent ? 24 * 3600L : Math.max(60, until - now);
            // Keycloak repeats the lockout event on every later failure: one request per lockout.
            if (!store.putIfAbsent(PER_LOCKOUT + user.getId(), lifespan)) {
                return null;
            }
        }
        if (!new SlotQuota(store).tryAcquire("unlock.user", realm.getId() + "/" + user.getId(), settings.unlockPerHour(),
                3600, now)) {
            event(session, realm, user, "unlock_rate_limited", clientIp).error("tweestap_rate_limited");
            return null;
        }
        Map<String, String> context = new HashMap<>();
        context.put("failures", Integer.toString(failures == null ? 0 : failures.getNumFailures()));
        context.put("lastFailure", failures == null || failures.getLastFailure() == 0 ? ""
                : Instant.ofEpochMilli(failures.getLastFailure()).toString());
        context.put("lastIp", failures == null || failures.getLastIPFailure() == null ? "" : failures.getLastIPFailure());
        context.put("permanent", Boolean.toString(permanent));
        context.put("client", "");
        DeviceRuntime runtime = DeviceRuntime.of(session);
        Challenges.Created created = new Challenges(session).create(user, device, TYPE, context, settings,
                runtime.random(), origin == Origin.PAGE, false, number);
        if (created.challenge() == null) {
            return null;
        }
        runtime.wakeAfterCommit(session, "user:" + user.getId());
        PushDelivery.send(session, realm, device, created.challenge(), settings.challengeTtl(), "tweestapUnlockPushTitle",
                "tweestapUnlockPushBody", context.get("failures"));
        event(session, realm, user, "unlock_requested", clientIp).detail("tweestap_origin", origin.name().toLowerCase())
                .detail("tweestap_challenge", created.challenge().id()).success();
        return created.number();
    }

    /**
     * The app approved: the lockout is lifted (temporary, or permanent where the realm allows it); the password stays.
     * Returns false when it was not lifted: the lockout became permanent, or the realm stopped allowing that, after
     * the request was sent.
     */
    static boolean approved(KeycloakSession session, RealmModel realm, UserModel user, Challenges.Challenge challenge) {
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        boolean permanent = protector.isPermanentlyLockedOut(session, realm, user);
        if (permanent && !DeviceSettings.of(realm).unlockPermanent()) {
            event(session, realm, user, "unlock_approved", clientIp(session)).detail("tweestap_challenge", challenge.id())
                    .error("tweestap_unlock_permanent_not_allowed");
            return false;
        }
        if (permanent) {
            // What an administrator's "enable" does for a permanently locked-out user.
            user.removeAttribute("disabledReason");
            user.setEnabled(true);
        }
        session.loginFailures().removeUserLoginFailure(realm, user.getId());
        session.getProvider(SingleUseObjectProvider.class).remove(PER_LOCKOUT + user.getId());
        // Other unlock requests of this lockout are moot now.
        Devices.Device device = Devices.active(user);
        if (device != null) {
            Challenges challenges = new Challenges(session);
            DeviceSettings settings = DeviceSettings.of(realm);
            challenges.open(user, device, settings).stream().filter(c -> TYPE.equals(c.get("type")))
                    .filter(c -> !c.id().equals(challenge.id())).forEach(c -> challenges.abandon(c, settings));
        }
        event(session, realm, user, "unlock_approved", clientIp(session)).detail("tweestap_challenge", challenge.id())
                .detail("tweestap_permanent", Boolean.toString(permanent)).success();
        return true;
    }

    /** "Dit was ik niet": the lock stays; the user is told by e-mail; an event for the admins. */
    static void reported(KeycloakSession session, RealmModel realm, UserModel user, Challenges.Challenge challenge) {
        event(session, realm, user, "unlock_reported", clientIp(session)).detail("tweestap_challenge", challenge.id())
                .detail("tweestap_failures", challenge.get("failures")).error("tweestap_unlock_reported");
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tweestapFailures", challenge.get("failures"));
        attributes.put("tweestapLastIp", challenge.get("lastIp"));
        attributes.put("tweestapLastFailure", challenge.get("lastFailure"));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send("tweestapUnlockReportedSubject", List.of(), "tweestap-unlock-reported.ftl", attributes);
        } catch (EmailException e) {
            LOG.warnf("unlock report e-mail for a user of realm %s could not be sent: %s", realm.getName(), e.getMessage());
        }
    }

    private static String clientIp(KeycloakSession session) {
        return KeycloakCompat.remoteAddress(session);
    }

    /** An event; {@code clientIp} is the request's (a worker after the response has no connection of its own). */
    private static EventBuilder event(KeycloakSession session, RealmModel realm, UserModel user, String step,
            String clientIp) {
        ClientConnection connection = new ClientConnection() {
            @Override
            public String getRemoteAddr() {
                return clientIp;
            }

            @Override
            public String getRemoteHost() {
                return clientIp;
            }

            // Defaults only since Keycloak 26.7; abstract in 26.4 to 26.6.
            @Override
            public int getRemotePort() {
                return 0;
            }

            @Override
            public String getLocalAddr() {
                return null;
            }

            @Override
            public int getLocalPort() {
                return 0;
            }
        };
        return new EventBuilder(realm, session, connection).event(EventType.CUSTOM_REQUIRED_ACTION)
                .user(user).detail("custom_required_action", "tweestap-unlock").detail("tweestap_method", "push")
                .detail("tweestap_step", step);
    }
}
