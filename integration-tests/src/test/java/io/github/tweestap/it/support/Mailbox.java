package io.github.tweestap.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** A real SMTP server (GreenMail) on loopback that receives every e-mail the test server sends. */
public final class Mailbox implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;

    private Mailbox(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    static Mailbox start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new Mailbox(greenMail, port);
    }

    public int port() {
        return port;
    }

    /** Every message to this address, oldest first. */
    public List<MimeMessage> to(String address) {
        List<MimeMessage> result = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                for (Address recipient : message.getAllRecipients()) {
                    if (recipient.toString().equalsIgnoreCase(address)) {
                        result.add(message);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /** Waits (up to 15 s) until at least {@code count} messages reached the address; returns the newest. */
    public MimeMessage await(String address, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> messages = to(address);
            if (messages.size() >= count) {
                return messages.get(messages.size() - 1);
            }
            KeycloakServer.sleep(200);
        }
        throw new AssertionError("no e-mail number " + count + " to " + address);
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** The plain-text part of a message (the first text/plain part, looked for in nested multiparts). */
    public static String plainText(jakarta.mail.Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = plainText(multipart.getBodyPart(i));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
