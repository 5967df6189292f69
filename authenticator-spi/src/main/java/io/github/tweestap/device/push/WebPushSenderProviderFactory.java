package io.github.tweestap.device.push;

import io.github.tweestap.support.SimpleFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.vault.VaultStringSecret;

/**
 * Push sender {@code web-push}: wakes a device through its Web Push subscription (RFC 8030), the message encrypted
 * for the subscription (RFC 8291, {@code aes128gcm}) and the server identified by VAPID (RFC 8292). Choose it with
 * {@code --spi-tweestap-push-sender--provider-default=web-push}. Options
 * ({@code --spi-tweestap-push-sender--web-push--<option>}):
 * <ul>
 * <li>{@code vapid-public-key}: the server's P-256 public key, base64url of the 65-byte uncompressed point (the
 * {@code applicationServerKey} the device subscribes with);</li>
 * <li>{@code vapid-private-key}: its private key, base64url of the 32-byte scalar; may be a vault expression such as
 * {@code ${vault.web_push_key}} (resolved in the realm of the request when a push is sent) or come from the
 * environment ({@code KC_SPI_TWEESTAP_PUSH_SENDER__WEB_PUSH__VAPID_PRIVATE_KEY});</li>
 * <li>{@code subject}: a contact for the push service's operator, {@code mailto:…} or {@code https:…};</li>
 * <li>{@code connect-timeout-ms} (default 3000) and {@code read-timeout-ms} (default 5000).</li>
 * </ul>
 * {@link VapidKeys#main} generates a key pair. A missing or inconsistent configuration (including a private key
 * that does not belong to the public key) is reported once at startup; Keycloak starts anyway and every push then
 * fails with "web-push is not configured" (devices still learn of challenges by long-polling).
 *
 * <p>A {@link PushException} with status 404 or 410 means that the subscription is gone for good: the device's
 * subscription should be forgotten.
 */
public final class WebPushSenderProviderFactory implements PushSenderProviderFactory, SimpleFactory<PushSenderProvider> {

    public static final String ID = "web-push";

    static final String PUBLIC_KEY = "vapid-public-key";
    static final String PRIVATE_KEY = "vapid-private-key";
    static final String SUBJECT = "subject";
    static final String CONNECT_TIMEOUT = "connect-timeout-ms";
    static final String READ_TIMEOUT = "read-timeout-ms";
    static final int DEFAULT_CONNECT_TIMEOUT_MS = 3000;
    static final int DEFAULT_READ_TIMEOUT_MS = 5000;
    static final String NOT_CONFIGURED = "web-push is not configured";

    private static final Logger LOG = Logger.getLogger(WebPushSenderProviderFactory.class);

    private volatile Settings settings;
    private volatile String problem;
    private volatile HttpClient http;
    private Clock clock = Clock.systemUTC();

    @Override
    public PushSenderProvider create(KeycloakSession session) {
        return new WebPushSender(session, settings, http, clock);
    }

    @Override
    public void init(Config.Scope config) {
        int connectTimeout = timeout(config, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_MS);
        int readTimeout = timeout(config, READ_TIMEOUT, DEFAULT_READ_TIMEOUT_MS);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(connectTimeout))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            settings = settings(config, Duration.ofMillis(readTimeout));
            problem = null;
            LOG.debugf("web-push: VAPID key pair accepted%s, subject %s",
                    settings.privateKeyVault == null ? "" : " (private key from the vault, checked at the first push)",
                    settings.subject);
        } catch (IllegalArgumentException e) {
            settings = null;
            problem = e.getMessage();
            if (intended(config)) {
                LOG.errorf("web-push push sender is not configured: %s. Pushes through it fail until this is fixed; "
                        + "devices still learn of challenges by long-polling.", problem);
            } else {
                LOG.debugf("web-push push sender is not configured (%s); it stays inactive", problem);
            }
        }
    }

    /** Why the provider is not configured, or null when it is. */
    String problem() {
        return problem;
    }

    /** For tests: the clock that dates VAPID tokens. */
    WebPushSenderProviderFactory clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The options, checked; throws with a message fit for the log (never a key) when they are not usable. */
    static Settings settings(Config.Scope config, Duration readTimeout) {
        String publicKey = optional(config, PUBLIC_KEY);
        String privateKey = optional(config, PRIVATE_KEY);
        String subject = optional(config, SUBJECT);
        List<String> missing = new ArrayList<>();
        if (publicKey == null) {
            missing.add(PUBLIC_KEY);
        }
        if (privateKey == null) {
            missing.add(PRIVATE_KEY);
        }
        if (subject == null) {
            missing.add(SUBJECT);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("option" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + (missing.size() > 1 ? " are" : " is") + " not set");
        }
        checkSubject(subject);
        ECPublicKey publicKeyObject;
        try {
            publicKeyObject = VapidKeys.decodePublic(VapidKeys.fromBase64url(publicKey));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PUBLIC_KEY + " is not the base64url of a 65-byte uncompressed P-256 point");
        }
        if (privateKey.startsWith("${vault.")) {
            return new Settings(publicKeyObject, null, privateKey, subject, readTimeout);
        }
        ECPrivateKey privateKeyObject = parsePrivate(privateKey, PRIVATE_KEY);
        if (!VapidKeys.matches(privateKeyObject, publicKeyObject)) {
            throw new IllegalArgumentException(PRIVATE_KEY + " does not belong to " + PUBLIC_KEY);
        }
        return new Settings(publicKeyObject, privateKeyObject, null, subject, readTimeout);
    }

    private static ECPrivateKey parsePrivate(String value, String what) {
        try {
            return VapidKeys.decodePrivate(VapidKeys.fromBase64url(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not the base64url of a 32-byte P-256 private key");
        }
    }

    private static void checkSubject(String subject) {
        String lower = subject.toLowerCase(Locale.ROOT);
        boolean valid;
        if (lower.startsWith("mailto:")) {
            valid = subject.length() > "mailto:".length() && subject.indexOf('@') > 0;
        } else if (lower.startsWith("https:")) {
            try {
                URI uri = new URI(subject);
                valid = uri.getHost() != null;
            } catch (URISyntaxException e) {
                valid = false;
            }
        } else {
            valid = false;
        }
        if (!valid || subject.chars().anyMatch(ch -> ch < 0x20)) {
            throw new IllegalArgumentException(SUBJECT + " must be a mailto: or https: URI (a contact for the push "
                    + "service's operator)");
        }
        String host = lower.startsWith("mailto:") ? lower.substring(lower.lastIndexOf('@') + 1)
                : URI.create(subject).getHost().toLowerCase(Locale.ROOT);
        if (!reachableContact(host)) {
            throw new IllegalArgumentException(SUBJECT + " names " + host + ", which is not a contact the push services "
                    + "can reach (Apple's push service refuses localhost, .local and loopback contacts with "
                    + "BadJwtToken): use the organisation's own mailto: address or https: page");
        }
    }

    /** Whether a contact's host is a public name: not localhost, a .local/.localhost/.test/.invalid name or an IP literal. */
    static boolean reachableContact(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || !h.contains(".") || h.startsWith("[") || h.matches("[0-9.]+")) {
            return false;
        }
        for (String local : new String[] {".localhost", ".local", ".test", ".invalid", ".internal", ".home.arpa"}) {
            if (h.endsWith(local)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the operator meant to use web-push: one of its keys is set, or it is the SPI's default provider. */
    private static boolean intended(Config.Scope config) {
        if (optional(config, PUBLIC_KEY) != null || optional(config, PRIVATE_KEY) != null
                || optional(config, SUBJECT) != null) {
            return true;
        }
        try {
            return ID.equals(Config.getDefaultProvider(PushSenderSpi.NAME)) || ID.equals(Config.getProvider(PushSenderSpi.NAME));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int timeout(Config.Scope config, String option, int fallback) {
        String raw = optional(config, option);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warnf("web-push option %s must be a positive number of milliseconds; using %d", option, fallback);
        return fallback;
    }

    private static String optional(Config.Scope config, String option) {
        String value = config.get(option);
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(PUBLIC_KEY).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("VAPID public key: base64url of the 65-byte uncompressed P-256 point (the "
                        + "applicationServerKey devices subscribe with).").add()
                .property().name(PRIVATE_KEY).type(ProviderConfigProperty.PASSWORD)
                .helpText("VAPID private key: base64url of the 32-byte P-256 scalar; a vault expression "
                        + "${vault.key} or a value from the environment. Must belong to the public key.").add()
                .property().name(SUBJECT).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Contact for the push services' operators: mailto:… or https:….").add()
                .property().name(CONNECT_TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_CONNECT_TIMEOUT_MS).helpText("Connect timeout in milliseconds.").add()
                .property().name(READ_TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_READ_TIMEOUT_MS)
                .helpText("Timeout for the push service's answer in milliseconds.").add()
                .build();
    }

    /** The checked options. The private key is either here or resolved from the vault at send time. */
    static final class Settings {

        private final ECPublicKey publicKey;
        private final byte[] publicKeyBytes;
        private final ECPrivateKey privateKey;
        private final String privateKeyVault;
        private final String subject;
        private final Duration readTimeout;
        private final AtomicReference<VaultedKey> vaulted = new AtomicReference<>();

        private record VaultedKey(byte[] fingerprint, ECPrivateKey key) {
        }

        Settings(ECPublicKey publicKey, ECPrivateKey privateKey, String privateKeyVault, String subject,
                Duration readTimeout) {
            this.publicKey = publicKey;
            this.publicKeyBytes = VapidKeys.encodePublic(publicKey);
            this.privateKey = privateKey;
            this.privateKeyVault = privateKeyVault;
            this.subject = subject;
            this.readTimeout = readTimeout;
        }

        byte[] publicKey() {
            return publicKeyBytes.clone();
        }

        String subject() {
            return subject;
        }

        Duration readTimeout() {
            return readTimeout;
        }

        /** The private key; from the realm's vault when the option is a vault expression (checked once per value). */
        ECPrivateKey privateKey(KeycloakSession session) throws PushException {
            if (privateKey != null) {
                return privateKey;
            }
            Optional<String> value;
            try (VaultStringSecret secret = session.vault().getStringSecret(privateKeyVault)) {
                value = secret.get();
            }
            String text = value.map(String::trim).filter(v -> !v.isEmpty()).orElseThrow(
                    () -> new PushException("web-push: vault secret for '" + PRIVATE_KEY + "' not found", -1));
            byte[] fingerprint = sha256(text);
            VaultedKey cached = vaulted.get();
            if (cached != null && MessageDigest.isEqual(cached.fingerprint(), fingerprint)) {
                return cached.key();
            }
            ECPrivateKey key;
            try {
                key = parsePrivate(text, "the vault secret for '" + PRIVATE_KEY + "'");
            } catch (IllegalArgumentException e) {
                throw new PushException("web-push: " + e.getMessage(), -1);
            }
            if (!VapidKeys.matches(key, publicKey)) {
                throw new PushException("web-push: the vault secret for '" + PRIVATE_KEY + "' does not belong to "
                        + PUBLIC_KEY, -1);
            }
            vaulted.set(new VaultedKey(fingerprint, key));
            return key;
        }

        private static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
