package io.github.tweestap.account;

import io.github.tweestap.support.FlowConfigs;
import java.text.DateFormat;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Mails password-expiry reminders. Runs through {@link io.github.tweestap.support.ClusterOnceTaskRunner}, so in a cluster
 * one node runs it per interval; which threshold was mailed for which password is kept on the user (attribute
 * {@value #MARKER_ATTRIBUTE}), so a later run, on any node, never mails the same threshold twice. A realm takes part when it
 * has an "Expire password" policy and an enabled {@code tweestap-password-expiry-notice} step in one of its flows
 * (that step's configuration holds the thresholds).
 */
final class ExpiryReminderTask implements ScheduledTask {

    static final String MARKER_ATTRIBUTE = "tweestapPasswordReminder";
    private static final Logger LOG = Logger.getLogger(ExpiryReminderTask.class);
    private static final int PAGE = 200;

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream().toList().forEach(realm -> {
            if (PasswordExpiry.policyDays(realm) == -1) {
                return;
            }
            settings(realm).filter(s -> !s.reminderDays().isEmpty()).ifPresent(settings -> remindRealm(session, realm, settings));
        });
    }

    @Override
    public String getTaskName() {
        return PasswordExpiryAuthenticatorFactory.TASK_NAME;
    }

    static Optional<ExpirySettings> settings(RealmModel realm) {
        return FlowConfigs.of(realm, PasswordExpiryAuthenticatorFactory.ID).map(ExpirySettings::of);
    }

    private void remindRealm(KeycloakSession session, RealmModel realm, ExpirySettings settings) {
        // One short transaction per user: a large realm never runs into the transaction timeout, and one failure
        // does not roll back the markers of reminders already mailed.
        session.getContext().setRealm(realm);
        String realmId = realm.getId();
        int first = 0;
        while (true) {
            // u -> u.getId(), not UserModel::getId: that compiles to Model.getId (26.6+), which 26.4/26.5 lack.
            List<String> ids = session.users().searchForUserStream(realm,
                    Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE).map(u -> u.getId()).toList();
            for (String id : ids) {
                try {
                    KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                        RealmModel r = s.realms().getRealm(realmId);
                        s.getContext().setRealm(r);
                        UserModel user = s.users().getUserById(r, id);
                        if (user != null) {
                            remindUser(s, r, settings, user);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warnf("password-expiry reminder for a user of realm %s failed: %s", realm.getName(), e.toString());
                }
            }
            if (ids.size() < PAGE) {
                return;
            }
            first += PAGE;
        }
    }

    private void remindUser(KeycloakSession session, RealmModel realm, ExpirySettings settings, UserModel user) {
        if (!user.isEnabled() || user.getEmail() == null || user.getEmail().isBlank()) {
            return;
        }
        PasswordExpiry expiry = PasswordExpiry.of(session, realm, user);
        if (expiry == null) {
            return;
        }
        int threshold = settings.reachedThreshold(expiry.daysLeft());
        if (threshold == -1 || alreadySent(user.getFirstAttribute(MARKER_ATTRIBUTE), expiry.createdMillis(), threshold)) {
            return;
        }
        // Second guard beside the marker: a run that overlaps another (a very long run, a short interval) on
        // another node cannot mail the same threshold for the same password twice.
        String once = "tweestap.expiry-mail." + user.getId() + "." + expiry.createdMillis() + "." + threshold;
        if (!session.getProvider(SingleUseObjectProvider.class).putIfAbsent(once, 2 * 24 * 3600)) {
            return;
        }
        String expiresOn = DateFormat.getDateInstance(DateFormat.LONG, session.getContext().resolveLocale(user))
                .format(new Date(expiry.expiresAtMillis()));
        EventBuilder event = new EventBuilder(realm, session).event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                .detail("custom_required_action", PasswordExpiryAuthenticatorFactory.ID)
                .detail("tweestap_step", "password_expiry_reminder")
                .detail("tweestap_days_left", Integer.toString(expiry.daysLeft()));
        try {
            AccountMail.sendExpiryReminder(session, realm, user, expiry.daysLeft(), expiresOn);
            user.setSingleAttribute(MARKER_ATTRIBUTE, marker(expiry.createdMillis(), threshold));
            event.success();
        } catch (EmailException e) {
            // Not marked: a later run tries again (once the guard key above has expired).
            LOG.warnf("password-expiry reminder for a user of realm %s could not be sent: %s", realm.getName(),
                    e.getMessage());
            event.error("tweestap_email_failed");
        }
    }

    static String marker(long passwordCreatedMillis, int threshold) {
        return passwordCreatedMillis + ":" + threshold;
    }

    /** True when, for this same password, a reminder for this threshold or a smaller one was sent already. */
    static boolean alreadySent(String marker, long passwordCreatedMillis, int threshold) {
        if (marker == null) {
            return false;
        }
        String[] parts = marker.split(":", 2);
        if (parts.length != 2 || !parts[0].equals(Long.toString(passwordCreatedMillis))) {
            return false;
        }
        try {
            return Integer.parseInt(parts[1]) <= threshold;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
