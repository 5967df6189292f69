package io.github.tweestap.otp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.utils.Base32;

/**
 * The otpauth URI for an authenticator app, as Microsoft and Google Authenticator read it:
 * {@code otpauth://totp/<issuer>:<account>?secret=<base32>&digits=6&algorithm=SHA1&issuer=<issuer>&period=30}.
 * The secret is Keycloak's stored secret string; apps get the base32 of its bytes, as Keycloak does.
 */
public final class OtpKeyUri {

    private OtpKeyUri() {
    }

    public static String of(OTPPolicy policy, String issuer, String account, String secret) {
        String cleanIssuer = encode(issuer.replace(":", ""));
        String cleanAccount = encode(account.replace(":", ""));
        StringBuilder uri = new StringBuilder("otpauth://").append(policy.getType()).append('/')
                .append(cleanIssuer).append(':').append(cleanAccount)
                .append("?secret=").append(Base32.encode(secret.getBytes(StandardCharsets.UTF_8)))
                .append("&digits=").append(policy.getDigits())
                .append("&algorithm=").append(policy.getAlgorithmKey())
                .append("&issuer=").append(cleanIssuer);
        if ("totp".equals(policy.getType())) {
            uri.append("&period=").append(policy.getPeriod());
        } else {
            uri.append("&counter=").append(policy.getInitialCounter());
        }
        return uri.toString();
    }

    /** The secret as people type it into an app: base32 in groups of four. */
    public static String manualKey(String secret) {
        String encoded = Base32.encode(secret.getBytes(StandardCharsets.UTF_8));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(encoded, i, Math.min(encoded.length(), i + 4));
        }
        return grouped.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
