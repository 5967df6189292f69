package io.github.tweestap.sms;

import io.github.tweestap.support.SlotQuota;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * The one way the pack sends an SMS: quotas first (per realm, destination, user and client IP, cluster-wide), then
 * the configured gateway. Callers turn the outcome into a page and an event.
 */
public final class SmsDispatcher {

    /** What happened to one message. */
    public enum Outcome {
        SENT(null),
        QUOTA_USER("user"),
        QUOTA_IP("ip"),
        QUOTA_DESTINATION("destination"),
        QUOTA_REALM("realm"),
        FAILED(null);

        private final String quotaScope;

        Outcome(String quotaScope) {
            this.quotaScope = quotaScope;
        }

        public boolean overQuota() {
            return quotaScope != null;
        }

        /** For the event detail {@code tweestap_quota}. */
        public String quotaScope() {
            return quotaScope;
        }
    }

    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);

    private final KeycloakSession session;
    private final SmsPolicySettings policy;

    public SmsDispatcher(KeycloakSession session, SmsPolicySettings policy) {
        this.session = session;
        this.policy = policy;
    }

    /**
     * @param user      the user the message is for, or null
     * @param clientIp  the address of the request that causes the message, or null for an admin action
     * @param e164      destination, already checked against the {@link PhonePolicy}
     */
    public Outcome send(RealmModel realm, UserModel user, String clientIp, String e164, String text, List<String> secrets) {
        SlotQuota quota = new SlotQuota(session.getProvider(SingleUseObjectProvider.class));
        long now = Time.currentTime();
        String realmKey = realm.getId();
        // Narrowest scope first: a refusal takes a slot only in the scopes checked before it, so one abusive
        // client or number uses up its own quota, not the realm's, and probing is not free. The slots of a message
        // the gateway could not take are given back.
        List<String> taken = new ArrayList<>(4);
        if (clientIp != null && !take(quota, taken, "sms.ip", realmKey + "|" + SlotQuota.clientBucket(clientIp), policy.perIp(), now)) {
            return Outcome.QUOTA_IP;
        }
        if (user != null && !take(quota, taken, "sms.user", realmKey + "|" + user.getId(), policy.perUser(), now)) {
            return Outcome.QUOTA_USER;
        }
        if (!take(quota, taken, "sms.destination", realmKey + "|" + e164, policy.perDestination(), now)) {
            return Outcome.QUOTA_DESTINATION;
        }
        if (!take(quota, taken, "sms.realm", realmKey, policy.perRealm(), now)) {
            return Outcome.QUOTA_REALM;
        }
        SmsSenderProvider sender = policy.senderId() != null
                ? session.getProvider(SmsSenderProvider.class, policy.senderId())
                : session.getProvider(SmsSenderProvider.class);
        try {
            if (sender == null) {
                throw new SmsException("SMS sender '" + (policy.senderId() == null ? "default" : policy.senderId())
                        + "' is not available");
            }
            sender.send(new SmsMessage(realm.getName(), e164, text, secrets));
            return Outcome.SENT;
        } catch (SmsException | RuntimeException e) {
            LOG.warnf("SMS to %s (realm %s) could not be sent: %s", SmsMessage.maskNumber(e164), realm.getName(),
                    e.getMessage());
            taken.forEach(quota::release);
            return Outcome.FAILED;
        }
    }

    private static boolean take(SlotQuota quota, List<String> taken, String scope, String subject,
            SmsPolicySettings.Rate rate, long now) {
        String key = quota.acquire(scope, subject, rate.count(), rate.windowSeconds(), now);
        if (key == null) {
            return false;
        }
        taken.add(key);
        return true;
    }
}
