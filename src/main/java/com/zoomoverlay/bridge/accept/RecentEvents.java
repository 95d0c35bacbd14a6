package com.zoomoverlay.bridge.accept;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.zoomoverlay.bridge.digest.Sha256;

/**
 * The ids of the last events this process stored, so the common repeat (the same event on both
 * transports, a WebSocket resend) is dropped without asking the store. Bounded; the store's unique key
 * catches whatever has left it. Used from the intake's one thread.
 *
 * <p>Kept in primitive arrays allocated once, not as a map of strings: at 1,000 events/s an entry lives
 * ~20 s, so as objects every id was copied by each young GC of its life (the pauses are what holds the
 * stream's p99, BENCHMARKS.md) and every insert marked cards in an old map. An id is kept as 128 of its
 * SHA-256 bits (two longs); a false match needs two different events to agree on those, which is as
 * unlikely as the ids themselves colliding.
 */
final class RecentEvents {

    private static final int EMPTY = -1;

    private final int capacity;
    /** The ids in arrival order, as a ring: slot i holds {@code high[i]}, {@code low[i]}. */
    private final long[] high;
    private final long[] low;
    /** Open addressing with linear probing: ring slot of each id, or EMPTY. At most half full. */
    private final int[] table;
    private final int mask;
    private int size;
    private int oldest;

    RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.high = new long[capacity];
        this.low = new long[capacity];
        int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        this.table = new int[tableSize];
        Arrays.fill(table, EMPTY);
        this.mask = tableSize - 1;
    }

    boolean contains(String eventId) {
        long[] key = key(eventId);
        return find(key[0], key[1]) >= 0;
    }

    void add(String eventId) {
        long[] key = key(eventId);
        if (find(key[0], key[1]) >= 0) {
            return;
        }
        if (size == capacity) {
            removeAt(indexOf(oldest));
            size--;
            oldest = (oldest + 1) % capacity;
        }
        int slot = (oldest + size) % capacity;
        high[slot] = key[0];
        low[slot] = key[1];
        int i = start(key[0], key[1]);
        while (table[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        table[i] = slot;
        size++;
    }

    int size() {
        return size;
    }

    /** The table index holding {@code (h, l)}, or -1. */
    private int find(long h, long l) {
        for (int i = start(h, l); table[i] != EMPTY; i = (i + 1) & mask) {
            int slot = table[i];
            if (high[slot] == h && low[slot] == l) {
                return i;
            }
        }
        return -1;
    }

    /** The table index that points at ring slot {@code slot} (it is there: every kept id has one). */
    private int indexOf(int slot) {
        for (int i = start(high[slot], low[slot]); ; i = (i + 1) & mask) {
            if (table[i] == slot) {
                return i;
            }
        }
    }

    /** Deletes table entry {@code i}, moving later entries of its probe run back so none becomes unreachable. */
    private void removeAt(int i) {
        int gap = i;
        for (int j = (gap + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            int home = start(high[table[j]], low[table[j]]);
            // j may move into the gap unless its home lies cyclically in (gap, j]
            boolean homeAfterGap = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
            if (!homeAfterGap) {
                table[gap] = table[j];
                gap = j;
            }
        }
        table[gap] = EMPTY;
    }

    private int start(long h, long l) {
        long mixed = (h ^ l) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    /**
     * 128 bits of the id: the first 32 hex digits of a bridge event id (64 lower-case hex digits, itself a
     * SHA-256), or of the SHA-256 of anything else, so a malformed id never matches a real one by accident.
     */
    private static long[] key(String eventId) {
        String hex = isHexId(eventId) ? eventId
                : java.util.HexFormat.of().formatHex(Sha256.of(String.valueOf(eventId).getBytes(StandardCharsets.UTF_8)));
        return new long[] {Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16)};
    }

    /** {@link EventValidator#isEventId} without a regex: this runs twice per event on the intake's thread. */
    private static boolean isHexId(String id) {
        if (id == null || id.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
