package io.github.tweestap.devoutbox;

import io.github.tweestap.support.LocalizedMessages;
import io.github.tweestap.support.PageHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The dev outbox pages of one realm: {@code /realms/<realm>/tweestap-outbox} (HTML, newest first),
 * {@code .../messages} (JSON, for scripts and tests) and {@code .../messages/<id>/html} (an e-mail's HTML body,
 * sandboxed).
 */
public final class OutboxResource {

    private static final int LIMIT = 200;
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final KeycloakSession session;
    private final OutboxStore store;

    OutboxResource(KeycloakSession session, OutboxStore store) {
        this.session = session;
        this.store = store;
    }

    private RealmModel realm() {
        if (store == null) {
            throw new NotFoundException();
        }
        return session.getContext().getRealm();
    }

    @GET
    @Path("messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response messages() {
        List<OutboxEntry> entries = store(realm());
        return Response.ok(entries).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("messages/{id}/html")
    @Produces(MediaType.TEXT_HTML)
    public Response html(@PathParam("id") String id) {
        OutboxEntry entry = store.get(realm().getId(), id).filter(e -> e.html() != null)
                .orElseThrow(NotFoundException::new);
        PageHeaders.page(session);
        return Response.ok(entry.html())
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'")
                .build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("lang") String lang) {
        RealmModel realm = realm();
        Locale locale = lang != null && lang.matches("[a-z]{2}") ? Locale.forLanguageTag(lang)
                : session.getContext().resolveLocale(null);
        LocalizedMessages msg = LocalizedMessages.load(session, realm, locale);
        List<OutboxEntry> entries = store(realm);

        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"").append(esc(locale.getLanguage())).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"5\">")
                .append("<title>").append(esc(msg.get("tweestapOutboxTitle", realm.getName()))).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#151515}")
                .append("article{border:1px solid #ccc;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}")
                .append(".meta{color:#555;font-size:.9rem}.channel{font-weight:bold;text-transform:uppercase}")
                .append("pre{white-space:pre-wrap;font-size:1rem;background:#f5f5f5;padding:.5rem}")
                .append(".warn{background:#fff4e5;border-left:4px solid #f0ab00;padding:.5rem 1rem}</style></head><body>")
                .append("<main><h1>").append(esc(msg.get("tweestapOutboxTitle", realm.getName()))).append("</h1>")
                .append("<p class=\"warn\">").append(esc(msg.get("tweestapOutboxWarning"))).append("</p>");
        if (entries.isEmpty()) {
            html.append("<p id=\"outbox-empty\">").append(esc(msg.get("tweestapOutboxEmpty"))).append("</p>");
        }
        for (OutboxEntry e : entries) {
            html.append("<article class=\"outbox-entry\" data-channel=\"").append(esc(e.channel())).append("\">")
                    .append("<div class=\"meta\"><span class=\"channel\">")
                    .append(esc(msg.get("sms".equals(e.channel()) ? "tweestapOutboxSms"
                            : "push".equals(e.channel()) ? "tweestapOutboxPush" : "tweestapOutboxEmail")))
                    .append("</span> · ").append(esc(msg.get("tweestapOutboxTo"))).append(" <b>").append(esc(e.to()))
                    .append("</b> · <time>").append(esc(TIME.format(Instant.ofEpochMilli(e.sentAt())))).append("</time></div>");
            if (e.subject() != null) {
                html.append("<h2>").append(esc(e.subject())).append("</h2>");
            }
            if (e.text() != null) {
                html.append("<pre>").append(linkify(e.text())).append("</pre>");
            }
            if (e.html() != null) {
                html.append("<p><a href=\"tweestap-outbox/messages/").append(esc(e.id())).append("/html\" target=\"_blank\">")
                        .append(esc(msg.get("tweestapOutboxHtml"))).append("</a></p>");
            }
            html.append("</article>");
        }
        html.append("</main></body></html>");
        PageHeaders.page(session);
        return Response.ok(html.toString(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }

    private List<OutboxEntry> store(RealmModel realm) {
        return store.list(realm.getId(), LIMIT);
    }

    static String linkify(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(esc(text.substring(last, m.start())));
            String url = m.group();
            out.append("<a href=\"").append(esc(url)).append("\">").append(esc(url)).append("</a>");
            last = m.end();
        }
        out.append(esc(text.substring(last)));
        return out.toString();
    }

    static String esc(String s) {
        return io.github.tweestap.support.HtmlPage.escape(s);
    }
}
