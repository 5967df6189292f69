package io.github.tweestap.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;

class AppEnrollmentTest {

    private static RequiredActionProviderModel action(String alias, String providerId, boolean enabled) {
        RequiredActionProviderModel model = new RequiredActionProviderModel();
        model.setAlias(alias);
        model.setProviderId(providerId);
        model.setEnabled(enabled);
        return model;
    }

    private static RealmModel realm(RequiredActionProviderModel... actions) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getRequiredActionProvidersStream()).thenAnswer(i -> Stream.of(actions));
        return realm;
    }

    private static UserModel user(String... pending) {
        UserModel user = mock(UserModel.class);
        when(user.getRequiredActionsStream()).thenAnswer(i -> Stream.of(pending));
        return user;
    }

    @Test
    void aRealmThatEnrollsByTheRequiredActionAsksForTheQrPageAgain() {
        UserModel user = user("tweestap-secret-question");
        assertThat(AppEnrollment.rearm(realm(action("CONFIGURE_TOTP", "CONFIGURE_TOTP", false),
                action("tweestap-configure-totp", "tweestap-configure-totp", true)), user)).contains("tweestap-configure-totp");
        verify(user).addRequiredAction("tweestap-configure-totp");
    }

    @Test
    void theActionIsAddedUnderTheAliasTheRealmGaveIt() {
        UserModel user = user();
        AppEnrollment.rearm(realm(action("qr-page", "tweestap-configure-totp", true)), user);
        verify(user).addRequiredAction("qr-page");
    }

    @Test
    void aPendingActionIsNotAddedTwice() {
        UserModel user = user("tweestap-configure-totp");
        assertThat(AppEnrollment.rearm(realm(action("tweestap-configure-totp", "tweestap-configure-totp", true)), user))
                .isPresent();
        verify(user, never()).addRequiredAction(anyString());
    }

    @Test
    void realmsWithoutTheActionOrWithItSwitchedOffAreLeftAlone() {
        UserModel user = user();
        assertThat(AppEnrollment.rearm(realm(action("CONFIGURE_TOTP", "CONFIGURE_TOTP", true)), user)).isEmpty();
        assertThat(AppEnrollment.rearm(realm(action("tweestap-configure-totp", "tweestap-configure-totp", false)), user))
                .isEmpty();
        verify(user, never()).addRequiredAction(anyString());
    }
}
