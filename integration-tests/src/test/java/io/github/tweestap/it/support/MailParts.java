package io.github.tweestap.it.support;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;

/** The parts of an e-mail as a test reads them: plain text, HTML and an inline PNG with its Content-ID. */
public final class MailParts {

    public String text;
    public String html;
    public byte[] image;
    public String imageContentId;

    private MailParts() {
    }

    public static MailParts of(Part message) throws Exception {
        MailParts parts = new MailParts();
        parts.walk(message);
        return parts;
    }

    private void walk(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i));
            }
        } else if (part.isMimeType("text/plain")) {
            text = (String) part.getContent();
        } else if (part.isMimeType("text/html")) {
            html = (String) part.getContent();
        } else if (part.isMimeType("image/png")) {
            try (InputStream in = part.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                image = out.toByteArray();
            }
            imageContentId = ((MimeBodyPart) part).getContentID();
        }
    }
}
