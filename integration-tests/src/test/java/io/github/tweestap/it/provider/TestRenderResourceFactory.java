package io.github.tweestap.it.provider;

import io.github.tweestap.recovery.SecretQuestions;
import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.ThemedEmail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * Installed into the integration tests' server only (never part of the pack, never in what run.sh or the image
 * installs): {@code GET /realms/<realm>/tweestap-test-render/all?user=<username>} renders, for that user (in the
 * user's language), every login page the realm's theme can show — Keycloak's own through its login-forms provider
 * (the pack's {@code tweestap-freemarker}, as in a real login) and the pack's templates with the attributes its
 * steps give them — and returns their HTML; it sends every e-mail Keycloak's e-mail template provider and the pack
 * send, to the user's address (the test's SMTP server), and returns their names in the order sent; and it returns
 * the pack's SMS texts as the pack builds them ({@link LocalizedMessages}). {@code PortalVoiceIT} checks the voice of
 * all of it.
 * <p>
 * It needs no authentication and sends e-mail to any user of any realm, so, like {@link TestClockResourceFactory}, it
 * refuses to start unless the server was started with {@value #OPTION_CLI}, and never in production mode.
 */
public final class TestRenderResourceFactory implements RealmResourceProviderFactory {

    static final String ID = "tweestap-test-render";
    static final String OPTION_CLI = "--spi-realm-restapi-extension--" + ID + "--" + TestOnlyGuard.OPTION + "=true";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Render(session);
            }

            @Override
            public void close() {
            }
        };
    }

    public static final class Render {
        private final KeycloakSession session;

        Render(KeycloakSession session) {
            this.session = session;
        }

        @GET
        @Path("all")
        @Produces(MediaType.APPLICATION_JSON)
        public Response all(@QueryParam("user") String username) {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = username == null ? null : session.users().getUserByUsername(realm, username);
            if (user == null && username != null) {
                // A realm with the e-mail address as username (nse-portal) is asked by address.
                user = session.users().getUserByEmail(realm, username);
            }
            if (user == null) {
                return Response.status(404).entity(Map.of("error", "no such user")).build();
            }
            ClientModel client = realm.getClientByClientId("account-console");
            session.getContext().setClient(client);
            RootAuthenticationSessionModel root = session.authenticationSessions().createRootAuthenticationSession(realm);
            AuthenticationSessionModel auth = root.createAuthenticationSession(client);
            auth.setProtocol("openid-connect");
            auth.setRedirectUri(client.getRootUrl() == null ? "/" : client.getRootUrl());
            auth.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
            auth.setAuthenticatedUser(user);
            session.getContext().setAuthenticationSession(auth);

            Map<String, Object> result = new LinkedHashMap<>();
            Map<String, String> pages = new LinkedHashMap<>();
            Map<String, String> errors = new LinkedHashMap<>();
            renderPages(realm, user, auth, pages, errors);
            result.put("pages", pages);
            List<String> mails = new ArrayList<>();
            Map<String, Map<String, String>> renderedMails = new LinkedHashMap<>();
            sendMails(realm, user, auth, mails, renderedMails, errors);
            result.put("mailsSent", mails);
            result.put("mailsRendered", renderedMails);
            result.put("sms", smsTexts(realm, user));
            result.put("errors", errors);
            session.authenticationSessions().removeRootAuthenticationSession(realm, root);
            return Response.ok(result).build();
        }

        private LoginFormsProvider form(UserModel user, AuthenticationSessionModel auth) {
            return session.getProvider(LoginFormsProvider.class).setAuthenticationSession(auth).setUser(user)
                    .setActionUri(session.getContext().getUri().getRequestUri());
        }

        private void page(Map<String, String> pages, Map<String, String> errors, String name, Supplier<Response> render) {
            try {
                Response response = render.get();
                Object entity = response.getEntity();
                if (entity instanceof String html) {
                    pages.put(name, html);
                } else {
                    errors.put("page " + name, "no HTML (status " + response.getStatus() + ")");
                }
            } catch (RuntimeException e) {
                errors.put("page " + name, e.toString());
            }
        }

        private void renderPages(RealmModel realm, UserModel user, AuthenticationSessionModel auth,
                Map<String, String> pages, Map<String, String> errors) {
            // Keycloak's own pages, as its authenticators and required actions ask for them.
            page(pages, errors, "login", () -> form(user, auth).createLoginUsernamePassword());
            page(pages, errors, "login (wrong password)", () -> form(user, auth)
                    .addError(new FormMessage("username", "invalidUserMessage")).createLoginUsernamePassword());
            page(pages, errors, "login (disabled)", () -> form(user, auth).setError("accountDisabledMessage")
                    .createLoginUsernamePassword());
            page(pages, errors, "login (locked)", () -> form(user, auth)
                    .addError(new FormMessage("username", "accountTemporarilyDisabledMessage"))
                    .createLoginUsernamePassword());
            page(pages, errors, "login-username", () -> form(user, auth).createLoginUsername());
            page(pages, errors, "login-password", () -> form(user, auth).createLoginPassword());
            page(pages, errors, "login-password (missing)", () -> form(user, auth)
                    .addError(new FormMessage("password", "missingPasswordMessage")).createLoginPassword());
            page(pages, errors, "login-reset-password", () -> form(user, auth).createPasswordReset());
            page(pages, errors, "login-reset-password (missing)", () -> form(user, auth)
                    .addError(new FormMessage("username", "missingUsernameMessage")).createPasswordReset());
            page(pages, errors, "login-otp", () -> form(user, auth).createLoginTotp());
            page(pages, errors, "login-otp (wrong code)", () -> form(user, auth)
                    .addError(new FormMessage("totp", "invalidTotpMessage")).createLoginTotp());
            page(pages, errors, "login-config-totp", () -> form(user, auth)
                    .createResponse(UserModel.RequiredAction.CONFIGURE_TOTP));
            page(pages, errors, "login-update-password", () -> form(user, auth)
                    .createResponse(UserModel.RequiredAction.UPDATE_PASSWORD));
            page(pages, errors, "login-update-password (temporary)", () -> form(user, auth)
                    .setMessage(org.keycloak.forms.login.MessageType.WARNING, "updatePasswordMessage")
                    .createResponse(UserModel.RequiredAction.UPDATE_PASSWORD));
            page(pages, errors, "login-update-password (mismatch)", () -> form(user, auth)
                    .addError(new FormMessage("password-confirm", "notMatchPasswordMessage"))
                    .createResponse(UserModel.RequiredAction.UPDATE_PASSWORD));
            page(pages, errors, "login-update-password (policy)", () -> form(user, auth)
                    .addError(new FormMessage("password", "invalidPasswordMinLowerCaseCharsMessage", 1))
                    .createResponse(UserModel.RequiredAction.UPDATE_PASSWORD));
            page(pages, errors, "login-update-profile", () -> form(user, auth)
                    .createResponse(UserModel.RequiredAction.UPDATE_PROFILE));
            page(pages, errors, "login-verify-email", () -> form(user, auth)
                    .createResponse(UserModel.RequiredAction.VERIFY_EMAIL));
            page(pages, errors, "login-page-expired", () -> form(user, auth).createLoginExpiredPage());
            page(pages, errors, "logout-confirm", () -> form(user, auth).setClientSessionCode("voice-test")
                    .createLogoutConfirmPage());
            for (String info : List.of("emailSentMessage", "accountUpdatedMessage", "emailVerifiedMessage",
                    "accountPasswordUpdatedMessage", "successLogout")) {
                page(pages, errors, "info " + info, () -> form(user, auth).setInfo(info).createInfoPage());
            }
            page(pages, errors, "info (required actions)", () -> form(user, auth)
                    .setAttribute("requiredActions", List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP", "VERIFY_EMAIL"))
                    .setInfo("requiredAction").createInfoPage());
            for (String error : List.of("expiredActionMessage", "expiredActionTokenNoSessionMessage",
                    "expiredActionTokenSessionExistsMessage", "cookieNotFoundMessage", "staleCodeMessage",
                    "invalidCodeMessage", "accountDisabledMessage", "identityProviderUnexpectedErrorMessage",
                    "invalidRequestMessage", "differentUserAuthenticated", "sessionNotActiveMessage")) {
                page(pages, errors, "error " + error, () -> form(user, auth).setError(error, "x")
                        .createErrorPage(Response.Status.BAD_REQUEST));
            }
            page(pages, errors, "error (no session)", () -> form(user, null).setError("expiredActionMessage")
                    .createErrorPage(Response.Status.BAD_REQUEST));

            // The pack's pages, with the attributes its steps and pages give them.
            Map<String, Object> totp = new HashMap<>(Map.of("issuer", realm.getDisplayName() == null ? realm.getName()
                    : realm.getDisplayName(), "account", user.getUsername(), "qrCode", "iVBORw0KGgo=", "manualKey",
                    "ABCD EFGH IJKL MNOP", "apps", List.of("totpAppFreeOTPName", "totpAppGoogleName",
                    "totpAppMicrosoftAuthenticatorName"), "digits", 6, "period", 30, "otherDeviceNotice", true));
            pack(pages, errors, user, auth, "tweestap-config-totp.ftl", "", Map.of("tweestapTotp", totp));
            pack(pages, errors, user, auth, "tweestap-config-totp.ftl", " (wrong code)", Map.of("tweestapTotp", totp),
                    new FormMessage("totp", "tweestapOtpInvalid"));
            pack(pages, errors, user, auth, "tweestap-config-totp-done.ftl", "", Map.of("tweestapTotpDone",
                    Map.of("issuer", totp.get("issuer"), "account", user.getUsername())));
            for (Map<String, Object> deactivate : List.of(Map.<String, Object>of("activationRefused", true, "active", true),
                    Map.<String, Object>of("activationRefused", false, "active", true),
                    Map.<String, Object>of("activationRefused", false, "active", false))) {
                pack(pages, errors, user, auth, "tweestap-deactivate-totp.ftl", " " + deactivate,
                        Map.of("tweestapDeactivate", deactivate));
            }
            pack(pages, errors, user, auth, "tweestap-method-choice.ftl", "", Map.of("tweestapMethods", List.of("app", "sms")));
            for (boolean enrolling : List.of(true, false)) {
                pack(pages, errors, user, auth, "tweestap-otp-email.ftl", " enrolling=" + enrolling, Map.of(
                        "tweestapOtpEmail", Map.of("enrolling", enrolling, "maskedEmail", "t***@example.org")));
            }
            pack(pages, errors, user, auth, "tweestap-password-expiry.ftl", "", Map.of("tweestapDaysLeft", 5,
                    "tweestapExpiresOn", "1 januari 2027"));
            pack(pages, errors, user, auth, "tweestap-push-code.ftl", "", Map.of());
            pack(pages, errors, user, auth, "tweestap-push-code.ftl", " (wrong code)", Map.of(),
                    new FormMessage("otp", "tweestapPushCodeInvalid"));
            pack(pages, errors, user, auth, "tweestap-push-enroll.ftl", "", Map.of("tweestapEnrollQr", "iVBORw0KGgo=",
                    "tweestapEnrollLink", "https://example.org/link", "tweestapEnrollWaitUrl", "https://example.org/wait",
                    "tweestapEnrollCancel", true));
            pack(pages, errors, user, auth, "tweestap-push-enroll.ftl", " (no phone)", Map.of("tweestapEnrollNoPhone", true,
                    "tweestapEnrollQr", "", "tweestapEnrollLink", "", "tweestapEnrollWaitUrl", ""));
            pack(pages, errors, user, auth, "tweestap-push-wait.ftl", "", Map.of("tweestapPushNumber", "42",
                    "tweestapPushWaitUrl", "https://example.org/wait", "tweestapPushSecondsLeft", 60));
            String back = "https://example.org/login";
            for (String step : List.of("start", "code", "answer", "choose", "password", "done")) {
                Map<String, Object> attributes = new HashMap<>(Map.of("tweestapStep", step, "tweestapBackUrl", back,
                        "tweestapQuestion", "tweestapQuestionFirstPet"));
                if (step.equals("done")) {
                    for (String done : List.of("tweestapRecoveryUnlocked", "tweestapRecoveryRenewed")) {
                        attributes.put("tweestapDone", done);
                        pack(pages, errors, user, auth, "tweestap-recovery.ftl", " " + done, attributes);
                    }
                } else if (step.equals("choose")) {
                    pack(pages, errors, user, auth, "tweestap-recovery.ftl", " choose", attributes);
                    attributes.put("tweestapDone", "tweestapRecoveryPasswordChanged");
                    pack(pages, errors, user, auth, "tweestap-recovery.ftl", " choose (password changed)", attributes);
                } else {
                    pack(pages, errors, user, auth, "tweestap-recovery.ftl", " " + step, attributes);
                }
            }
            pack(pages, errors, user, auth, "tweestap-recovery.ftl", " start (wrong)", Map.of("tweestapStep", "start",
                    "tweestapBackUrl", back), new FormMessage(null, "tweestapRecoveryNoMatch"));
            pack(pages, errors, user, auth, "tweestap-secret-question.ftl", "", Map.of("tweestapQuestions",
                    List.of(SecretQuestions.DEFAULT_QUESTIONS.split(","))));
            for (boolean known : List.of(true, false)) {
                pack(pages, errors, user, auth, "tweestap-sms-code.ftl", " phoneKnown=" + known, Map.of("tweestapSms",
                        Map.of("phoneKnown", known, "maskedNumber", "+31 6 ****5678", "codeLength", 6)));
            }
            pack(pages, errors, user, auth, "tweestap-sms-code.ftl", " (wrong code)", Map.of("tweestapSms",
                    Map.of("phoneKnown", true, "maskedNumber", "+31 6 ****5678", "codeLength", 6)),
                    new FormMessage("code", "tweestapSmsInvalid"));
            pack(pages, errors, user, auth, "tweestap-unlock.ftl", "", Map.of("tweestapBackUrl", back));
            pack(pages, errors, user, auth, "tweestap-unlock.ftl", " (sent)", Map.of("tweestapBackUrl", back,
                    "tweestapUnlockNumber", "42"));
            for (boolean sent : List.of(true, false)) {
                pack(pages, errors, user, auth, "tweestap-username-reminder.ftl", " sent=" + sent, Map.of(
                        "tweestapBackUrl", back, "tweestapSent", sent, "tweestapEmail", ""));
            }
            for (String step : List.of("number", "code")) {
                pack(pages, errors, user, auth, "tweestap-verify-phone.ftl", " " + step, Map.of("tweestapVerify",
                        Map.of("step", step, "number", "+31612345678", "maskedNumber", "+31 6 ****5678")));
            }
        }

        private void pack(Map<String, String> pages, Map<String, String> errors, UserModel user,
                AuthenticationSessionModel auth, String template, String variant, Map<String, Object> attributes,
                FormMessage... messages) {
            page(pages, errors, template + variant, () -> {
                LoginFormsProvider form = form(user, auth);
                attributes.forEach(form::setAttribute);
                for (FormMessage message : messages) {
                    form.addError(message);
                }
                return form.createForm(template);
            });
        }

        private void sendMails(RealmModel realm, UserModel user, AuthenticationSessionModel auth, List<String> sent,
                Map<String, Map<String, String>> rendered, Map<String, String> errors) {
            String link = session.getContext().getUri().getBaseUri() + "realms/" + realm.getName()
                    + "/login-actions/action-token?key=voice-test";
            mail(sent, errors, "password-reset", () -> emails(user, auth).sendPasswordReset(link, 5));
            mail(sent, errors, "email-verification", () -> emails(user, auth).sendVerifyEmail(link, 5));
            mail(sent, errors, "executeActions (invitation)", () -> emails(user, null)
                    .setAttribute("requiredActions", List.of("UPDATE_PASSWORD")).sendExecuteActions(link, 720));
            mail(sent, errors, "executeActions (actions)", () -> emails(user, null)
                    .setAttribute("requiredActions", List.of("CONFIGURE_TOTP", "VERIFY_EMAIL", "UPDATE_PROFILE"))
                    .sendExecuteActions(link, 720));
            mail(sent, errors, "email-update-confirmation", () -> emails(user, auth)
                    .sendEmailUpdateConfirmation(link, 5, user.getEmail()));
            for (EventType type : List.of(EventType.LOGIN_ERROR, EventType.UPDATE_PASSWORD, EventType.UPDATE_TOTP,
                    EventType.REMOVE_TOTP, EventType.USER_DISABLED_BY_TEMPORARY_LOCKOUT,
                    EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT)) {
                mail(sent, errors, "event-" + type.name().toLowerCase(), () -> emails(user, null).sendEvent(event(realm, user, type, Map.of())));
            }
            for (String credential : List.of("password", "otp", "tweestap-device", "tweestap-secret-question")) {
                for (EventType type : List.of(EventType.UPDATE_CREDENTIAL, EventType.REMOVE_CREDENTIAL)) {
                    mail(sent, errors, "event-" + type.name().toLowerCase() + " " + credential, () -> emails(user, null)
                            .sendEvent(event(realm, user, type, Map.of("credential_type", credential))));
                }
            }
            // The pack's own e-mails, as its classes send them (account, unlock, recovery).
            String name = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
                    : realm.getDisplayName();
            mail(sent, errors, "tweestap-username-email", () -> emails(user, null).send("tweestapUsernameReminderSubject",
                    List.of(name), "tweestap-username-email.ftl", new HashMap<>(Map.of("tweestapUsername",
                            user.getUsername(), "tweestapRealmName", name))));
            mail(sent, errors, "tweestap-password-expiry-email", () -> emails(user, null).send(
                    "tweestapPasswordExpiryReminderSubject", List.of(5), "tweestap-password-expiry-email.ftl",
                    new HashMap<>(Map.of("tweestapDaysLeft", 5, "tweestapExpiresOn", "1 januari 2027",
                            "tweestapRealmName", name))));
            mail(sent, errors, "tweestap-login-failure", () -> emails(user, null).send("tweestapLoginFailureSubject",
                    List.of(name), "tweestap-login-failure.ftl", new HashMap<>(Map.of("tweestapWhen", new Date(),
                            "tweestapIp", "192.0.2.1", "tweestapRealmName", name))));
            mail(sent, errors, "tweestap-unlock-reported", () -> emails(user, null).send("tweestapUnlockReportedSubject",
                    List.of(), "tweestap-unlock-reported.ftl", new HashMap<>(Map.of("tweestapFailures", "5",
                            "tweestapLastIp", "192.0.2.1", "tweestapLastFailure", "1 januari 2027 12:00"))));
            LocalizedMessages messages = LocalizedMessages.forUser(session, realm, user);
            for (String what : List.of("tweestapRecoveryUnlockedSms", "tweestapRecoveryRenewedSms",
                    "tweestapRecoveryPasswordSms")) {
                mail(sent, errors, "tweestap-recovery-done " + what, () -> emails(user, null).send(
                        "tweestapRecoveryMailSubject", List.of(), "tweestap-recovery-done.ftl",
                        new HashMap<>(Map.of("tweestapRecoveryWhat", messages.get(what, name)))));
            }
            try {
                ThemedEmail enrollment = ThemedEmail.render(session, realm, user, "tweestapOtpMailSubject",
                        List.of(name), "tweestap-otp-enrollment.ftl", Map.of("tweestapOtpIssuer", name,
                                "tweestapOtpAccountName", name + ": " + user.getUsername(), "tweestapOtpKey",
                                "ABCD EFGH IJKL MNOP", "tweestapOtpValidMinutes", "10", "tweestapOtpQrSrc", "cid:qr"));
                rendered.put("tweestap-otp-enrollment", Map.of("subject", enrollment.subject(), "text",
                        enrollment.text(), "html", enrollment.html()));
            } catch (Exception e) {
                errors.put("mail tweestap-otp-enrollment", e.toString());
            }
        }

        private EmailTemplateProvider emails(UserModel user, AuthenticationSessionModel auth) {
            EmailTemplateProvider provider = session.getProvider(EmailTemplateProvider.class)
                    .setRealm(session.getContext().getRealm()).setUser(user);
            return auth == null ? provider : provider.setAuthenticationSession(auth);
        }

        private Event event(RealmModel realm, UserModel user, EventType type, Map<String, String> details) {
            Event event = new Event();
            event.setType(type);
            event.setTime(Time.currentTimeMillis());
            event.setRealmId(realm.getId());
            event.setRealmName(realm.getName());
            event.setUserId(user.getId());
            event.setClientId("account-console");
            event.setIpAddress("192.0.2.1");
            event.setDetails(new HashMap<>(details));
            return event;
        }

        private interface Send {
            void send() throws Exception;
        }

        private static void mail(List<String> sent, Map<String, String> errors, String name, Send send) {
            try {
                send.send();
                sent.add(name);
            } catch (Exception e) {
                errors.put("mail " + name, e.toString());
            }
        }

        /** The pack's SMS bodies, as its steps build them (code, minutes, realm name; links; a temporary password). */
        private Map<String, String> smsTexts(RealmModel realm, UserModel user) {
            String name = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
                    : realm.getDisplayName();
            LocalizedMessages msg = LocalizedMessages.forUser(session, realm, user);
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("tweestapSmsBody", msg.get("tweestapSmsBody", "123456", 5, name));
            texts.put("tweestapSmsVerifyBody", msg.get("tweestapSmsVerifyBody", "123456", 5, name));
            texts.put("tweestapSmsTempPasswordBody", msg.get("tweestapSmsTempPasswordBody", "Tijdelijk-1", name,
                    user.getUsername()));
            texts.put("tweestapSmsPhoneLinkBody", msg.get("tweestapSmsPhoneLinkBody", "https://example.org/l", name));
            texts.put("tweestapDeviceBindSms", msg.get("tweestapDeviceBindSms", "123456", "https://example.org/l", 5));
            texts.put("tweestapRecoverySms", msg.get("tweestapRecoverySms", "123456", 5, name));
            for (String key : List.of("tweestapRecoveryUnlockedSms", "tweestapRecoveryRenewedSms",
                    "tweestapRecoveryPasswordSms")) {
                texts.put(key, msg.get(key, name));
            }
            return texts;
        }
    }

    @Override
    public void init(Config.Scope config) {
        TestOnlyGuard.requireTestRun(config, ID, OPTION_CLI, "renders pages and sends e-mail to any user without authentication",
                "sends e-mail to any user without authentication");
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
