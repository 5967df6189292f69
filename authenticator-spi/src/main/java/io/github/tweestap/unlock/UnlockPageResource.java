package io.github.tweestap.unlock;

import io.github.tweestap.device.Unlocks;
import io.github.tweestap.support.BackLinks;
import io.github.tweestap.support.PageHeaders;
import io.github.tweestap.support.SelfService;
import io.github.tweestap.support.SlotQuota;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * "Account geblokkeerd? Ontgrendel met de app": {@code /realms/<realm>/tweestap-unlock}. Offered to everyone; the
 * user gives the username and the page shows a number to choose in the app. It answers the same whether or not the
 * account exists, is locked or has an app (a number is shown either way), and as fast: the account is looked up and
 * the request sent after the response ({@link Unlocks#requestFromPageAfterResponse}); only a locked user's bound app
 * gets the request. Rate-limited per client address.
 */
public final class UnlockPageResource {

    static final String TEMPLATE = "tweestap-unlock.ftl";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;

    UnlockPageResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("back") String back) {
        servedHere();
        return page(Response.Status.OK, back, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response request(@FormParam("username") String username, @FormParam("back") String back) {
        servedHere();
        RealmModel realm = session.getContext().getRealm();
        String name = username == null ? "" : username.trim();
        if (name.isEmpty()) {
            return page(Response.Status.BAD_REQUEST, back, null, "tweestapUnlockUsernameMissing");
        }
        if (name.length() > 255) {
            return page(Response.Status.BAD_REQUEST, back, null, "tweestapUnlockUsernameTooLong");
        }
        String ip = session.getContext().getConnection().getRemoteAddr();
        if (!new SlotQuota(session.getProvider(SingleUseObjectProvider.class)).tryAcquire("unlock.page.ip",
                realm.getId() + "/" + ip, 10, 3600, Time.currentTime())) {
            return page(Response.Status.TOO_MANY_REQUESTS, back, null, "tweestapUnlockTooMany");
        }
        // The same work for every username: a number now; the lookup and the request after the response.
        String number = Integer.toString(10 + RANDOM.nextInt(90));
        Unlocks.requestFromPageAfterResponse(session, realm, name, number);
        return page(Response.Status.OK, back, number, null);
    }

    private Response page(Response.Status status, String back, String number, String error) {
        PageHeaders.page(session);
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setAttribute("tweestapBackUrl", backUrl(back))
                .setAttribute("tweestapUnlockNumber", number == null ? "" : number)
                .setStatus(status);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private String backUrl(String back) {
        return BackLinks.of(session, back);
    }

    /** A realm that binds no app (or tells it nothing about a lockout) has no unlock page: the login page has no link. */
    private void servedHere() {
        if (!SelfService.canUnlock(session.getContext().getRealm())) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }
}
