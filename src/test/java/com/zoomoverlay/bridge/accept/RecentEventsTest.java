package com.zoomoverlay.bridge.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.zoomoverlay.bridge.digest.Sha256;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

    @Test
    void an_added_id_is_recent_and_another_is_not() {
        RecentEvents recent = new RecentEvents(10);
        recent.add(id(1));

        assertThat(recent.contains(id(1))).isTrue();
        assertThat(recent.contains(id(2))).isFalse();
    }

    @Test
    void the_oldest_ids_leave_once_the_capacity_is_reached() {
        RecentEvents recent = new RecentEvents(100);
        for (int i = 0; i < 130; i++) {
            recent.add(id(i));
        }

        assertThat(recent.size()).isEqualTo(100);
        for (int i = 0; i < 30; i++) {
            assertThat(recent.contains(id(i))).as("id %d left", i).isFalse();
        }
        for (int i = 30; i < 130; i++) {
            assertThat(recent.contains(id(i))).as("id %d kept", i).isTrue();
        }
    }

    @Test
    void adding_a_recent_id_again_neither_duplicates_it_nor_makes_it_younger() {
        RecentEvents recent = new RecentEvents(3);
        recent.add(id(1));
        recent.add(id(2));
        recent.add(id(1));
        recent.add(id(3));
        recent.add(id(4)); // pushes out 1, the oldest, although it was added again

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.contains(id(1))).isFalse();
        assertThat(recent.contains(id(2))).isTrue();
        assertThat(recent.contains(id(4))).isTrue();
    }

    @Test
    void ids_that_agree_in_their_first_64_bits_are_still_told_apart() {
        String a = "0123456789abcdef" + "0000000000000000" + "f".repeat(32);
        String b = "0123456789abcdef" + "0000000000000001" + "f".repeat(32);
        RecentEvents recent = new RecentEvents(10);
        recent.add(a);

        assertThat(recent.contains(b)).isFalse();
    }

    @Test
    void an_id_that_is_not_an_event_id_is_kept_by_its_digest_and_matches_only_itself() {
        RecentEvents recent = new RecentEvents(10);
        String odd = "not-an-event-id";
        recent.add(odd);

        assertThat(recent.contains(odd)).isTrue();
        assertThat(recent.contains(Sha256.hex(odd).toUpperCase())).isFalse();
        assertThat(recent.contains(id(7))).isFalse();
        assertThat(recent.contains(null)).isFalse();
    }

    /** Against a plain model: every id ever added is recent exactly while it is among the last {@code capacity}. */
    @Test
    void behaves_like_an_insertion_ordered_set_of_the_last_ids_under_random_repeats() {
        for (int capacity : new int[] {1, 2, 7, 64, 1_000}) {
            Random random = new Random(capacity);
            RecentEvents recent = new RecentEvents(capacity);
            ArrayDeque<Integer> order = new ArrayDeque<>();
            Set<Integer> kept = new HashSet<>();
            List<Integer> seen = new ArrayList<>();
            int universe = capacity * 3 + 5;
            for (int step = 0; step < 20_000; step++) {
                int n = random.nextInt(universe);
                seen.add(n);
                recent.add(id(n));
                if (kept.add(n)) {
                    order.addLast(n);
                    if (order.size() > capacity) {
                        kept.remove(order.removeFirst());
                    }
                }
                if (step % 97 == 0) {
                    for (int m = 0; m < universe; m++) {
                        assertThat(recent.contains(id(m))).as("capacity %d step %d id %d", capacity, step, m)
                                .isEqualTo(kept.contains(m));
                    }
                }
            }
            assertThat(recent.size()).isEqualTo(kept.size());
        }
    }

    @Test
    void a_capacity_below_one_is_refused() {
        assertThatThrownBy(() -> new RecentEvents(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String id(int n) {
        return Sha256.hex("event " + n);
    }
}
