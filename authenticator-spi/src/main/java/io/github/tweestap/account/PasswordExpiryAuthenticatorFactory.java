package io.github.tweestap.account;

import io.github.tweestap.support.StepFactory;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import io.github.tweestap.support.ClusterOnceTaskRunner;
import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.UnsupportedVersion;
import org.keycloak.timer.TimerProvider;

/**
 * The password-expiry step ({@code tweestap-password-expiry-notice}) and the cluster-aware scheduled task that
 * mails the reminders. Server option: {@code --spi-authenticator--tweestap-password-expiry-notice--reminder-interval}
 * (seconds between runs, default 3600; 0 switches reminder e-mails off on this node).
 */
public final class PasswordExpiryAuthenticatorFactory implements StepFactory {

    public static final String ID = "tweestap-password-expiry-notice";
    static final String TASK_NAME = "tweestap-password-expiry-reminders";

    private static final Logger LOG = Logger.getLogger(PasswordExpiryAuthenticatorFactory.class);

    private long intervalMillis;

    @Override
    public Authenticator create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.authenticator();
        }
        return new PasswordExpiryAuthenticator();
    }

    @Override
    public java.util.List<org.keycloak.provider.ProviderConfigProperty> getConfigMetadata() {
        return org.keycloak.provider.ProviderConfigurationBuilder.create()
                .property().name("reminderInterval").type(org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(3600).helpText("Seconds between two runs of the password-expiry reminder e-mails on "
                        + "this node, 0-604800; 0 switches the reminders off on this node.").add()
                .build();
    }

    @Override
    public void init(Config.Scope config) {
        int seconds = config.getInt("reminderInterval", 3600);
        if (seconds < 0 || seconds > 7 * 24 * 3600) {
            LOG.warnf("reminder-interval %d is outside 0..604800 seconds; using 3600", seconds);
            seconds = 3600;
        }
        intervalMillis = seconds * 1000L;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (!KeycloakVersion.supported()) {
            return; // the startup error (KeycloakVersion) says that nothing of the pack runs
        }
        if (intervalMillis == 0) {
            LOG.info("password-expiry reminder e-mails are switched off on this node (reminder-interval 0)");
            return;
        }
        long interval = intervalMillis;
        // Once Keycloak has started, not during the other factories' postInit (see DeviceResourceFactory).
        factory.register(started -> {
            if (started instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(new ClusterOnceTaskRunner(factory, new ExpiryReminderTask(), interval), interval,
                                TASK_NAME));
            }
        });
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Tweestap: password expiry notice";
    }

    @Override
    public String getHelpText() {
        return "Put after the password step. Shows a banner page some days before the realm's 'Expire password'"
                + " policy forces a new password, and (configured here) when reminder e-mails are sent.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return StepFactory.requiredOrDisabled();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ExpirySettings.configProperties();
    }
}
