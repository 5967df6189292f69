package io.github.tweestap.support;

import jakarta.ws.rs.core.UriInfo;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The one place where the pack's code differs by Keycloak version (supported: see {@link KeycloakVersion}). Every
 * other class uses only API that exists, with the same signature, in each supported version; the integration test
 * {@code KeycloakApiLinkageIT} compiles the sources against each supported distribution and fails on any difference.
 *
 * <p>Brute-force failures (API): Keycloak 26.4 and 26.5 have {@code failedLogin(realm, user, connection, uriInfo)} and
 * count every failure; 26.6 and later have only {@code failedLogin(..., Set<String> categories)} and count a failure
 * only for the categories password, otp and recovery-authn-codes. Both are reached through a method handle looked up
 * once, so this class itself links on every version.
 *
 * <p>Endpoints that answer later (behaviour): see {@link #answerLater}. The client's address outside a request
 * (behaviour): see {@link #remoteAddress}.
 */
public final class KeycloakCompat {

    private static final MethodHandle FAILED_LOGIN = failedLoginHandle(BruteForceProtector.class);
    /** 26.4 and 26.5 begin a request's transaction only on a worker thread whose session slot is empty (below). */
    private static final boolean THREAD_BOUND_REQUEST_TRANSACTIONS = KeycloakVersion.runningBefore26(6);

    private KeycloakCompat() {
    }

    /**
     * Counts a failed login for the realm's brute-force detection.
     *
     * @param categories the credential categories of the failure (the pack always reports {@code otp}); ignored by
     *                   Keycloak versions before 26.6, which count every failure
     */
    public static void failedLogin(BruteForceProtector protector, RealmModel realm, UserModel user,
            ClientConnection connection, UriInfo uriInfo, Set<String> categories) {
        try {
            FAILED_LOGIN.invoke(protector, realm, user, connection, uriInfo, categories);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Call on the request's worker thread when an endpoint answers later (returns a {@link CompletionStage}).
     *
     * <p>Keycloak 26.4 and 26.5 begin a request's transaction only when the worker thread's
     * {@code KeycloakSessionUtil} slot is empty, and empty it when the request ends, which for a later answer happens
     * on the thread that completes it. The worker thread would keep the finished request's session, and the next
     * request it serves, whichever endpoint (Keycloak's login pages too), would run without a transaction ("Cannot
     * access delegate without a transaction"). So on those versions this ends the request's own transaction now (the
     * pack's waiting endpoints do their model work in sessions of their own) and empties the slot. Keycloak 26.6 and
     * later begin a transaction by the session's own state: nothing to do there.
     */
    public static <T> CompletionStage<T> answerLater(KeycloakSession session, CompletionStage<T> answer) {
        if (THREAD_BOUND_REQUEST_TRANSACTIONS) {
            endRequestTransaction(session);
        }
        return answer;
    }

    /**
     * The client's address, or null when the session serves no HTTP request (e.g. an event listener called on the
     * brute-force detector's own thread at a lockout). Keycloak 26.4 and 26.5 throw there (the request context is
     * not active) where 26.6 and later answer without one.
     */
    public static String remoteAddress(KeycloakSession session) {
        try {
            ClientConnection connection = session.getContext().getConnection();
            return connection == null ? null : connection.getRemoteAddr();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    static void endRequestTransaction(KeycloakSession session) {
        KeycloakTransactionManager transaction = session.getTransactionManager();
        if (transaction.isActive()) {
            if (transaction.getRollbackOnly()) {
                transaction.rollback();
            } else {
                transaction.commit();
            }
        }
        KeycloakSessionUtil.setKeycloakSession(null);
    }

    /**
     * {@code failedLogin} of {@code protectorType} as {@code (protector, realm, user, connection, uriInfo, categories)}:
     * the method with categories where it exists, else the one without (the categories are then dropped).
     */
    static MethodHandle failedLoginHandle(Class<?> protectorType) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodType legacy = MethodType.methodType(void.class, RealmModel.class, UserModel.class, ClientConnection.class,
                UriInfo.class);
        try {
            return lookup.findVirtual(protectorType, "failedLogin", legacy.appendParameterTypes(Set.class));
        } catch (NoSuchMethodException e) {
            try {
                // 26.4/26.5: no categories; the extra argument is dropped.
                return MethodHandles.dropArguments(lookup.findVirtual(protectorType, "failedLogin", legacy),
                        5, Set.class);
            } catch (NoSuchMethodException | IllegalAccessException e2) {
                throw new IllegalStateException(protectorType.getName() + ".failedLogin not found in this Keycloak version",
                        e2);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
