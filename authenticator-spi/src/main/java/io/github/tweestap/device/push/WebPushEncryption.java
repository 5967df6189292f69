package io.github.tweestap.device.push;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) with the {@code aes128gcm} content coding (RFC 8188), in one record:
 * an ephemeral P-256 key pair per message, ECDH with the subscription's {@code p256dh} key, the subscription's
 * {@code auth} secret mixed in with HKDF-SHA256, AES-128-GCM over {@code plaintext ‖ 0x02}. The body is
 * {@code salt(16) ‖ rs(4) = 4096 ‖ idlen(1) = 65 ‖ ephemeral public key(65) ‖ ciphertext}.
 */
final class WebPushEncryption {

    static final int RECORD_SIZE = 4096;
    static final int SALT_LENGTH = 16;
    static final int AUTH_SECRET_LENGTH = 16;
    private static final int TAG_BITS = 128;
    private static final byte LAST_RECORD_DELIMITER = 0x02;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebPushEncryption() {
    }

    /** Encrypts {@code plaintext} for the subscription with a fresh salt and ephemeral key pair. */
    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) throws GeneralSecurityException {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, uaPublic, authSecret, salt, VapidKeys.generate());
    }

    /** As above with a given salt and ephemeral ("application server") key pair: for known-answer tests only. */
    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, byte[] salt, KeyPair ephemeral)
            throws GeneralSecurityException {
        if (salt.length != SALT_LENGTH) {
            throw new GeneralSecurityException("the salt must be 16 bytes");
        }
        if (authSecret.length != AUTH_SECRET_LENGTH) {
            throw new GeneralSecurityException("the auth secret must be 16 bytes");
        }
        if (plaintext.length + 1 + TAG_BITS / 8 > RECORD_SIZE) {
            throw new GeneralSecurityException("the plaintext does not fit one record");
        }
        ECPublicKey uaKey;
        try {
            uaKey = VapidKeys.decodePublic(uaPublic);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the subscription's p256dh key is not a P-256 point");
        }
        byte[] asPublic = VapidKeys.encodePublic((ECPublicKey) ephemeral.getPublic());

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init((ECPrivateKey) ephemeral.getPrivate());
        agreement.doPhase(uaKey, true);
        byte[] ecdhSecret = agreement.generateSecret();

        // RFC 8291 section 3.4: IKM = HKDF(salt = auth_secret, IKM = ecdh_secret, info = key_info, L = 32)
        byte[] prkKey = hmac(authSecret, ecdhSecret);
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
        byte[] ikm = hmac(prkKey, concat(keyInfo, new byte[] {1}));
        // RFC 8188 section 2.2 and 2.3: CEK and NONCE from HKDF(salt, IKM)
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);

        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = LAST_RECORD_DELIMITER;
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        byte[] ciphertext = cipher.doFinal(record);

        ByteBuffer header = ByteBuffer.allocate(SALT_LENGTH + 4 + 1 + asPublic.length);
        header.put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic);
        return concat(header.array(), ciphertext);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
