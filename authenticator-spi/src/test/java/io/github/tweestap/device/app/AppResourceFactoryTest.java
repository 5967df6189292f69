package io.github.tweestap.device.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.keycloak.Config;

/** The web app's test hooks are off by default and refused outside dev mode (a unit test is not dev mode). */
class AppResourceFactoryTest {

    @Test
    void testHooksAreRefusedOutsideDevMode() {
        Config.Scope on = mock(Config.Scope.class);
        when(on.getBoolean(AppResourceFactory.TEST_HOOKS, false)).thenReturn(true);
        assertThatThrownBy(() -> new AppResourceFactory().init(on)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-hooks");
        Config.Scope off = mock(Config.Scope.class);
        when(off.getBoolean(AppResourceFactory.TEST_HOOKS, false)).thenReturn(false);
        assertThatCode(() -> new AppResourceFactory().init(off)).doesNotThrowAnyException();
    }
}
