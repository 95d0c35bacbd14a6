package com.zoomoverlay.bridge.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff equal = new Backoff(Duration.ofMillis(250), Duration.ofMillis(1_500), 0.5);

    @Test
    void ceiling_doubles_to_the_cap_without_overflow() {
        assertThat(equal.ceiling(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(equal.ceiling(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(equal.ceiling(2)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(equal.ceiling(3)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(equal.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(new Backoff(Duration.ofMillis(1), Duration.ofDays(365), 1).ceiling(1_000)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void equal_jitter_waits_between_half_the_ceiling_and_the_ceiling() {
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 0; attempt < 10; attempt++) {
            long ceiling = equal.ceiling(attempt).toMillis();
            for (int i = 0; i < 200; i++) {
                assertThat(equal.delay(attempt, random).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
        assertThat(equal.floor(9)).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void full_jitter_has_no_floor_but_one_millisecond_and_no_jitter_is_the_ceiling() {
        Backoff full = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 1);
        assertThat(full.floor(5)).isEqualTo(Duration.ofMillis(1));
        Backoff none = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0);
        assertThat(none.delay(2, new SplittableRandom(1))).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void waits_are_spread_so_bridges_do_not_retry_in_step() {
        SplittableRandom random = new SplittableRandom(42);
        long distinct = IntStream.range(0, 50).mapToLong(i -> equal.delay(6, random).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(25);
    }

    @Test
    void up_to_a_cap_below_the_initial_wait_caps_every_wait() {
        Backoff capped = Backoff.upTo(Duration.ofMillis(250), Duration.ofMillis(100), 0);
        assertThat(capped.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(capped.ceiling(5)).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.upTo(Duration.ofMillis(250), Duration.ofSeconds(2), 0.5)).isEqualTo(
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), 0.5));
    }

    @Test
    void a_negative_attempt_is_the_first_retry() {
        assertThat(equal.ceiling(-1)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void nonsense_is_refused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
