package com.zoomoverlay.bridge.jvm;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.management.GcInfo;
import com.sun.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back, once a burst is over, the heap G1 grew for it. Without {@code -Xmx} on a large host G1's
 * maximum heap is a quarter of the RAM (6 GiB on 24 GiB), and JDK 17's G1 scales its expansion threshold
 * with the heap's size against that maximum: below half of it, it grows the heap whenever young pauses
 * take more than ~1 % of the time (not the 7.7 % of {@code GCTimeRatio=12}). A 60 s steady run at
 * 1,000 events/s grew the heap to 850 MiB for a live set of 31 MiB. {@code MaxHeapFreeRatio} shrinks it
 * only at a full GC or a concurrent cycle's remark, neither of which a busy young-only bridge runs, and
 * even then G1 hands the pages back to the OS from a background task (788 MiB took 0.6 s), so the RSS
 * right after a collection still held most of the burst. {@code SoftMaxHeapSize} is not used by G1 in 17.
 *
 * <p>So: every 250 ms this samples the committed heap and the bytes all threads allocated; when the heap
 * is well above twice what the last collection left and the bridge allocated almost nothing for a second
 * ({@link TrimPolicy}), it runs one full collection, which shrinks the heap to {@code MaxHeapFreeRatio}
 * and starts the uncommit while nobody needs the CPU. Not while a burst runs, so its throughput is
 * untouched; at most once per regrowth. Not started when the operator sized the heap or its ratios on
 * the command line: their sizing wins.
 */
public final class HeapTrim {

    private static final Logger LOG = LoggerFactory.getLogger(HeapTrim.class);
    static final long PERIOD_MS = 250;
    /** Samples kept: the allocation over the last second is the newest minus the oldest. */
    private static final int WINDOW = (int) (1000 / PERIOD_MS) + 1;

    private final TrimPolicy policy = new TrimPolicy();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads;
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final long[] allocated = new long[WINDOW];
    private int samples;
    private final AtomicInteger trims = new AtomicInteger();

    private HeapTrim(ThreadMXBean threads) {
        this.threads = threads;
    }

    /** Starts the sampler on a daemon thread if allocation can be measured; null if not. */
    static HeapTrim start() {
        if (!(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return null;
        }
        HeapTrim trim = new HeapTrim(threads);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jvm-heap-trim");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(trim::sampleSafely, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return trim;
    }

    /** Full collections this ran (for tests). */
    int trims() {
        return trims.get();
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a monitoring bean refused once: the next sample tries again; never kill the timer
        }
    }

    private void sample() {
        allocated[samples % WINDOW] = threads.getTotalThreadAllocatedBytes();
        samples++;
        long committed = memory.getHeapMemoryUsage().getCommitted();
        if (!policy.worthLooking(committed)) {
            return;
        }
        long lastSecond = samples < WINDOW ? -1
                : Math.max(0, allocated[(samples - 1) % WINDOW] - allocated[samples % WINDOW]);
        long live = liveAfterLastGc();
        if (policy.shouldTrim(committed, live, lastSecond)) {
            System.gc();
            long after = memory.getHeapMemoryUsage().getCommitted();
            policy.trimmed(after);
            trims.incrementAndGet();
            LOG.info("jvm heap returned after a burst committedMiB={}->{} liveMiB={}", committed >> 20, after >> 20,
                    live >> 20);
        }
    }

    /** Heap used after the most recent collection of any collector, or -1 before the first. */
    private long liveAfterLastGc() {
        GcInfo latest = null;
        for (GarbageCollectorMXBean c : collectors) {
            if (c instanceof com.sun.management.GarbageCollectorMXBean g) {
                GcInfo info = g.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return -1;
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }
}
