package io.github.tweestap.unlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpResponse;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.KeycloakUriInfo;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.mockito.ArgumentCaptor;

/**
 * The unlock page must not tell by its timing whether a username exists, is locked or has an app: it does the same
 * work for every username and looks nothing up before it answers; the lookup and the request run after the response.
 */
class UnlockPageResourceTest {

    /** One request's worth of Keycloak, recording what the page does. */
    static final class Request {
        final KeycloakSession session = mock(KeycloakSession.class);
        final KeycloakTransactionManager transactions = mock(KeycloakTransactionManager.class);
        final LoginFormsProvider form = mock(LoginFormsProvider.class, RETURNS_SELF);
        final HttpResponse response = mock(HttpResponse.class);

        Request(Map<String, Long> store) {
            KeycloakContext context = mock(KeycloakContext.class);
            RealmModel realm = mock(RealmModel.class);
            when(realm.getId()).thenReturn("realm-id");
            when(realm.getName()).thenReturn("lab");
            // A realm that can serve the page: it binds the app (a flow with the push step) and tells it of lockouts.
            when(realm.isBruteForceProtected()).thenReturn(true);
            when(realm.getEventsListenersStream()).thenAnswer(i -> java.util.stream.Stream.of("tweestap-unlock"));
            org.keycloak.models.AuthenticationFlowModel flow = new org.keycloak.models.AuthenticationFlowModel();
            flow.setId("flow-id");
            org.keycloak.models.AuthenticationExecutionModel push = new org.keycloak.models.AuthenticationExecutionModel();
            push.setAuthenticator("tweestap-push");
            push.setRequirement(org.keycloak.models.AuthenticationExecutionModel.Requirement.REQUIRED);
            when(realm.getAuthenticationFlowsStream()).thenAnswer(i -> java.util.stream.Stream.of(flow));
            when(realm.getAuthenticationExecutionsStream("flow-id")).thenAnswer(i -> java.util.stream.Stream.of(push));
            when(session.getContext()).thenReturn(context);
            when(context.getRealm()).thenReturn(realm);
            when(context.getConnection()).thenReturn(new ClientConnection() {
                @Override
                public String getRemoteAddr() {
                    return "192.0.2.7";
                }
            });
            when(context.getHttpResponse()).thenReturn(response);
            KeycloakUriInfo uri = mock(KeycloakUriInfo.class);
            UriBuilder base = mock(UriBuilder.class, RETURNS_SELF);
            when(base.build(any())).thenReturn(URI.create("http://localhost/realms/lab"));
            when(uri.getBaseUriBuilder()).thenReturn(base);
            when(context.getUri()).thenReturn(uri);
            when(session.getTransactionManager()).thenReturn(transactions);
            when(session.getKeycloakSessionFactory()).thenReturn(mock(KeycloakSessionFactory.class));
            when(session.getProvider(LoginFormsProvider.class)).thenReturn(form);
            when(form.createForm(anyString())).thenReturn(mock(Response.class));
            SingleUseObjectProvider quota = mock(SingleUseObjectProvider.class);
            when(quota.contains(anyString())).thenAnswer(i -> store.containsKey(i.<String>getArgument(0)));
            when(quota.putIfAbsent(anyString(), org.mockito.ArgumentMatchers.anyLong()))
                    .thenAnswer(i -> store.putIfAbsent(i.getArgument(0), i.getArgument(1)) == null);
            when(session.getProvider(SingleUseObjectProvider.class)).thenReturn(quota);
            // Were the page to look the user up, it would find no one here; the test sees that it asked.
            when(session.users()).thenReturn(mock(org.keycloak.models.UserProvider.class));
        }

        /** What the page asked of the session, in order, by method (the username must not show in it). */
        List<String> calls() {
            return mockingDetails(session).getInvocations().stream()
                    .map(i -> i.getMethod().getName() + java.util.Arrays.toString(i.getArguments())).toList();
        }
    }

    @Test
    void everyUsernameGetsTheSameWorkAndNoLookupBeforeTheAnswer() {
        Map<String, Long> store = new ConcurrentHashMap<>();
        Request existing = new Request(store);
        new UnlockPageResource(existing.session).request("jan.jansen", "");
        Request unknown = new Request(store);
        new UnlockPageResource(unknown.session).request("bestaat-niet-" + System.nanoTime(), "");

        for (Request request : List.of(existing, unknown)) {
            // No user lookup, no brute-force look, no credential read while the browser waits.
            verify(request.session, never()).users();
            verify(request.session, never()).loginFailures();
            verify(request.session, never()).getProvider(org.keycloak.services.managers.BruteForceProtector.class);
            // The request is made after the response: one job handed to the end of the transaction.
            ArgumentCaptor<KeycloakTransaction> after = ArgumentCaptor.forClass(KeycloakTransaction.class);
            verify(request.transactions, times(1)).enlistAfterCompletion(after.capture());
            assertThat(after.getValue()).isNotNull();
            // A number is shown either way, and the page is not cached.
            ArgumentCaptor<Object> number = ArgumentCaptor.forClass(Object.class);
            verify(request.form).setAttribute(org.mockito.ArgumentMatchers.eq("tweestapUnlockNumber"), number.capture());
            assertThat(number.getValue().toString()).matches("[1-9][0-9]");
            verify(request.form).setStatus(Response.Status.OK);
            verify(request.response).setHeader("Cache-Control", "no-store, must-revalidate, max-age=0");
        }
        assertThat(existing.calls()).as("the same calls, in the same order, whatever the username")
                .isEqualTo(unknown.calls());
    }

    @Test
    void anEmptyUsernameIsRefusedWithoutAnyRequestLater() {
        Request request = new Request(new HashMap<>());
        new UnlockPageResource(request.session).request("  ", "");
        verify(request.form).setStatus(Response.Status.BAD_REQUEST);
        verify(request.form).setError("tweestapUnlockUsernameMissing");
        verify(request.transactions, never()).enlistAfterCompletion(any());
    }

    @Test
    void anOverlongUsernameIsTooLongNotMissing() {
        Request request = new Request(new HashMap<>());
        new UnlockPageResource(request.session).request("a".repeat(10_000), "");
        verify(request.form).setStatus(Response.Status.BAD_REQUEST);
        verify(request.form).setError("tweestapUnlockUsernameTooLong");
        verify(request.transactions, never()).enlistAfterCompletion(any());
    }
}
