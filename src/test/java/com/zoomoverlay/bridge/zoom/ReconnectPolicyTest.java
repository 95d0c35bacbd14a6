package com.zoomoverlay.bridge.zoom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The policy alone, on a simulated timeline: Zoom refuses for the outage's length, the policy's waits
 * are played out, and the first attempt after Zoom is back ends the gap. Many seeds per length, so the
 * bound holds for the jitter's worst draws, not one lucky run.
 */
class ReconnectPolicyTest {

    private static final Instant T0 = Instant.parse("2026-12-02T05:00:00Z");
    private final ZoomWsSettings settings = ZoomWsSettings.defaults();

    /** Plays one outage of {@code length} starting at T0; answers the gap and the attempts it took. */
    private record Played(Duration gap, int attempts, Duration shortestWait) {
    }

    private static Played play(ReconnectPolicy policy, Instant start, Duration length) {
        policy.lost(start);
        Instant back = start.plus(length);
        Instant t = start;
        int attempts = 0;
        Duration shortest = Duration.ofDays(1);
        while (true) {
            Duration wait = policy.nextDelay(t);
            shortest = wait.compareTo(shortest) < 0 ? wait : shortest;
            t = t.plus(wait);
            attempts++;
            if (!t.isBefore(back)) {
                policy.connected(t);
                return new Played(Duration.between(back, t), attempts, shortest);
            }
            policy.lost(t); // this attempt was refused
        }
    }

    @Test
    void after_zoom_is_back_the_next_attempt_comes_within_the_live_cap_for_outages_up_to_five_minutes() {
        for (long seconds : new long[] {2, 5, 10, 30, 120, 290}) {
            for (int seed = 0; seed < 200; seed++) {
                ReconnectPolicy policy = new ReconnectPolicy(settings, new SplittableRandom(seed));
                Played played = play(policy, T0, Duration.ofSeconds(seconds));
                assertThat(played.gap()).as("%d s outage, seed %d", seconds, seed).isLessThanOrEqualTo(Duration.ofMillis(1_500));
                // Bounded attempts: never faster than the first floor, about one per second once capped.
                assertThat(played.shortestWait()).isGreaterThanOrEqualTo(Duration.ofMillis(125));
                assertThat(played.attempts()).isLessThanOrEqualTo((int) (seconds * 1000 / 750) + 4);
            }
        }
    }

    @Test
    void longer_outages_back_off_to_the_ceiling_which_stays_in_seconds() {
        for (int seed = 0; seed < 50; seed++) {
            ReconnectPolicy policy = new ReconnectPolicy(settings, new SplittableRandom(seed));
            Played played = play(policy, T0, Duration.ofMinutes(20));
            assertThat(played.gap()).isLessThanOrEqualTo(settings.backoffCeiling());
            // 5 min at one per 0.75-1.5 s, then 15 min at one per 5-10 s
            assertThat(played.attempts()).isBetween(200 + 90, 400 + 180);
        }
        ReconnectPolicy policy = new ReconnectPolicy(settings, new SplittableRandom(1));
        assertThat(policy.longestWait(Duration.ofMinutes(4))).isEqualTo(Duration.ofMillis(1_500));
        assertThat(policy.longestWait(Duration.ofMinutes(6))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void each_outage_after_a_stable_connection_starts_its_count_afresh() {
        ReconnectPolicy policy = new ReconnectPolicy(settings, new SplittableRandom(3));
        Played first = play(policy, T0, Duration.ofSeconds(30));
        assertThat(first.attempts()).isGreaterThan(10);
        Instant connectedAt = T0.plus(Duration.ofSeconds(30)).plus(first.gap());
        Instant later = connectedAt.plus(settings.stableAfter());
        assertThat(policy.stable(later)).isTrue();
        assertThat(policy.lost(later)).isTrue();
        assertThat(policy.attempts()).isZero();
        assertThat(policy.outageSince()).isEqualTo(later);
        assertThat(policy.nextDelay(later)).isLessThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void a_connection_lost_before_it_was_stable_continues_the_outage_at_the_capped_pace() {
        ReconnectPolicy policy = new ReconnectPolicy(settings, new SplittableRandom(5));
        policy.lost(T0);
        Instant t = T0;
        for (int i = 0; i < 4; i++) {
            t = t.plus(policy.nextDelay(t));
            policy.lost(t);
        }
        // Flapping: built, then dropped a moment later, again and again.
        for (int flap = 0; flap < 20; flap++) {
            Duration wait = policy.nextDelay(t);
            assertThat(wait).as("flap %d", flap).isGreaterThanOrEqualTo(Duration.ofMillis(750));
            t = t.plus(wait);
            policy.connected(t);
            t = t.plusMillis(50);
            assertThat(policy.stable(t)).isFalse();
            assertThat(policy.lost(t)).isFalse();
        }
        assertThat(policy.attempts()).isEqualTo(24);
        assertThat(policy.outageSince()).isEqualTo(T0);
    }

    @Test
    void a_server_that_flaps_for_more_than_the_long_phase_is_tried_at_the_slower_pace() {
        ReconnectPolicy policy = new ReconnectPolicy(settings, new SplittableRandom(9));
        policy.lost(T0);
        Instant t = T0.plus(settings.backoffLongAfter());
        for (int i = 0; i < 10; i++) {
            policy.nextDelay(t);
        }
        assertThat(policy.nextDelay(t)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }
}
