package io.github.tweestap.recovery;

import io.github.tweestap.support.CredentialTexts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's view of the secret question ({@value SecretQuestions#TYPE}, seed 000): its type's metadata (a basic
 * credential, set or changed with the required action {@value SecretQuestionActionFactory#ID} where the realm has it
 * enabled) and what the admin console's Credentials tab shows of it: the question in the user's language and when it
 * was set, never the answer's hash or salt. Not removable by the user: the question is what lets them renew their
 * two-step verification without the service desk.
 */
public final class SecretQuestionCredentialProvider implements CredentialProvider<CredentialModel> {

    static final String QUESTION = "tweestapSecretQuestionQuestion";
    static final String SET_ON = "tweestapSecretQuestionSetOn";

    private final KeycloakSession session;
    private UserModel listedUser;

    SecretQuestionCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return SecretQuestions.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        credential.setType(SecretQuestions.TYPE);
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        CredentialModel stored = user.credentialManager().getStoredCredentialById(credentialId);
        if (stored == null || !SecretQuestions.TYPE.equals(stored.getType())) {
            return false;
        }
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    /** Set with the required action when the user has none, changed with it when they have one. */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        listedUser = metadataContext.getUser();
        CredentialTypeMetadata.CredentialTypeMetadataBuilder builder = CredentialTypeMetadata.builder()
                .type(SecretQuestions.TYPE).category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("tweestapSecretQuestionCredentialName").helpText("tweestapSecretQuestionCredentialHelp")
                .iconCssClass("kcAuthenticatorPasswordClass").removeable(false);
        if (listedUser != null && SecretQuestions.stored(listedUser) != null) {
            builder.updateAction(SecretQuestionActionFactory.ID);
        } else {
            builder.createAction(SecretQuestionActionFactory.ID);
        }
        return builder.build(session);
    }

    /** The question in the user's language and the date it was set. */
    @Override
    public CredentialMetadata getCredentialMetadata(CredentialModel credential, CredentialTypeMetadata type) {
        CredentialMetadata metadata = new CredentialMetadata();
        // The account API returns this model: the same view as the admin console's, without key material.
        metadata.setCredentialModel(getCredentialForPresentationFromModel(credential));
        CredentialTexts texts = CredentialTexts.of(session, listedUser != null ? listedUser : session.getContext().getUser());
        metadata.setInfoProperties(List.of(
                new CredentialMetadata.LocalizedMessage(QUESTION, new Object[] {question(texts, credential)}),
                new CredentialMetadata.LocalizedMessage(SET_ON, new Object[] {texts.dateMillis(credential.getCreatedDate())})));
        return metadata;
    }

    /** A copy showing the question (its key stays the label) instead of the hash parameters. */
    @Override
    public CredentialModel getCredentialForPresentationFromModel(CredentialModel model) {
        CredentialModel shown = new CredentialModel();
        shown.setId(model.getId());
        shown.setType(model.getType());
        shown.setUserLabel(model.getUserLabel());
        shown.setCreatedDate(model.getCreatedDate());
        shown.setFederationLink(model.getFederationLink());
        Map<String, Object> visible = new LinkedHashMap<>();
        visible.put("question", question(CredentialTexts.of(session, null), model));
        try {
            shown.setCredentialData(JsonSerialization.writeValueAsString(visible));
        } catch (java.io.IOException e) {
            shown.setCredentialData("{}");
        }
        return shown;
    }

    private static String question(CredentialTexts texts, CredentialModel credential) {
        String key = credential.getUserLabel();
        return key == null ? "" : texts.get(key);
    }
}
