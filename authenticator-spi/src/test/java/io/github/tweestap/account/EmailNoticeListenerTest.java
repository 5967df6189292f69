package io.github.tweestap.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/** Which events become e-mails, and the per-user throttle that turns a burst of events into one e-mail. */
class EmailNoticeListenerTest {

    /** The single-use store as the throttle uses it: putIfAbsent and remove. */
    static final class Store implements SingleUseObjectProvider {
        final Map<String, Long> keys = new ConcurrentHashMap<>();

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            return keys.putIfAbsent(key, lifespanSeconds) == null;
        }

        @Override
        public boolean contains(String key) {
            return keys.containsKey(key);
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            keys.put(key, lifespanSeconds);
        }

        @Override
        public Map<String, String> get(String key) {
            return keys.containsKey(key) ? new HashMap<>() : null;
        }

        @Override
        public Map<String, String> remove(String key) {
            return keys.remove(key) != null ? new HashMap<>() : null;
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return keys.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    private final Store store = new Store();
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final EmailTemplateProvider mail = mock(EmailTemplateProvider.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);

    @BeforeEach
    void setUp() {
        when(session.getTransactionManager()).thenReturn(mock(KeycloakTransactionManager.class));
        when(session.getProvider(SingleUseObjectProvider.class)).thenReturn(store);
        when(session.getProvider(EmailTemplateProvider.class)).thenReturn(mail);
        when(mail.setRealm(any())).thenReturn(mail);
        when(mail.setUser(any())).thenReturn(mail);
        UserProvider users = mock(UserProvider.class);
        when(session.users()).thenReturn(users);
        when(users.getUserById(realm, "u1")).thenReturn(user);
        when(realm.getId()).thenReturn("r1");
        when(realm.getName()).thenReturn("lab");
        when(user.getId()).thenReturn("u1");
        when(user.getEmail()).thenReturn("u1@test.localhost");
        when(user.isEmailVerified()).thenReturn(true);
    }

    static Event event(EventType type, String credentialType, String error) {
        Event event = new Event();
        event.setType(type);
        event.setRealmId("r1");
        event.setUserId("u1");
        event.setTime(System.currentTimeMillis());
        event.setIpAddress("127.0.0.1");
        event.setError(error);
        if (credentialType != null) {
            event.setDetails(new HashMap<>(Map.of(Details.CREDENTIAL_TYPE, credentialType)));
        }
        return event;
    }

    @Test
    void onlyCredentialChangesAreNoticesAndOnlyWrongPasswordsOrCodesAreFailures() {
        assertThat(EmailNotice.credentialNotice(event(EventType.UPDATE_CREDENTIAL, "otp", null))).isEqualTo("2fa-on");
        assertThat(EmailNotice.credentialNotice(event(EventType.REMOVE_CREDENTIAL, "tweestap-device", null))).isEqualTo("2fa-off");
        assertThat(EmailNotice.credentialNotice(event(EventType.UPDATE_CREDENTIAL, "password", null)))
                .isEqualTo("credential-changed.password");
        // The deprecated twins of a credential change, and failed logins, are no notice.
        assertThat(EmailNotice.credentialNotice(event(EventType.UPDATE_TOTP, null, null))).isNull();
        assertThat(EmailNotice.credentialNotice(event(EventType.REMOVE_TOTP, null, null))).isNull();
        assertThat(EmailNotice.credentialNotice(event(EventType.UPDATE_PASSWORD, null, null))).isNull();
        assertThat(EmailNotice.credentialNotice(event(EventType.LOGIN_ERROR, null, Errors.INVALID_USER_CREDENTIALS))).isNull();

        assertThat(EmailNotice.loginFailure(event(EventType.LOGIN_ERROR, null, Errors.INVALID_USER_CREDENTIALS)))
                .isEqualTo(EmailNotice.LOGIN_FAILURE);
        assertThat(EmailNotice.loginFailure(event(EventType.LOGIN_ERROR, null, Errors.USER_TEMPORARILY_DISABLED)))
                .isEqualTo(EmailNotice.LOGIN_FAILURE);
        assertThat(EmailNotice.loginFailure(event(EventType.LOGIN_ERROR, null, Errors.EXPIRED_CODE))).isNull();
        assertThat(EmailNotice.loginFailure(event(EventType.UPDATE_CREDENTIAL, "otp", null))).isNull();
        Event anonymous = event(EventType.LOGIN_ERROR, null, Errors.INVALID_USER_CREDENTIALS);
        anonymous.setUserId(null);
        assertThat(EmailNotice.loginFailure(anonymous)).isNull();
    }

    @Test
    void tenFailedLoginsGiveOneWarningPerWindow() throws Exception {
        EmailNoticeListener listener = new EmailNoticeListener(session, EmailNotice::loginFailure, 3600);
        for (int i = 0; i < 10; i++) {
            listener.send(session, realm, event(EventType.LOGIN_ERROR, null, Errors.INVALID_USER_CREDENTIALS));
        }
        verify(mail, times(1)).send(eq("tweestapLoginFailureSubject"), anyList(), eq(EmailNoticeListener.LOGIN_FAILURE_TEMPLATE),
                anyMap());
        assertThat(store.keys).containsEntry(EmailNoticeListener.THROTTLE + "r1.u1." + EmailNotice.LOGIN_FAILURE, 3600L);
    }

    @Test
    void eachKindOfNoticeOncePerWindowAndAFailedSendLeavesNoTrace() throws Exception {
        EmailNoticeListener listener = new EmailNoticeListener(session, EmailNotice::credentialNotice, 60);
        Event on = event(EventType.UPDATE_CREDENTIAL, "otp", null);
        Event off = event(EventType.REMOVE_CREDENTIAL, "otp", null);
        // Removing a binding removes its OTP credential too: two events, one "switched off" notice.
        Event offDevice = event(EventType.REMOVE_CREDENTIAL, "tweestap-device", null);
        listener.send(session, realm, on);
        listener.send(session, realm, off);
        listener.send(session, realm, offDevice);
        listener.send(session, realm, on);
        verify(mail).sendEvent(on);
        verify(mail).sendEvent(off);
        verify(mail, never()).sendEvent(offDevice);

        // SMTP down: nothing is held back afterwards.
        Event password = event(EventType.UPDATE_CREDENTIAL, "password", null);
        doThrow(new EmailException("down")).when(mail).sendEvent(password);
        listener.send(session, realm, password);
        assertThat(store.keys).doesNotContainKey(EmailNoticeListener.THROTTLE + "r1.u1.credential-changed.password");
    }

    @Test
    void noMailToAnUnverifiedAddress() throws Exception {
        when(user.isEmailVerified()).thenReturn(false);
        new EmailNoticeListener(session, EmailNotice::credentialNotice, 60)
                .send(session, realm, event(EventType.UPDATE_CREDENTIAL, "otp", null));
        verify(mail, never()).sendEvent(any());
        verify(mail, never()).send(anyString(), anyList(), anyString(), anyMap());
        assertThat(store.keys).isEmpty();
    }
}
