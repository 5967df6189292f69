package io.github.tweestap.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one shared {@link KeycloakServer} (started on first use, stopped when the test run ends)
 * and an {@link AdminApi} for it, as constructor or method parameters.
 */
public final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == AdminApi.class || type == Outbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Running running = store.getOrComputeIfAbsent(Running.class, k -> new Running(KeycloakServer.start()), Running.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == KeycloakServer.class) {
            return running.server;
        }
        if (type == AdminApi.class) {
            return running.admin;
        }
        return new Outbox(running.server);
    }

    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final KeycloakServer server;
        final AdminApi admin;

        Running(KeycloakServer server) {
            this.server = server;
            this.admin = new AdminApi(server);
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
