package io.github.tweestap.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import io.github.tweestap.support.LocalizedMessages;

/**
 * Admin REST API of the SMS capability, under {@code /admin/realms/<realm>/tweestap/users/<id>/...}. Every call
 * checks that the caller may manage the user.
 */
public final class SmsAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final SecureRandom random;

    SmsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent, SecureRandom random) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.random = random;
    }

    /**
     * Registers the user's mobile number (normalised by the realm's phone policy) and sends it a one-time SMS link;
     * the number becomes verified only when that link is opened and confirmed on the phone. Body:
     * {@code {"phoneNumber": "06 12345678"}}. 202 when the link was sent, 200 when that number is already verified.
     */
    @PUT
    @Path("users/{id}/phone-number")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response registerPhoneNumber(@PathParam("id") String id, Map<String, String> body) {
        UserModel user = user(id);
        SmsPolicySettings policy = policy();
        PhonePolicy.Result check = policy.phonePolicy().check(body == null ? null : body.get("phoneNumber"));
        if (!check.ok()) {
            return error(Response.Status.BAD_REQUEST, "phone_" + check.problem().name().toLowerCase(),
                    check.problem().messageKey());
        }
        String previous = user.getFirstAttribute(VerifiedPhone.PHONE_ATTRIBUTE);
        user.setSingleAttribute(VerifiedPhone.PHONE_ATTRIBUTE, check.e164());
        if (VerifiedPhone.of(user, policy.phonePolicy()).ok()) {
            return Response.ok(Map.of("phoneNumber", check.e164(), "verified", true)).build();
        }
        String token = PhoneLinks.create(session, realm, user, check.e164(), policy.linkTtlSeconds(), random);
        String link = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(PhoneLinkResourceProviderFactory.ID).path("verify").queryParam("t", token).build().toString();
        LocalizedMessages messages = LocalizedMessages.forUser(session, realm, user);
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        String text = messages.get("tweestapSmsPhoneLinkBody", link, realmName);
        SmsDispatcher.Outcome outcome = new SmsDispatcher(session, policy)
                .send(realm, user, null, check.e164(), text, List.of(token));
        if (outcome != SmsDispatcher.Outcome.SENT) {
            // Nothing changes when the link could not be sent.
            if (previous == null) {
                user.removeAttribute(VerifiedPhone.PHONE_ATTRIBUTE);
            } else {
                user.setSingleAttribute(VerifiedPhone.PHONE_ATTRIBUTE, previous);
            }
            return outcome == SmsDispatcher.Outcome.FAILED
                    ? error(Response.Status.BAD_GATEWAY, "sms_send_failed", "tweestapSmsSendFailed")
                    : error(Response.Status.TOO_MANY_REQUESTS, "sms_quota_exceeded", "tweestapSmsQuotaExceeded");
        }
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                .detail(SmsCodeAuthenticator.DETAIL_STEP, "phone_registered")
                .detail(SmsCodeAuthenticator.DETAIL_PHONE, VerifiedPhone.masked(check.e164())).success();
        return Response.accepted(Map.of("phoneNumber", check.e164(), "verified", false, "verificationSent", true)).build();
    }

    /**
     * Sets a random temporary password that satisfies the realm's password policy, sends it by SMS to the user's
     * verified number and makes the user choose a new password at the next login. Nothing changes when the SMS
     * cannot be sent.
     */
    @POST
    @Path("users/{id}/temporary-password-sms")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sendTemporaryPassword(@PathParam("id") String id) {
        UserModel user = user(id);
        SmsPolicySettings policy = policy();
        VerifiedPhone.Lookup phone = VerifiedPhone.of(user, policy.phonePolicy());
        if (!phone.ok()) {
            String key = switch (phone.problem()) {
                case UNVERIFIED -> "tweestapSmsPhoneUnverified";
                case NOT_ALLOWED -> "tweestapSmsPhoneNotAllowed";
                default -> "tweestapSmsNoPhone";
            };
            return error(Response.Status.BAD_REQUEST, "phone_" + phone.problem().name().toLowerCase(), key);
        }
        String password = generatePassword(user);
        if (password == null) {
            return error(Response.Status.CONFLICT, "password_policy_unsatisfiable", "tweestapTempPasswordPolicy");
        }
        LocalizedMessages messages = LocalizedMessages.forUser(session, realm, user);
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        String text = messages.get("tweestapSmsTempPasswordBody", password, realmName, user.getUsername());
        SmsDispatcher.Outcome outcome = new SmsDispatcher(session, policy)
                .send(realm, user, null, phone.e164(), text, List.of(password));
        if (outcome != SmsDispatcher.Outcome.SENT) {
            return outcome == SmsDispatcher.Outcome.FAILED
                    ? error(Response.Status.BAD_GATEWAY, "sms_send_failed", "tweestapSmsSendFailed")
                    : error(Response.Status.TOO_MANY_REQUESTS, "sms_quota_exceeded", "tweestapSmsQuotaExceeded");
        }
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .detail(SmsCodeAuthenticator.DETAIL_STEP, "temporary_password_sent")
                .detail(SmsCodeAuthenticator.DETAIL_PHONE, VerifiedPhone.masked(phone.e164())).success();
        return Response.noContent().build();
    }

    private String generatePassword(UserModel user) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        TemporaryPasswords.Rules rules = new TemporaryPasswords.Rules(config(policy, "length"),
                config(policy, "maxLength"), config(policy, "lowerCase"), config(policy, "upperCase"),
                config(policy, "digits"), config(policy, "specialChars"));
        TemporaryPasswords generator = new TemporaryPasswords(random);
        PasswordPolicyManagerProvider validator = session.getProvider(PasswordPolicyManagerProvider.class);
        for (int i = 0; i < 20; i++) {
            String candidate;
            try {
                candidate = generator.generate(rules);
            } catch (IllegalArgumentException e) {
                return null;
            }
            PolicyError error = validator.validate(realm, user, candidate);
            if (error == null) {
                return candidate;
            }
        }
        return null;
    }

    private static int config(PasswordPolicy policy, String key) {
        if (policy == null || !policy.getPolicies().contains(key)) {
            return 0;
        }
        Object value = policy.getPolicyConfig(key);
        return value instanceof Number n ? n.intValue() : 0;
    }

    private SmsPolicySettings policy() {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(VerifyPhoneRequiredActionFactory.ID);
        return SmsPolicySettings.from(config == null ? null : config.getConfig());
    }

    private UserModel user(String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null) {
            // Same answer as Keycloak's own user endpoints, before any permission detail is revealed.
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        auth.users().requireManage(user);
        return user;
    }

    private Response error(Response.Status status, String error, String messageKey) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("errorMessage", LocalizedMessages.load(session, realm,
                session.getContext().resolveLocale(null)).get(messageKey));
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
}
