package com.zoomoverlay.bridge.jvm;

import static com.zoomoverlay.bridge.jvm.TrimPolicy.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrimPolicyTest {

    private final TrimPolicy policy = new TrimPolicy();

    @Test
    void a_heap_grown_by_a_burst_is_trimmed_once_the_bridge_is_quiet() {
        // the figures of a steady run: 848 MiB committed, 82 MiB after the last young collection
        assertThat(policy.shouldTrim(848 * MIB, 82 * MIB, 1 * MIB)).isTrue();
    }

    @Test
    void not_while_the_burst_still_allocates() {
        assertThat(policy.shouldTrim(848 * MIB, 82 * MIB, 90 * MIB)).isFalse();
    }

    @Test
    void not_before_the_first_collection_or_the_first_second_of_samples() {
        assertThat(policy.shouldTrim(848 * MIB, -1, 0)).isFalse();
        assertThat(policy.shouldTrim(848 * MIB, 82 * MIB, -1)).isFalse();
    }

    @Test
    void a_heap_near_twice_its_live_data_or_small_is_left_alone() {
        assertThat(policy.shouldTrim(250 * MIB, 100 * MIB, 0)).isFalse();
        assertThat(policy.shouldTrim(120 * MIB, 10 * MIB, 0)).isFalse();
        assertThat(policy.worthLooking(120 * MIB)).isFalse();
        assertThat(policy.worthLooking(128 * MIB)).isTrue();
    }

    @Test
    void after_a_trim_only_a_regrown_heap_is_trimmed_again() {
        // e.g. an operator's MaxHeapFreeRatio=90 kept the heap large: no loop of full collections
        policy.trimmed(600 * MIB);
        assertThat(policy.shouldTrim(620 * MIB, 40 * MIB, 0)).isFalse();
        assertThat(policy.shouldTrim(700 * MIB, 40 * MIB, 0)).isTrue();
    }
}
