package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import jakarta.ws.rs.core.UriInfo;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

class KeycloakCompatTest {

    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);
    private final ClientConnection connection = mock(ClientConnection.class);
    private final UriInfo uri = mock(UriInfo.class);

    @Test
    void onTheVersionCompiledAgainstTheCategoriesReachKeycloak() {
        BruteForceProtector protector = mock(BruteForceProtector.class);
        KeycloakCompat.failedLogin(protector, realm, user, connection, uri, Set.of("otp"));
        verify(protector).failedLogin(realm, user, connection, uri, Set.of("otp"));
    }

    /** The shape of 26.4's and 26.5's protector: failedLogin without categories. */
    public interface Legacy {
        void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uriInfo);
    }

    @Test
    void onOlderVersionsTheMethodWithoutCategoriesIsCalled() throws Throwable {
        List<Object> calls = new ArrayList<>();
        Legacy legacy = (r, u, c, i) -> calls.add(List.of(r, u, c, i));
        MethodHandle handle = KeycloakCompat.failedLoginHandle(Legacy.class);
        handle.invoke(legacy, realm, user, connection, uri, Set.of("otp"));
        assertThat(calls).containsExactly(List.of(realm, user, connection, uri));
    }

    @Test
    void beforeAnsweringLaterTheRequestTransactionEndsAndTheThreadsSessionSlotIsEmptied() {
        org.keycloak.models.KeycloakSession session = mock(org.keycloak.models.KeycloakSession.class);
        org.keycloak.models.KeycloakTransactionManager transaction = mock(org.keycloak.models.KeycloakTransactionManager.class);
        org.mockito.Mockito.when(session.getTransactionManager()).thenReturn(transaction);
        org.mockito.Mockito.when(transaction.isActive()).thenReturn(true);
        org.keycloak.utils.KeycloakSessionUtil.setKeycloakSession(session);
        try {
            KeycloakCompat.endRequestTransaction(session);
            verify(transaction).commit();
            assertThat(org.keycloak.utils.KeycloakSessionUtil.getKeycloakSession()).isNull();

            org.mockito.Mockito.when(transaction.getRollbackOnly()).thenReturn(true);
            KeycloakCompat.endRequestTransaction(session);
            verify(transaction).rollback();
        } finally {
            org.keycloak.utils.KeycloakSessionUtil.setKeycloakSession(null);
        }
    }

    @Test
    void onKeycloak26_6AndLaterAnsweringLaterLeavesTheRequestAlone() {
        // The unit tests run on 26.7.x, whose request handler copes by itself.
        org.keycloak.models.KeycloakSession session = mock(org.keycloak.models.KeycloakSession.class);
        java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
        assertThat(KeycloakCompat.answerLater(session, answer)).isSameAs(answer);
        org.mockito.Mockito.verifyNoInteractions(session);
    }

    @Test
    void theClientsAddressIsNullOutsideARequestInsteadOfAnError() {
        org.keycloak.models.KeycloakSession session = mock(org.keycloak.models.KeycloakSession.class);
        org.keycloak.models.KeycloakContext context = mock(org.keycloak.models.KeycloakContext.class);
        org.mockito.Mockito.when(session.getContext()).thenReturn(context);
        org.mockito.Mockito.when(context.getConnection()).thenReturn(connection);
        org.mockito.Mockito.when(connection.getRemoteAddr()).thenReturn("192.0.2.7");
        assertThat(KeycloakCompat.remoteAddress(session)).isEqualTo("192.0.2.7");

        // Keycloak 26.4/26.5 on the brute-force detector's thread: "RequestScoped context was not active".
        org.mockito.Mockito.when(context.getConnection()).thenThrow(new IllegalStateException("context not active"));
        assertThat(KeycloakCompat.remoteAddress(session)).isNull();
        org.mockito.Mockito.doReturn(null).when(context).getConnection();
        assertThat(KeycloakCompat.remoteAddress(session)).isNull();
    }

    /** Neither shape. */
    public interface Unknown {
        void somethingElse();
    }

    @Test
    void aProtectorWithNeitherMethodIsAClearError() {
        assertThatThrownBy(() -> KeycloakCompat.failedLoginHandle(Unknown.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failedLogin not found");
    }
}
