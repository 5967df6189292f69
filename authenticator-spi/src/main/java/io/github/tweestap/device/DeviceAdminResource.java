package io.github.tweestap.device;

import io.github.tweestap.support.AdminUsers;
import io.github.tweestap.otp.EnrollmentMail;
import io.github.tweestap.sms.SmsPolicySettings;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.HtmlPage;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.QrCodes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Admin REST API of the companion bindings, under {@code /admin/realms/<realm>/tweestap-device}: list a user's
 * bound apps (view-users), e-mail the user a QR code to bind the app (seed 001: "de QR-code uit de
 * Servicedesk-email"; manage-users) and remove the bindings (manage-users).
 */
public final class DeviceAdminResource {

    private static final Logger LOG = Logger.getLogger(DeviceAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final DeviceRuntime runtime;

    DeviceAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent, DeviceRuntime runtime) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.runtime = runtime;
    }

    @GET
    @Path("users/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> devices(@PathParam("id") String id) {
        UserModel user = user(id, false);
        List<Map<String, Object>> devices = Devices.all(user).stream().map(d -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", d.id());
            item.put("name", d.name());
            item.put("status", d.text("status"));
            item.put("created", d.credential().getCreatedDate() == null ? null
                    : Instant.ofEpochMilli(d.credential().getCreatedDate()).toString());
            return item;
        }).toList();
        return Map.of("devices", devices);
    }

    /** 202 when the e-mail went out; 400 without e-mail address, 409 without a verified mobile number. */
    @POST
    @Path("users/{id}/enrollment-email")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrollmentEmail(@PathParam("id") String id) {
        UserModel user = user(id, true);
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return DeviceResource.error(400, "no_email", "The user has no e-mail address.");
        }
        RequiredActionConfigModel smsConfig = realm.getRequiredActionConfigByAlias("tweestap-verify-phone");
        SmsPolicySettings policy = SmsPolicySettings.from(smsConfig == null ? null : smsConfig.getConfig());
        if (!VerifiedPhone.of(user, policy.phonePolicy()).ok()) {
            return DeviceResource.error(409, "no_phone",
                    "The user has no verified mobile number; the binding is confirmed by an SMS code.");
        }
        DeviceSettings settings = DeviceSettings.of(realm);
        EnrollmentTokens.Claim claim = EnrollmentTokens.create(realm, user, settings.emailEnrollTtl(), runtime.random());
        String link = org.keycloak.services.resources.RealmsResource.realmBaseUrl(session.getContext().getUri())
                .build(realm.getName()) + "/tweestap-device/enroll?token=" + EnrollmentTokens.encode(session, realm, claim);
        LocalizedMessages msg = LocalizedMessages.forUser(session, realm, user);
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
                : realm.getDisplayName();
        int hours = Math.max(1, settings.emailEnrollTtl() / 3600);
        String subject = msg.get("tweestapDeviceMailSubject", realmName);
        String text = msg.get("tweestapDeviceMailIntro", realmName) + "\n\n1. " + msg.get("tweestapEnrollStep1") + "\n2. "
                + msg.get("tweestapEnrollStep2") + "\n3. " + msg.get("tweestapDeviceMailScan") + "\n4. "
                + msg.get("tweestapDeviceMailSms") + "\n\n" + msg.get("tweestapEnrollLinkSummary") + ":\n" + link + "\n\n"
                + msg.get("tweestapDeviceMailValidity", hours) + "\n" + msg.get("tweestapDeviceMailNotYou");
        String html = "<p>" + HtmlPage.escape(msg.get("tweestapDeviceMailIntro", realmName)) + "</p><ol><li>"
                + HtmlPage.escape(msg.get("tweestapEnrollStep1")) + "</li><li>" + HtmlPage.escape(msg.get("tweestapEnrollStep2"))
                + "</li><li>" + HtmlPage.escape(msg.get("tweestapDeviceMailScan")) + "</li><li>"
                + HtmlPage.escape(msg.get("tweestapDeviceMailSms")) + "</li></ol>"
                + "<p><img src=\"cid:" + EnrollmentMail.CONTENT_ID + "\" alt=\"" + HtmlPage.escape(msg.get("tweestapEnrollQrAlt"))
                + "\" width=\"300\" height=\"300\"></p><p>" + HtmlPage.escape(msg.get("tweestapEnrollLinkSummary"))
                + ":<br><code>" + HtmlPage.escape(link) + "</code></p><p>"
                + HtmlPage.escape(msg.get("tweestapDeviceMailValidity", hours)) + "</p><p>"
                + HtmlPage.escape(msg.get("tweestapDeviceMailNotYou")) + "</p>";
        try {
            byte[] png = QrCodes.png(link, 300, 300);
            EnrollmentMail.sendWithQr(session, realm, user.getEmail(), subject, text, html, png);
        } catch (EnrollmentMail.MailException e) {
            LOG.warnf("binding e-mail for a user of realm %s could not be sent: %s", realm.getName(), e.getMessage());
            return DeviceResource.error(502, "email_failed", "The mail server did not accept the e-mail.");
        }
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .detail("tweestap_step", "device_enrollment_email").success();
        return Response.accepted(Map.of("sent", true, "expiresIn", settings.emailEnrollTtl()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("users/{id}/devices")
    public Response unlinkAll(@PathParam("id") String id) {
        UserModel user = user(id, true);
        List<Devices.Device> devices = Devices.all(user);
        devices.forEach(Devices::remove);
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .detail("tweestap_step", "devices_unlinked").detail("tweestap_devices", Integer.toString(devices.size()))
                .success();
        return Response.noContent().build();
    }

    private UserModel user(String id, boolean manage) {
        return AdminUsers.require(session, realm, auth, id, manage);
    }
}
