package io.github.tweestap.support;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What the pack's steps, required actions and pages do on a Keycloak version outside {@link KeycloakVersion}'s
 * range: refuse with a localised error page (503), never run code that may not link there. The factories hand
 * these out instead of their real providers when {@link KeycloakVersion#supported()} is false; this class uses only
 * API that has been stable across Keycloak versions for years.
 */
public final class UnsupportedVersion {

    /** The message key of the error page (nl + en in theme-resources). */
    public static final String MESSAGE = "tweestapUnsupportedKeycloak";
    static final String ERROR = "tweestap_unsupported_keycloak_version";

    private UnsupportedVersion() {
    }

    /** A login step that ends the flow on the error page (fails closed: no step of the pack is ever skipped). */
    public static Authenticator authenticator() {
        return new Authenticator() {
            @Override
            public void authenticate(AuthenticationFlowContext context) {
                refuse(context);
            }

            @Override
            public void action(AuthenticationFlowContext context) {
                refuse(context);
            }

            private void refuse(AuthenticationFlowContext context) {
                if (context.getUser() != null) {
                    context.getEvent().user(context.getUser());
                }
                context.getEvent().error(ERROR);
                context.failure(AuthenticationFlowError.INTERNAL_ERROR, page(context.form()));
            }

            @Override
            public boolean requiresUser() {
                return false;
            }

            @Override
            public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
                return true;
            }

            @Override
            public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A required action that adds itself to nobody and, once a user has it, shows the error page. */
    public static RequiredActionProvider requiredAction() {
        return new RequiredActionProvider() {
            @Override
            public void evaluateTriggers(RequiredActionContext context) {
            }

            @Override
            public void requiredActionChallenge(RequiredActionContext context) {
                context.challenge(page(context.form()));
            }

            @Override
            public void processAction(RequiredActionContext context) {
                context.challenge(page(context.form()));
            }

            @Override
            public void close() {
            }
        };
    }

    /** An event listener that does nothing (the pack's e-mails and unlock requests stay off). */
    public static EventListenerProvider eventListener() {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** The JAX-RS resource of a realm or admin extension: every request gets the error page (or JSON for APIs). */
    public static Object resource(KeycloakSession session, boolean json) {
        return new Refusal(session, json);
    }

    /** A browser (it accepts HTML) on a page of the pack gets the page; APIs and admin extensions get JSON. */
    static boolean wantsPage(String accept, boolean json) {
        return !json && accept != null && accept.contains(MediaType.TEXT_HTML);
    }

    static Response page(LoginFormsProvider form) {
        return form.setError(MESSAGE).createErrorPage(Response.Status.SERVICE_UNAVAILABLE);
    }

    /** Answers every method and path below the extension's root. */
    public static final class Refusal {

        private final KeycloakSession session;
        private final boolean json;

        Refusal(KeycloakSession session, boolean json) {
            this.session = session;
            this.json = json;
        }

        @GET
        public Response get() {
            return refuse();
        }

        @POST
        public Response post() {
            return refuse();
        }

        @PUT
        public Response put() {
            return refuse();
        }

        @DELETE
        public Response delete() {
            return refuse();
        }

        @GET
        @Path("{any: .+}")
        public Response getBelow() {
            return refuse();
        }

        @POST
        @Path("{any: .+}")
        public Response postBelow() {
            return refuse();
        }

        @PUT
        @Path("{any: .+}")
        public Response putBelow() {
            return refuse();
        }

        @DELETE
        @Path("{any: .+}")
        public Response deleteBelow() {
            return refuse();
        }

        private Response refuse() {
            HttpHeaders headers = session.getContext().getRequestHeaders();
            String accept = headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT);
            if (!wantsPage(accept, json)) {
                return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("error", ERROR, "error_description",
                                "This Keycloak version is not supported by Tweestap; see the server log."))
                        .build();
            }
            return page(session.getProvider(LoginFormsProvider.class));
        }
    }
}
