package io.github.tweestap.device.push;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;

/**
 * One session's web-push sender: encrypts the message for the subscription (RFC 8291), signs a VAPID token for the
 * push service's origin (RFC 8292) and POSTs the message to the subscription's endpoint (RFC 8030). Errors never
 * carry the push service's answer, the endpoint, the keys or the token.
 */
final class WebPushSender implements PushSenderProvider {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private final KeycloakSession session;
    private final WebPushSenderProviderFactory.Settings settings;
    private final HttpClient http;
    private final Clock clock;

    WebPushSender(KeycloakSession session, WebPushSenderProviderFactory.Settings settings, HttpClient http, Clock clock) {
        this.session = session;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String applicationServerKey() {
        return settings == null ? null : VapidKeys.base64url(settings.publicKey());
    }

    @Override
    public void send(PushTarget target, PushMessage message) throws PushException {
        if (target == null || !target.hasSubscription()) {
            return;
        }
        if (settings == null) {
            throw new PushException(WebPushSenderProviderFactory.NOT_CONFIGURED, -1);
        }
        URI endpoint = endpoint(target.endpoint());
        byte[] payload = WebPushPayload.of(message);
        if (payload.length > WebPushPayload.MAX_BYTES) {
            throw new PushException("web-push: the message is too long for a push (" + payload.length + " bytes)", -1);
        }
        byte[] body;
        try {
            body = WebPushEncryption.encrypt(payload, VapidKeys.fromBase64url(target.p256dh()),
                    VapidKeys.fromBase64url(target.auth()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PushException("web-push: the subscription's p256dh or auth key is not valid", -1);
        }
        ECPrivateKey privateKey = settings.privateKey(session);
        String authorization;
        try {
            authorization = VapidToken.authorization(endpoint, settings.subject(), privateKey, settings.publicKey(),
                    clock.instant());
        } catch (GeneralSecurityException e) {
            throw new PushException("web-push: could not sign the VAPID token", -1);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.readTimeout())
                .header("Authorization", authorization)
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("TTL", Integer.toString(Math.max(0, message.ttlSeconds())))
                .header("Urgency", "high")
                .header("Topic", topic(target, message))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new PushException("web-push: no answer from the push service within the timeout", e);
        } catch (IOException e) {
            throw new PushException("web-push: could not reach the push service (" + e.getClass().getSimpleName() + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushException("web-push: interrupted", e);
        }
        switch (status) {
            case 200, 201, 202 -> {
            }
            case 404, 410 -> throw new PushException(
                    "web-push: the push subscription is gone (HTTP " + status + ")", status);
            case 413 -> throw new PushException("web-push: the push service found the message too large (HTTP 413)",
                    status);
            case 429 -> throw new PushException("web-push: the push service limits the rate (HTTP 429)", status);
            default -> throw new PushException("web-push: the push service refused the message (HTTP " + status + ")",
                    status);
        }
    }

    /**
     * The push's {@code Topic} (RFC 8030 §5.4): one per device and type, so a push service that still holds an
     * undelivered "Logt u in?" for this phone replaces it with the newer one instead of delivering both. At most 32
     * characters of the URL-safe base64 alphabet; a hash, so it names neither the user nor the device.
     */
    static String topic(PushTarget target, PushMessage message) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    ("tweestap-topic\n" + target.deviceId() + "\n" + message.type()).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The subscription's endpoint: an absolute {@code https} URL ({@code http} only on a loopback host, for a local
     * push service in development and tests).
     */
    static URI endpoint(String raw) throws PushException {
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new PushException("web-push: the subscription's endpoint is not a valid URL", -1);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new PushException("web-push: the subscription's endpoint is not a valid URL", -1);
        }
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches();
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new PushException("web-push: the subscription's endpoint is not an https URL", -1);
        }
        return uri;
    }
}
