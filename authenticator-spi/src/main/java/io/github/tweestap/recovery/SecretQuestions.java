package io.github.tweestap.recovery;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The secret-question credential (seed 000): the question is a message key (stored as the credential's label), the
 * answer is normalised (Unicode NFKC, lower case, single spaces) and hashed with Keycloak's password hashing (the
 * realm's algorithm and iterations), never stored or shown in clear. It is only ever checked after an SMS code to
 * the verified number: never a factor on its own.
 */
public final class SecretQuestions {

    public static final String TYPE = "tweestap-secret-question";
    public static final String DEFAULT_QUESTIONS = "tweestapQuestionFirstPet,tweestapQuestionBirthCity,"
            + "tweestapQuestionFirstSchool,tweestapQuestionChildhoodFriend,tweestapQuestionFirstEmployer";
    static final int MIN_ANSWER = 3;
    static final int MAX_ANSWER = 200;

    private SecretQuestions() {
    }

    static String normalise(String answer) {
        if (answer == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(answer, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return nfkc.trim().replaceAll("\\s+", " ");
    }

    static List<String> questions(String configured) {
        String list = configured == null || configured.isBlank() ? DEFAULT_QUESTIONS : configured;
        return Arrays.stream(list.split(",")).map(String::trim).filter(k -> k.matches("[A-Za-z0-9.]{1,80}")).toList();
    }

    public static CredentialModel stored(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).findFirst().orElse(null);
    }

    static void set(KeycloakSession session, RealmModel realm, UserModel user, String questionKey, String answer) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordCredentialModel hashed = hasher(session, policy.getHashAlgorithm())
                .encodedCredential(normalise(answer), policy.getHashIterations());
        user.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList()
                .forEach(c -> user.credentialManager().removeStoredCredentialById(c.getId()));
        CredentialModel model = new CredentialModel();
        model.setType(TYPE);
        model.setUserLabel(questionKey);
        model.setCreatedDate(Time.currentTimeMillis());
        model.setSecretData(hashed.getSecretData());
        model.setCredentialData(hashed.getCredentialData());
        user.credentialManager().createStoredCredential(model);
    }

    /** Checks an answer; without a stored answer, hashes anyway so that the time taken tells nothing. */
    static boolean matches(KeycloakSession session, RealmModel realm, UserModel user, String answer) {
        CredentialModel stored = user == null ? null : stored(user);
        if (stored == null) {
            PasswordPolicy policy = realm.getPasswordPolicy();
            hasher(session, policy.getHashAlgorithm()).encodedCredential(normalise(answer), policy.getHashIterations());
            return false;
        }
        PasswordCredentialModel model = PasswordCredentialModel.createFromCredentialModel(stored);
        PasswordHashProvider hasher = hasher(session, model.getPasswordCredentialData().getAlgorithm());
        return hasher.verify(normalise(answer), model);
    }

    private static PasswordHashProvider hasher(KeycloakSession session, String algorithm) {
        PasswordHashProvider provider = algorithm == null ? null : session.getProvider(PasswordHashProvider.class, algorithm);
        return provider != null ? provider : session.getProvider(PasswordHashProvider.class);
    }
}
