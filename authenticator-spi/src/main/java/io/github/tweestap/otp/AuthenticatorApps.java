package io.github.tweestap.otp;

import org.keycloak.Config;
import org.keycloak.authentication.otp.OTPApplicationProvider;
import org.keycloak.authentication.otp.OTPApplicationProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OTPPolicy;

/** Duo Mobile and Authy in the list of apps (seed 004), through Keycloak's OTP application SPI. */
public final class AuthenticatorApps {

    private AuthenticatorApps() {
    }

    /** Apps that read the standard 6-digit, SHA1, 30 s TOTP. */
    abstract static class StandardTotpApp implements OTPApplicationProviderFactory, OTPApplicationProvider {
        @Override
        public OTPApplicationProvider create(KeycloakSession session) {
            return this;
        }

        @Override
        public boolean supports(OTPPolicy policy) {
            return "totp".equals(policy.getType()) && policy.getDigits() == 6 && policy.getPeriod() == 30
                    && "HmacSHA1".equals(policy.getAlgorithm());
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
    }

    public static final class DuoMobile extends StandardTotpApp {
        @Override
        public String getId() {
            return "tweestap-duo-mobile";
        }

        @Override
        public String getName() {
            return "tweestapTotpAppDuoMobile";
        }
    }

    public static final class Authy extends StandardTotpApp {
        @Override
        public String getId() {
            return "tweestap-authy";
        }

        @Override
        public String getName() {
            return "tweestapTotpAppAuthy";
        }
    }
}
