package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** When a failed delivery is tried again: the backoff's bounds, its jitter, and a receiver's Retry-After. */
class RetryPolicyTest {

    private static final int SAMPLES = 200;
    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void each_wait_is_between_half_and_all_of_a_ceiling_that_doubles_from_initial_up_to_max() {
        long[] ceilings = {100, 200, 400, 800, 1_600, 2_000, 2_000, 2_000};
        for (int attempts = 1; attempts <= ceilings.length; attempts++) {
            long ceiling = ceilings[attempts - 1];
            for (int i = 0; i < SAMPLES; i++) {
                assertThat(policy.delayAfter(attempts, Optional.empty()).toMillis())
                        .as("wait after attempt %d", attempts).isBetween(ceiling / 2, ceiling);
            }
        }
        // far into an outage the cap still holds (no overflow of the doubling)
        assertThat(policy.delayAfter(10_000, Optional.empty())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void the_random_half_spreads_the_waits_so_bridges_do_not_retry_in_step() {
        Set<Long> waits = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            waits.add(policy.delayAfter(6, Optional.empty()).toMillis());
        }
        // 1,001 possible values from 1,000 to 2,000 ms: 200 draws that land on a handful are no jitter at all
        assertThat(waits).hasSizeGreaterThan(50);
        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(1_000L, 2_000L));
    }

    @Test
    void a_receivers_retry_after_wins_over_the_backoff_longer_or_shorter() {
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.delayAfter(8, Optional.of(Duration.ofMillis(10)))).isEqualTo(Duration.ofMillis(10));
        assertThat(policy.delayAfter(3, Optional.of(Duration.ZERO))).isEqualTo(Duration.ZERO);
    }

    @Test
    void an_initial_wait_above_max_is_capped_at_max() {
        RetryPolicy upsideDown = new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1));
        for (int i = 0; i < SAMPLES; i++) {
            assertThat(upsideDown.delayAfter(1, Optional.empty())).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }
}
