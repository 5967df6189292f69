package io.github.tweestap.recovery;

import io.github.tweestap.support.KeycloakVersion;
import io.github.tweestap.support.SimpleFactory;
import io.github.tweestap.support.UnsupportedVersion;
import java.util.List;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public final class SecretQuestionActionFactory implements RequiredActionFactory, SimpleFactory<RequiredActionProvider> {

    public static final String ID = "tweestap-secret-question";

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        if (!KeycloakVersion.supported()) {
            return UnsupportedVersion.requiredAction();
        }
        return new SecretQuestionAction();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Tweestap: set secret question";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create().property().name("questions").label("Questions (message keys)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SecretQuestions.DEFAULT_QUESTIONS)
                .helpText("Comma-separated message keys of the questions users may choose (define their texts in the"
                        + " theme or the realm's localization).").add().build();
    }
}
