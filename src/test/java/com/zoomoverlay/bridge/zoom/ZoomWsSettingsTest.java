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
    void defaults_follow_zoom_and_the_issue() {
        ZoomWsSettings s = ZoomWsSettings.defaults();
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.backoffMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.stableAfter()).isEqualTo(Duration.ofSeconds(60));
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
}
