package io.github.tweestap.account;

import io.github.tweestap.support.BackLinks;
import io.github.tweestap.support.PageHeaders;
import io.github.tweestap.support.SlotQuota;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.utils.EmailValidationUtil;

/**
 * "Gebruikersnaam vergeten?": {@code /realms/<realm>/tweestap-account/username}. The user gives an e-mail address;
 * every account with that address gets its username by e-mail. The answer page is the same whether or not the
 * address is known, and the e-mail goes out after the response on a worker thread, so neither the page nor its
 * timing tells whether the address exists. Rate-limited per client address, per e-mail address and client address,
 * and per e-mail address.
 */
public final class UsernameReminderResource {

    static final String TEMPLATE = "tweestap-username-reminder.ftl";
    private static final Logger LOG = Logger.getLogger(UsernameReminderResource.class);
    private static final int MAX_ACCOUNTS_PER_ADDRESS = 10;

    private final KeycloakSession session;
    private final UsernameReminderLimits limits;

    UsernameReminderResource(KeycloakSession session, UsernameReminderLimits limits) {
        this.session = session;
        this.limits = limits;
    }

    @GET
    @Path("username")
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("back") String back) {
        return page(Response.Status.OK, back, null, null, false);
    }

    @POST
    @Path("username")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response send(@FormParam("email") String email, @FormParam("back") String back) {
        RealmModel realm = session.getContext().getRealm();
        String address = email == null ? "" : email.trim();
        if (address.isEmpty()) {
            return page(Response.Status.BAD_REQUEST, back, address, "tweestapUsernameReminderMissing", false);
        }
        if (address.length() > 254 || !EmailValidationUtil.isValidEmail(address)) {
            return page(Response.Status.BAD_REQUEST, back, address, "tweestapUsernameReminderInvalid", false);
        }
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION).detail("custom_required_action", UsernameReminderResourceFactory.ID)
                .detail("tweestap_step", "username_reminder");
        SlotQuota quota = new SlotQuota(session.getProvider(SingleUseObjectProvider.class));
        long now = Time.currentTime();
        String source = SlotQuota.clientBucket(session.getContext().getConnection().getRemoteAddr());
        String subject = realm.getId() + "/" + address.toLowerCase(Locale.ROOT);
        int window = limits.windowSeconds();
        // Per address and source first: a stranger's requests use up the stranger's share, not the owner's; the
        // higher per-address ceiling still caps the e-mails all sources together can cause.
        if (!quota.tryAcquire("username.ip", realm.getId() + "/" + source, limits.perIp(), window, now)
                || !quota.tryAcquire("username.address.ip", subject + "|" + source, limits.perAddressAndIp(), window, now)
                || !quota.tryAcquire("username.address", subject, limits.perAddress(), window, now)) {
            event.error("tweestap_rate_limited");
            return page(Response.Status.TOO_MANY_REQUESTS, back, address, "tweestapUsernameReminderTooMany", false);
        }
        List<String> userIds = session.users()
                .searchForUserStream(realm, Map.of(UserModel.EMAIL, address, UserModel.EXACT, "true"), 0,
                        MAX_ACCOUNTS_PER_ADDRESS)
                .filter(user -> address.equalsIgnoreCase(user.getEmail()))
                .filter(UserModel::isEnabled)
                .filter(UserModel::isEmailVerified) // an unverified address may not be the account holder's
                // Not UserModel::getId: that compiles to Model.getId (26.6+), which Keycloak 26.4/26.5 lack.
                .map(u -> u.getId())
                .toList();
        if (userIds.isEmpty()) {
            event.error("user_not_found");
        } else {
            event.detail("tweestap_accounts", Integer.toString(userIds.size())).success();
            sendLater(session.getKeycloakSessionFactory(), realm.getId(), userIds);
        }
        return page(Response.Status.OK, back, null, null, true);
    }

    private void sendLater(KeycloakSessionFactory factory, String realmId, List<String> userIds) {
        Runnable job = () -> KeycloakModelUtils.runJobInTransaction(factory, background -> {
            RealmModel realm = background.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            background.getContext().setRealm(realm);
            for (String id : userIds) {
                UserModel user = background.users().getUserById(realm, id);
                if (user == null) {
                    continue;
                }
                try {
                    AccountMail.sendUsername(background, realm, user);
                } catch (EmailException | RuntimeException e) {
                    LOG.warnf("username reminder for a user of realm %s could not be sent: %s", realm.getName(),
                            e.getMessage());
                }
            }
        });
        session.getTransactionManager().enlistAfterCompletion(new org.keycloak.models.AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.getProvider(ExecutorsProvider.class).getExecutor("tweestap-mail").execute(job);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private Response page(Response.Status status, String back, String email, String error, boolean sent) {
        PageHeaders.page(session);
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setAttribute("tweestapBackUrl", backUrl(back))
                .setAttribute("tweestapEmail", email == null ? "" : email)
                .setAttribute("tweestapSent", sent)
                .setStatus(status);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private String backUrl(String back) {
        return BackLinks.of(session, back);
    }
}
