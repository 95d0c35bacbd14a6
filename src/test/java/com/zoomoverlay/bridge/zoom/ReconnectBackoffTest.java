package com.zoomoverlay.bridge.zoom;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff =
            new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SecureRandom());

    @Test
    void ceiling_doubles_from_one_second_to_a_sixty_second_cap_without_overflow() {
        assertThat(backoff.ceilingMillis(0)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(1)).isEqualTo(2_000);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(32_000);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(60_000);
        assertThat(backoff.ceilingMillis(62)).isEqualTo(60_000);
    }

    @Test
    void delays_are_full_jitter_within_the_ceiling_and_reset_starts_over() {
        for (int i = 0; i < 200; i++) {
            long ceiling = backoff.ceilingMillis(backoff.failures());
            assertThat(backoff.next().toMillis()).isBetween(1L, ceiling);
        }
        assertThat(backoff.failures()).isEqualTo(62);
        backoff.reset();
        assertThat(backoff.failures()).isZero();
        assertThat(backoff.next().toMillis()).isBetween(1L, 1_000L);
    }

    @Test
    void delays_are_spread_not_fixed() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> {
            backoff.reset();
            for (int k = 0; k < 6; k++) {
                backoff.next();
            }
            return backoff.next().toMillis();
        }).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }
}
