package com.zoomoverlay.bridge.jvm;

/**
 * When {@link HeapTrim} gives the heap back: the heap is well above what the last collection left, the
 * bridge has allocated almost nothing for a second, and the heap has grown again since the last trim.
 * Pure arithmetic on byte counts, so it is tested without a JVM in a particular state.
 */
final class TrimPolicy {

    static final long MIB = 1L << 20;
    /** Below this the heap is not worth a full collection: the JVM's own non-heap is ~200 MiB anyway. */
    static final long FLOOR = 64 * MIB;
    /** What must be given back at least, over twice the live data, for a trim to be worth its pause. */
    static final long MIN_EXCESS = 64 * MIB;
    /**
     * "Quiet": allocated in the last second. A steady 1,000 events/s allocates ~90 MiB/s, an idle bridge
     * well under 1 MiB/s; below ~90 events/s a trim's one short pause delays a few events once.
     */
    static final long QUIET_PER_SECOND = 8 * MIB;
    /** After a trim, how much the heap must grow again before the next: never a trim loop. */
    static final long REGROWTH = 64 * MIB;

    private long committedAfterLastTrim = -1;

    /**
     * @param committed the heap's committed bytes now
     * @param liveAfterLastGc heap bytes used after the most recent collection, or -1 before the first
     * @param allocatedLastSecond bytes allocated by all threads over the last second, or -1 if not known yet
     */
    boolean shouldTrim(long committed, long liveAfterLastGc, long allocatedLastSecond) {
        if (liveAfterLastGc < 0 || allocatedLastSecond < 0) {
            return false;
        }
        if (committed < target(liveAfterLastGc) + MIN_EXCESS) {
            return false;
        }
        if (committedAfterLastTrim >= 0 && committed < committedAfterLastTrim + REGROWTH) {
            return false; // the last trim could not shrink further (e.g. an operator's own MaxHeapFreeRatio)
        }
        return allocatedLastSecond <= QUIET_PER_SECOND;
    }

    /** Cheap first check, before the live data after the last collection is looked up. */
    boolean worthLooking(long committed) {
        return committed >= FLOOR + MIN_EXCESS;
    }

    void trimmed(long committedAfter) {
        committedAfterLastTrim = committedAfter;
    }

    private static long target(long live) {
        return Math.max(FLOOR, 2 * live);
    }
}
