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
        return type == KeycloakServer.class || type == AdminApi.class || type == Outbox.class
                || type == SmsGatewayStub.class || type == Mailbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Running running = store.getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == KeycloakServer.class) {
            return running.server;
        }
        if (type == AdminApi.class) {
            return running.admin;
        }
        if (type == SmsGatewayStub.class) {
            return running.gateway;
        }
        if (type == Mailbox.class) {
            return running.mailbox;
        }
        return new Outbox(running.server);
    }

    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final SmsGatewayStub gateway;
        final Mailbox mailbox;
        final KeycloakServer server;
        final AdminApi admin;

        private Running(SmsGatewayStub gateway, Mailbox mailbox, KeycloakServer server) {
            this.gateway = gateway;
            this.mailbox = mailbox;
            this.server = server;
            this.admin = new AdminApi(server);
        }

        static Running start() {
            SmsGatewayStub gateway = SmsGatewayStub.start();
            Mailbox mailbox = Mailbox.start();
            // The server's "http" SMS gateway points at the stub; realms use it when their config says so.
            KeycloakServer server = KeycloakServer.start(java.util.Map.of(
                    "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__URL", gateway.url() + "/send",
                    "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__BODY", "{\"to\":\"{to}\",\"text\":\"{text}\"}",
                    "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__HEADERS", "X-Api-Key: {secret}",
                    "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__SECRET", SmsGatewayStub.API_KEY,
                    "KC_SPI_TWEESTAP_SMS_SENDER__HTTP__READ_TIMEOUT_MS", "3000"));
            Running running = new Running(gateway, mailbox, server);
            // Every browser test comes from 127.0.0.1; the portal's per-IP SMS quota is for real traffic.
            running.admin.raiseIpQuota("werkplek-sms-lab", "werkplek browser forms", "werkplek sms code");
            // E-mail goes to a real SMTP server in the test (the dev outbox's e-mail capture is for ./run.sh).
            // Every imported realm but master (the portal realms and the labs).
            java.util.List<String> realms = new java.util.ArrayList<>();
            running.admin.get("/admin/realms").forEach(r -> realms.add(r.get("realm").asText()));
            realms.remove("master");
            for (String realm : realms) {
                running.admin.put("/admin/realms/" + realm, java.util.Map.of("smtpServer", java.util.Map.of(
                        "host", "127.0.0.1", "port", Integer.toString(mailbox.port()),
                        "from", "noreply@" + realm + ".test", "fromDisplayName", realm)));
            }
            return running;
        }

        @Override
        public void close() {
            server.stop();
            gateway.close();
            mailbox.close();
        }
    }
}
