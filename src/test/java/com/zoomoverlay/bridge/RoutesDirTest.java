package com.zoomoverlay.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

/** Which routes directory the bridge runs, decided before Camel starts (overrides stand in for the environment). */
class RoutesDirTest {

    @Test
    void routes_unless_simulating_with_the_demo_and_routes_dir_always_wins() {
        assertThat(Application.routesDir(Map.of(), false)).isEqualTo("routes");
        assertThat(Application.routesDir(Map.of(), true)).isEqualTo("routes/examples");
        assertThat(Application.routesDir(Map.of("bridge.simulate", "yes"), false)).isEqualTo("routes/examples");
        assertThat(Application.routesDir(Map.of("bridge.simulate", "true", "bridge.simulator.demo", "no"), false)).isEqualTo("routes");
        assertThat(Application.routesDir(Map.of("bridge.routes-dir", " my-routes/ "), true)).isEqualTo("my-routes");
    }

    @Test
    void a_flag_that_is_neither_true_nor_false_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> Application.routesDir(Map.of("bridge.simulate", "maybe"), false))
                .isInstanceOf(InvalidSettingException.class).hasMessage("SIMULATE must be true or false");
        assertThatThrownBy(() -> Application.routesDir(Map.of("bridge.simulator.demo", "sometimes"), true))
                .hasMessage("SIMULATOR_DEMO must be true or false");
    }
}
