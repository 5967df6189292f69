package io.github.tweestap.recovery;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link SecretQuestionCredentialProvider} for the credential type {@value SecretQuestions#TYPE}. */
public final class SecretQuestionCredentialProviderFactory
        implements CredentialProviderFactory<SecretQuestionCredentialProvider> {

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new SecretQuestionCredentialProvider(session);
    }

    @Override
    public String getId() {
        return SecretQuestions.TYPE;
    }
}
