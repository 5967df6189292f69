package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;

class UnsupportedVersionTest {

    private final Response page = mock(Response.class);

    private LoginFormsProvider form() {
        LoginFormsProvider form = mock(LoginFormsProvider.class);
        when(form.setError(UnsupportedVersion.MESSAGE)).thenReturn(form);
        when(form.createErrorPage(Response.Status.SERVICE_UNAVAILABLE)).thenReturn(page);
        return form;
    }

    // The login step's refusal (an event, then the flow fails on the page) needs Keycloak's EventBuilder, which does
    // not load outside the server: UnsupportedVersionIT checks it on a real unsupported Keycloak.

    @Test
    void aRequiredActionShowsTheErrorPageAndNeverPassesOrAddsItself() {
        RequiredActionContext context = mock(RequiredActionContext.class);
        LoginFormsProvider form = form();
        when(context.form()).thenReturn(form);
        RequiredActionProvider action = UnsupportedVersion.requiredAction();

        action.evaluateTriggers(context);
        verify(context, never()).getUser();
        action.requiredActionChallenge(context);
        action.processAction(context);

        verify(context, org.mockito.Mockito.times(2)).challenge(page);
        verify(context, never()).success();
    }

    private UnsupportedVersion.Refusal refusal(String accept, boolean json, LoginFormsProvider form) {
        KeycloakSession session = mock(KeycloakSession.class);
        KeycloakContext context = mock(KeycloakContext.class);
        HttpHeaders headers = mock(HttpHeaders.class);
        when(session.getContext()).thenReturn(context);
        when(context.getRequestHeaders()).thenReturn(headers);
        when(headers.getHeaderString(HttpHeaders.ACCEPT)).thenReturn(accept);
        when(session.getProvider(LoginFormsProvider.class)).thenReturn(form);
        return (UnsupportedVersion.Refusal) UnsupportedVersion.resource(session, json);
    }

    @Test
    void aBrowserGetsThePageEveryMethodAndPath() {
        LoginFormsProvider form = form();
        UnsupportedVersion.Refusal refusal = refusal("text/html,application/xhtml+xml,*/*;q=0.8", false, form);
        assertThat(refusal.get()).isSameAs(page);
        assertThat(refusal.postBelow()).isSameAs(page);
        assertThat(refusal.deleteBelow()).isSameAs(page);
    }

    @Test
    void apisAndAdminExtensionsGetJsonNotThePage() {
        assertThat(UnsupportedVersion.wantsPage("text/html,application/xhtml+xml,*/*;q=0.8", false)).isTrue();
        assertThat(UnsupportedVersion.wantsPage("application/json", false)).isFalse();
        assertThat(UnsupportedVersion.wantsPage(null, false)).isFalse();
        assertThat(UnsupportedVersion.wantsPage("text/html", true)).as("admin extensions").isFalse();
    }
}
