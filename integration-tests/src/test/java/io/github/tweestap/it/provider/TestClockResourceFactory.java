package io.github.tweestap.it.provider;

import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Installed into the integration tests' server only (never part of the pack): {@code PUT
 * /realms/master/tweestap-test-clock/offset/<seconds>} moves Keycloak's clock ({@link Time#setOffset}), as Keycloak's
 * own testsuite does, so time-based behaviour (password expiry) can be tested without waiting days.
 */
public final class TestClockResourceFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Clock();
            }

            @Override
            public void close() {
            }
        };
    }

    public static final class Clock {
        @PUT
        @Path("offset/{seconds}")
        public Response offset(@PathParam("seconds") int seconds) {
            Time.setOffset(seconds);
            return Response.noContent().build();
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return "tweestap-test-clock";
    }
}
