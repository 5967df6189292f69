package io.github.tweestap.otp;

import io.github.tweestap.devoutbox.DevOutboxEmailSenderProviderFactory;
import io.github.tweestap.devoutbox.OutboxStore;
import io.github.tweestap.support.QrCodes;
import io.github.tweestap.support.ThemedEmail;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.vault.VaultStringSecret;

/**
 * The enrollment e-mail (seed 003): account name, manual key and the QR code as an inline image
 * (multipart/related, {@code cid:}), which Keycloak's own e-mail sender cannot attach. Its subject and bodies come
 * from the realm's e-mail theme (templates {@code html|text/tweestap-otp-enrollment.ftl}, messages
 * {@code tweestapOtpMail*}), rendered by Keycloak's FreeMarker e-mail templating; it is sent with the realm's SMTP
 * settings, or kept in the dev outbox when that captures e-mail.
 */
public final class EnrollmentMail {

    public static final String CONTENT_ID = "tweestap-qr";

    private EnrollmentMail() {
    }

    /** Thrown when the e-mail could not be sent; its message never contains the secret. */
    public static final class MailException extends Exception {
        private static final long serialVersionUID = 1L;

        MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The e-mail's templates ({@code html/} and {@code text/}), in theme-resources; any e-mail theme may override. */
    static final String TEMPLATE = "tweestap-otp-enrollment.ftl";

    static void send(KeycloakSession session, RealmModel realm, UserModel user, String issuer, String account,
            String keyUri, String manualKey, int validMinutes) throws MailException {
        byte[] png;
        try {
            png = QrCodes.png(keyUri, 246, 246);
        } catch (IllegalStateException e) {
            throw new MailException("QR code could not be drawn", e);
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tweestapOtpIssuer", issuer);
        attributes.put("tweestapOtpAccountName", issuer + ": " + account);
        attributes.put("tweestapOtpKey", manualKey);
        attributes.put("tweestapOtpValidMinutes", Integer.toString(validMinutes));
        attributes.put("tweestapOtpQrSrc", "cid:" + CONTENT_ID);
        ThemedEmail mail;
        try {
            mail = ThemedEmail.render(session, realm, user, "tweestapOtpMailSubject", List.of(issuer), TEMPLATE, attributes);
        } catch (EmailException e) {
            throw new MailException("the enrollment e-mail could not be rendered", e);
        }
        sendWithQr(session, realm, user.getEmail(), mail.subject(), mail.text(), mail.html(), png);
    }

    /**
     * Sends an e-mail whose HTML shows {@code png} inline (reference it as {@code cid:}{@value #CONTENT_ID}), with the
     * realm's SMTP settings, or keeps it in the dev outbox when that captures e-mail.
     */
    public static void sendWithQr(KeycloakSession session, RealmModel realm, String to, String subject, String text,
            String html, byte[] png) throws MailException {
        OutboxStore outbox = capturingOutbox(session);
        if (outbox != null) {
            String shown = html.replace("cid:" + CONTENT_ID, "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
            outbox.add(realm.getId(), "email", to, subject, text, shown, Time.currentTimeMillis());
            return;
        }
        smtp(session, realm.getSmtpConfig(), to, subject, text, html, png);
    }

    /** A whole HTML document: a rendered template already is one; a fragment is wrapped. */
    static String document(String html) {
        String start = html.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<html") || start.startsWith("<!doctype") ? html
                : "<!DOCTYPE html><html><body>" + html + "</body></html>";
    }

    private static OutboxStore capturingOutbox(KeycloakSession session) {
        ProviderFactory<EmailSenderProvider> factory = session.getKeycloakSessionFactory()
                .getProviderFactory(EmailSenderProvider.class, DevOutboxEmailSenderProviderFactory.ID);
        return factory instanceof DevOutboxEmailSenderProviderFactory outbox ? outbox.capturingStore() : null;
    }

    private static void smtp(KeycloakSession session, Map<String, String> config, String to, String subject,
            String text, String html, byte[] png) throws MailException {
        if (config == null || config.get("host") == null || config.get("from") == null) {
            throw new MailException("the realm has no SMTP server or sender address", null);
        }
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", config.get("host"));
        props.put("mail.smtp.port", config.getOrDefault("port", "25"));
        boolean auth = "true".equals(config.get("auth"));
        props.put("mail.smtp.auth", Boolean.toString(auth));
        if ("true".equals(config.get("ssl"))) {
            props.put("mail.smtp.ssl.enable", "true");
        }
        if ("true".equals(config.get("starttls"))) {
            props.put("mail.smtp.starttls.enable", "true");
        }
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        String envelopeFrom = config.get("envelopeFrom");
        if (envelopeFrom != null && !envelopeFrom.isBlank()) {
            props.put("mail.smtp.from", envelopeFrom);
        }
        try {
            Session mail = Session.getInstance(props);
            MimeMessage message = new MimeMessage(mail);
            message.setFrom(new InternetAddress(config.get("from"), config.get("fromDisplayName"), "UTF-8"));
            String replyTo = config.get("replyTo");
            if (replyTo != null && !replyTo.isBlank()) {
                message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo, config.get("replyToDisplayName"), "UTF-8")});
            }
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());

            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setText(text, "UTF-8");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setContent(document(html), "text/html; charset=UTF-8");
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
            image.setContentID("<" + CONTENT_ID + ">");
            image.setDisposition(Part.INLINE);
            image.setFileName("qr-code.png");
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(htmlPart);
            related.addBodyPart(image);
            MimeBodyPart relatedPart = new MimeBodyPart();
            relatedPart.setContent(related);
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart);
            alternative.addBodyPart(relatedPart);
            message.setContent(alternative);
            message.saveChanges();

            try (Transport transport = mail.getTransport("smtp")) {
                if (auth) {
                    try (VaultStringSecret password = session.vault().getStringSecret(config.get("password"))) {
                        transport.connect(config.get("user"), password.get().orElse(config.get("password")));
                    }
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailException("SMTP: " + e.getClass().getSimpleName(), e);
        }
    }
}
