package com.zoomoverlay.bridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** The facts a benchmark result needs next to it (cores, RAM, Java, load), and memory readings. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        return String.format("nproc=%d ram=%s java=%s (%s) load=%s", Runtime.getRuntime().availableProcessors(),
                meminfo("MemTotal"), System.getProperty("java.version"), System.getProperty("java.vm.name"), load());
    }

    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Heap used after a full GC, and this process's resident set, in MiB. */
    static String memory() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format("heap after GC %d MiB, RSS %s", heap >> 20, status(ProcessHandle.current().pid(), "VmRSS"));
    }

    /** A field of /proc/PID/status, e.g. VmRSS, as "N MiB". */
    static String status(long pid, String field) {
        return procField(Path.of("/proc", String.valueOf(pid), "status"), field);
    }

    /** A field of /proc/PID/status in KiB (VmRSS, VmHWM, ...), or -1 when the process or the field is gone. */
    public static long statusKiB(long pid, String field) {
        return kib(Path.of("/proc", String.valueOf(pid), "status"), field);
    }

    private static String meminfo(String field) {
        return procField(Path.of("/proc/meminfo"), field);
    }

    private static String procField(Path file, String field) {
        long kib = kib(file, field);
        return kib < 0 ? "unknown" : (kib >> 10) + " MiB";
    }

    private static long kib(Path file, String field) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(field + ":"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Polls every 20 ms until {@code condition} holds; gives up after {@code seconds} with {@code progress}. */
    static void waitUntil(Callable<Boolean> condition, int seconds, Supplier<String> progress) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + seconds + " s: " + progress.get());
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
