package io.github.tweestap.device;

import io.github.tweestap.sms.SmsPolicySettings;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.FlowConfigs;
import io.github.tweestap.support.QrCodes;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Binds the app while logged in: the same QR page and binding as the push step's (a single-use enrollment token; the
 * binding becomes active only after the one-time SMS code to the verified number is typed in the app or its SMS link
 * opened), with the push step's settings. The page goes on by itself once the phone confirmed ("Annuleren" goes back).
 * Without a verified number there is nothing to bind with: the page says so. A new binding replaces the old one
 * ({@link DeviceActivation}), so this is also "a new phone".
 */
final class BindAppAction implements RequiredActionProvider {

    private static final String NOTE = "tweestap.device.bind.";
    private static final String TOKEN = NOTE + "token";
    private static final String JTI = NOTE + "jti";
    private static final String KEY = NOTE + "key";
    private static final String EXP = NOTE + "exp";

    private final DeviceRuntime runtime;

    BindAppAction(DeviceRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        Map<String, String> config = FlowConfigs.of(realm, PushOrCodeAuthenticatorFactory.ID).orElse(Map.of());
        if (!VerifiedPhone.of(user, SmsPolicySettings.from(config).phonePolicy()).ok()) {
            context.challenge(context.form().setAttribute("tweestapEnrollNoPhone", true)
                    .setError("tweestapBindNoPhone").createForm(PushOrCodeAuthenticator.ENROLL_TEMPLATE));
            return;
        }
        DeviceSettings settings = DeviceSettings.of(config);
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        long expires = parse(auth.getAuthNote(EXP));
        if (auth.getAuthNote(TOKEN) == null || Time.currentTime() >= expires - 30) {
            EnrollmentTokens.Claim claim = EnrollmentTokens.create(realm, user, settings.enrollTtl(), runtime.random());
            byte[] bytes = new byte[32];
            runtime.random().nextBytes(bytes);
            String browserKey = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            auth.setAuthNote(TOKEN, EnrollmentTokens.encode(context.getSession(), realm, claim));
            auth.setAuthNote(JTI, claim.jti());
            auth.setAuthNote(KEY, browserKey);
            auth.setAuthNote(EXP, Long.toString(claim.expires()));
            context.getSession().getProvider(SingleUseObjectProvider.class).put(DeviceActivation.WATCH + claim.jti(),
                    settings.enrollTtl() + settings.bindCodeTtl() + 60L,
                    Map.of("bk", Challenges.digest(browserKey), "user", user.getId()));
        }
        String realmUrl = RealmsResource.realmBaseUrl(context.getSession().getContext().getUri()).build(realm.getName())
                .toString();
        String link = realmUrl + "/tweestap-device/enroll?token=" + auth.getAuthNote(TOKEN);
        context.challenge(context.form()
                .setAttribute("tweestapEnrollQr", QrCodes.pngBase64(link, 300, 300))
                .setAttribute("tweestapEnrollLink", link)
                .setAttribute("tweestapEnrollCancel", true)
                .setAttribute("tweestapEnrollWaitUrl", realmUrl + "/tweestap-device/browser/enrollment?e="
                        + auth.getAuthNote(JTI) + "&k=" + auth.getAuthNote(KEY))
                .createForm(PushOrCodeAuthenticator.ENROLL_TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        if (form.containsKey("cancel")) {
            clear(auth);
            context.cancel();
            return;
        }
        Devices.Device device = Devices.active(context.getUser());
        String jti = auth.getAuthNote(JTI);
        if (device != null && jti != null && jti.equals(device.text("enrollJti"))) {
            clear(auth);
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(context.getUser())
                    .detail("credential_type", Devices.TYPE).detail("tweestap_device", device.id())
                    .detail("tweestap_step", "device_bound").success();
            context.success();
            return;
        }
        requiredActionChallenge(context);
    }

    private static void clear(AuthenticationSessionModel auth) {
        for (String note : new String[] {TOKEN, JTI, KEY, EXP}) {
            auth.removeAuthNote(note);
        }
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
    }
}
