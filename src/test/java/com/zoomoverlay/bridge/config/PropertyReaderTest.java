package com.zoomoverlay.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one settings reader: defaults for missing keys, one line naming key and value for a bad one. */
class PropertyReaderTest {

    private static PropertyReader reading(Map<String, String> values) {
        return new PropertyReader(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void missing_and_blank_keys_take_the_default() {
        PropertyReader read = reading(Map.of("bridge.x.blank", "  "));
        assertThat(read.atLeast("bridge.x.absent", 7, 1)).isEqualTo(7);
        assertThat(read.count("bridge.x.blank", 3)).isEqualTo(3);
        assertThat(read.millis("bridge.x.absent", 250, 1)).isEqualTo(Duration.ofMillis(250));
        assertThat(read.bool("bridge.x.absent", true)).isTrue();
    }

    @Test
    void values_are_read_trimmed() {
        PropertyReader read = reading(Map.of("bridge.x.n", " 42 ", "bridge.x.flag", " Yes ", "bridge.x.d", "2m"));
        assertThat(read.integer("bridge.x.n", 1, 1, 100)).isEqualTo(42);
        assertThat(read.bool("bridge.x.flag", false)).isTrue();
        assertThat(read.duration("bridge.x.d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void a_bad_value_is_one_line_naming_the_key_and_the_value() {
        PropertyReader read = reading(Map.of("bridge.x.word", "ten", "bridge.x.zero", "0", "bridge.x.big", "70000",
                "bridge.x.flag", "maybe"));
        assertThatThrownBy(() -> read.atLeast("bridge.x.word", 1, 1)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("bridge.x.word must be a whole number, got 'ten'");
        assertThatThrownBy(() -> read.count("bridge.x.zero", 1)).hasMessage("bridge.x.zero must be at least 1, got 0");
        assertThatThrownBy(() -> read.millis("bridge.x.zero", 1, 1)).hasMessage("bridge.x.zero must be at least 1, got 0");
        assertThatThrownBy(() -> read.integer("bridge.x.big", 1, 1, 65535))
                .hasMessage("bridge.x.big must be between 1 and 65535, got 70000");
        assertThatThrownBy(() -> reading(Map.of("bridge.x.n", "3000000000")).count("bridge.x.n", 1))
                .hasMessage("bridge.x.n must be at most 2147483647, got 3000000000");
        assertThatThrownBy(() -> read.bool("bridge.x.flag", false)).hasMessage("bridge.x.flag must be true or false");
    }
}
