package com.zoomoverlay.bridge.bench.live;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU a process used during one phase, from two readings of {@code /proc/<pid>/task/*}: in all, per event,
 * and by thread (threads of the same name, digits dropped, added up), beside how busy the whole machine was.
 * On a 2-core machine shared with the fake Zoom and the receiver, CPU per event is what decides how far from
 * saturation a one-request-in-flight lane runs, so it is reported for both systems.
 */
final class ProcessCpu {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every common kernel build). */
    private static final double TICK_MS = 10;

    private final Map<String, Long> byThread;
    private final long machineBusy;
    private final long machineTotal;

    private ProcessCpu(Map<String, Long> byThread, long machineBusy, long machineTotal) {
        this.byThread = byThread;
        this.machineBusy = machineBusy;
        this.machineTotal = machineTotal;
    }

    static ProcessCpu read(long pid) {
        Map<String, Long> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    threads.merge(task.getFileName() + " " + name, ticks(stat), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read: its time is lost to both readings alike
                }
            }
        } catch (IOException e) {
            return new ProcessCpu(Map.of(), 0, 0);
        }
        long[] machine = machine();
        return new ProcessCpu(threads, machine[0], machine[1]);
    }

    /** CPU a process or thread has used, in ms, from its {@code /proc/.../stat} line. */
    static long cpuMillis(String stat) {
        return (long) (ticks(stat) * TICK_MS);
    }

    /** utime + stime of a {@code stat} line; the name before them is in parentheses and may hold spaces. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Busy and total jiffies of all CPUs ({@code /proc/stat}'s first line). */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle, iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** What happened between {@code before} and this reading, for {@code events} events. */
    String since(ProcessCpu before, long events) {
        Map<String, Long> byName = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : byThread.entrySet()) {
            long used = e.getValue() - before.byThread.getOrDefault(e.getKey(), 0L);
            if (used <= 0) {
                continue;
            }
            total += used;
            String name = e.getKey().substring(e.getKey().indexOf(' ') + 1).replaceAll("[#\\-]?\\d+$", "").trim();
            byName.merge(name, used, Long::sum);
        }
        List<Map.Entry<String, Long>> top = new ArrayList<>(byName.entrySet());
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder s = new StringBuilder(String.format("cpu %.1f s, %.3f ms per event", total * TICK_MS / 1000,
                events == 0 ? 0 : total * TICK_MS / events));
        long busy = machineBusy - before.machineBusy;
        long all = machineTotal - before.machineTotal;
        if (all > 0) {
            s.append(String.format(", machine %.0f %% busy", 100.0 * busy / all));
        }
        s.append("; by thread:");
        for (int i = 0; i < Math.min(8, top.size()); i++) {
            s.append(String.format(" %s %.0f%%", top.get(i).getKey(), 100.0 * top.get(i).getValue() / total));
        }
        return s.toString();
    }
}
