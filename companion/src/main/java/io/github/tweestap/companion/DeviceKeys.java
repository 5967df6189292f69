package io.github.tweestap.companion;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

/** The device's P-256 key pair: the private key signs every request, the public key is sent once, as a JWK. */
public final class DeviceKeys {

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private DeviceKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /** A fresh P-256 ({@code secp256r1}) key pair. */
    public static DeviceKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return of(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate P-256 keys", e);
        }
    }

    /** Wraps an existing P-256 key pair. */
    public static DeviceKeys of(KeyPair pair) {
        if (!(pair.getPrivate() instanceof ECPrivateKey priv) || !(pair.getPublic() instanceof ECPublicKey pub)) {
            throw new IllegalArgumentException("Not an EC key pair");
        }
        return new DeviceKeys(priv, pub);
    }

    /**
     * Restores a key pair from the private key's PKCS#8 encoding and the public key's JWK.
     *
     * @throws IllegalArgumentException if the bytes are not an EC private key or the two keys do not belong together
     */
    public static DeviceKeys fromPkcs8(byte[] pkcs8, Jwk publicJwk) {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a PKCS#8 EC private key: " + e.getMessage(), e);
        }
        DeviceKeys keys = new DeviceKeys((ECPrivateKey) key, publicJwk.toPublicKey());
        if (!keys.matches()) {
            throw new IllegalArgumentException("The private key does not belong to the public key");
        }
        return keys;
    }

    public ECPrivateKey privateKey() {
        return privateKey;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    public KeyPair keyPair() {
        return new KeyPair(publicKey, privateKey);
    }

    /** The public key as a JWK, for the {@code /enroll} header. */
    public Jwk jwk() {
        return Jwk.of(publicKey);
    }

    /** The private key in PKCS#8 (DER), for saving. */
    public byte[] privateKeyPkcs8() {
        return privateKey.getEncoded();
    }

    private boolean matches() {
        try {
            byte[] probe = "tweestap-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Shows the public key only. */
    @Override
    public String toString() {
        Jwk jwk = jwk();
        return "DeviceKeys[public x=" + jwk.x() + ", y=" + jwk.y() + ", private=***]";
    }
}
