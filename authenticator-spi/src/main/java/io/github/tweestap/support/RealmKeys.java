package io.github.tweestap.support;

import javax.crypto.SecretKey;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The realm's active HMAC key (HS512), a server secret that every cluster node shares and none ever reveals. */
public final class RealmKeys {

    private RealmKeys() {
    }

    public static byte[] hmacKey(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        SecretKey secret = key == null ? null : key.getSecretKey();
        if (secret == null || secret.getEncoded() == null) {
            throw new IllegalStateException("realm " + realm.getName() + " has no active HS512 key");
        }
        return secret.getEncoded();
    }

    public static CodeHasher hasher(KeycloakSession session, RealmModel realm) {
        return new CodeHasher(hmacKey(session, realm));
    }
}
