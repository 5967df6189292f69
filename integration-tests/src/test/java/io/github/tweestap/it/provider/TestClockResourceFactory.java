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
 * Installed into the integration tests' server only (never part of the pack, never in what run.sh or the image
 * installs): {@code PUT
 * /realms/master/tweestap-test-clock/offset/<seconds>} moves Keycloak's clock ({@link Time#setOffset}), as Keycloak's
 * own testsuite does, so time-based behaviour (password expiry) can be tested without waiting days.
 * <p>
 * It needs no authentication and moves the whole server's clock (lockouts, quotas, codes, tokens), so it refuses to
 * start, failing the server's start, unless the server was started with the explicit option
 * {@value #OPTION_CLI}, and never in production mode ({@code kc.sh start}).
 */
public final class TestClockResourceFactory implements RealmResourceProviderFactory {

    static final String ID = "tweestap-test-clock";
    static final String OPTION_CLI = "--spi-realm-restapi-extension--" + ID + "--" + TestOnlyGuard.OPTION + "=true";

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
        TestOnlyGuard.requireTestRun(config, ID, OPTION_CLI, "lets anyone move the server's clock",
                "lets anyone move the server's clock");
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
