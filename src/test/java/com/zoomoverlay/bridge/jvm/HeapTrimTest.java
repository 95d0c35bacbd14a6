package com.zoomoverlay.bridge.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Runs in a child JVM: the test grows and trims that JVM's heap, never the one running the tests. */
class HeapTrimTest {

    private static final long MIB = 1L << 20;

    /** The child: a burst that grows the heap, then quiet; prints the committed heap before and after. */
    public static void main(String[] args) {
        HeapTrim trim = HeapTrim.start();
        List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            burst.add(new byte[4 * (int) MIB]); // humongous: G1 commits regions for them, a young GC frees them
        }
        long grown = committed();
        burst.clear();
        youngCollection();
        await().atMost(Duration.ofSeconds(60)).until(() -> trim.trims() > 0);
        System.out.println("grown=" + (grown / MIB) + " after=" + (committed() / MIB) + " trims=" + trim.trims());
    }

    private static long committed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    private static void youngCollection() {
        long before = collections();
        Object sink = null;
        while (collections() == before) {
            for (int i = 0; i < 10_000; i++) {
                sink = new byte[128];
            }
        }
        if (sink == null) {
            throw new AssertionError();
        }
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Test
    void a_heap_grown_by_a_burst_is_given_back_once_the_jvm_is_quiet() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), HeapTrimTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsPattern("grown=\\d+ after=\\d+ trims=1");
        String[] figures = out.replaceAll("(?s).*grown=(\\d+) after=(\\d+).*", "$1 $2").split(" ");
        assertThat(Long.parseLong(figures[1])).isLessThan(Long.parseLong(figures[0]) / 2);
    }
}
