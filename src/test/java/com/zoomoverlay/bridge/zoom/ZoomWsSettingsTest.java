package com.zoomoverlay.bridge.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

class ZoomWsSettingsTest {

    @Test
    void defaults_follow_zoom_and_a_live_show() {
        ZoomWsSettings s = ZoomWsSettings.defaults();
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.backoffInitial()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.backoffMax()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(s.backoffLongAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.backoffCeiling()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.stableAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.maxFrameBytes()).isEqualTo(1024 * 1024);
        assertThat(s.acceptWindow()).isEqualTo(1_000);
    }

    @Test
    void malformed_values_name_the_key() {
        Map<String, String> props = Map.of("bridge.zoom.ws.heartbeat-interval-ms", "soon");
        assertThatThrownBy(() -> ZoomWsSettings.load(k -> Optional.ofNullable(props.get(k))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bridge.zoom.ws.heartbeat-interval-ms");
        Map<String, String> zero = Map.of("bridge.zoom.ws.backoff-max-ms", "0");
        assertThatThrownBy(() -> ZoomWsSettings.load(k -> Optional.ofNullable(zero.get(k))))
                .hasMessageContaining("bridge.zoom.ws.backoff-max-ms");
    }

    @Test
    void the_backoff_ceiling_stays_in_seconds_and_above_the_live_cap() {
        Map<String, String> minutes = Map.of("bridge.zoom.ws.backoff-ceiling-s", "600");
        assertThatThrownBy(() -> ZoomWsSettings.load(k -> Optional.ofNullable(minutes.get(k))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bridge.zoom.ws.backoff-ceiling-s").hasMessageContaining("at most 60");
        Map<String, String> below = Map.of("bridge.zoom.ws.backoff-max-ms", "5000", "bridge.zoom.ws.backoff-ceiling-s", "2");
        assertThatThrownBy(() -> ZoomWsSettings.load(k -> Optional.ofNullable(below.get(k))))
                .hasMessageContaining("bridge.zoom.ws.backoff-ceiling-s");
        Map<String, String> inverted = Map.of("bridge.zoom.ws.backoff-initial-ms", "2000");
        assertThatThrownBy(() -> ZoomWsSettings.load(k -> Optional.ofNullable(inverted.get(k))))
                .hasMessageContaining("bridge.zoom.ws.backoff-max-ms");
    }
}
