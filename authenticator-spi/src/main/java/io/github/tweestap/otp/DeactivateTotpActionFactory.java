package io.github.tweestap.otp;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public final class DeactivateTotpActionFactory implements RequiredActionFactory {

    public static final String ID = "tweestap-deactivate-totp";

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new DeactivateTotpAction();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Tweestap: switch off the authenticator app (with a code)";
    }

    @Override
    public boolean isOneTimeAction() {
        return true;
    }
}
