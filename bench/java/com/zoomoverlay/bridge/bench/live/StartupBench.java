package com.zoomoverlay.bridge.bench.live;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.zoomoverlay.bridge.bench.Machine;

/**
 * Start-up of the jar against the baseline's, several times in one run (start-up varies a lot on a shared
 * machine, so the median and the ratio to {@link BaselineForwarder} started in the same conditions are the
 * figures). Each repetition starts, one after the other and in turn first: the baseline (process start to
 * {@code READY}, i.e. connected to the fake Zoom), the bridge on a fresh {@code DATA_DIR} ({@code java -jar},
 * no flags, to {@code /health} 200) and the bridge again on that same {@code DATA_DIR} (a restart: the
 * schema is there). For each: wall time, the process's CPU time (user + system, all threads, read from
 * {@code /proc} at that moment: less sensitive to other load than the wall time) and RSS at that moment.
 * Options: {@code -Dbench.repeat=7}, {@code -Dbench.bridge-jvm-args=...} (profiling only). Run with
 * {@code bench/run.sh startup}.
 */
public final class StartupBench {

    private static final String ADMIN = "bench-admin-token-0123456789";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final int repeat = Integer.getInteger("bench.repeat", 7);
    private final Path jar;
    private final String classpath = System.getProperty("java.class.path");
    private final Path results = Path.of("target", "bench", "results").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private int zoomPort;

    private StartupBench(Path jar) {
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        new StartupBench(Path.of(args[0]).toAbsolutePath()).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(results);
        System.out.println("machine nproc=" + Runtime.getRuntime().availableProcessors() + " java="
                + System.getProperty("java.version") + " load=" + load() + " repeat=" + repeat);
        Process zoom = start(List.of(java(), "-cp", classpath, BenchZoom.class.getName()), Map.of(),
                "startup-zoom.log", null);
        Map<String, List<long[]>> all = new LinkedHashMap<>();
        for (String system : List.of("baseline", "bridge-fresh", "bridge-restart")) {
            all.put(system, new ArrayList<>());
        }
        try {
            zoomPort = Integer.parseInt(awaitLine(zoom, "startup-zoom.log", "LISTENING ", 30).trim());
            for (int i = 0; i < repeat; i++) {
                // Alternate which goes first, so neither always starts on a machine the other just warmed up.
                if (i % 2 == 0) {
                    all.get("baseline").add(baseline());
                    bridge(all);
                } else {
                    bridge(all);
                    all.get("baseline").add(baseline());
                }
                System.out.printf("run %d: baseline %s | bridge fresh %s | bridge restart %s%n", i + 1,
                        show(last(all, "baseline")), show(last(all, "bridge-fresh")), show(last(all, "bridge-restart")));
            }
        } finally {
            stop(zoom);
        }
        report(all);
        System.out.println("load at the end " + load());
    }

    private void bridge(Map<String, List<long[]>> all) throws Exception {
        Path work = Files.createTempDirectory("bridge-startup-bench");
        all.get("bridge-fresh").add(bridgeOnce(work));
        all.get("bridge-restart").add(bridgeOnce(work));
    }

    // ---- one start each --------------------------------------------------------------------------

    private long[] baseline() throws Exception {
        long started = System.nanoTime();
        Process p = start(List.of(java(), "-cp", classpath, BaselineForwarder.class.getName(),
                String.valueOf(zoomPort), "http://127.0.0.1:9/unused"), Map.of(), "startup-baseline.log", null);
        try {
            awaitLine(p, "startup-baseline.log", "READY", 120);
            return reading(p, started);
        } finally {
            stop(p);
        }
    }

    private long[] bridgeOnce(Path work) throws Exception {
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("DATA_DIR", work.resolve("data").toString());
        env.put("PROD_CLIENT_ID", BenchZoom.CLIENT_ID);
        env.put("PROD_CLIENT_SECRET", BenchZoom.CLIENT_SECRET);
        env.put("ZOOM_ACCOUNT_ID", BenchZoom.ACCOUNT_ID);
        env.put("PROD_WEBSOCKET_URL", "ws://127.0.0.1:" + zoomPort + "/ws?subscriptionId=bridge");
        env.put("ZOOM_OAUTH_BASE_URL", "http://127.0.0.1:" + zoomPort);
        env.put("TOKEN_ENCRYPTION_KEY", KEY);
        env.put("ADMIN_TOKEN", ADMIN);
        env.put("OVERLAY_WEBHOOK_URL", "http://127.0.0.1:9/unused");
        env.put("OVERLAY_WEBHOOK_SECRET", SECRET);
        List<String> command = new ArrayList<>(List.of(java()));
        String jvmArgs = System.getProperty("bench.bridge-jvm-args", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(Arrays.asList(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        String health = "http://127.0.0.1:" + port + "/health";
        long started = System.nanoTime();
        Process p = start(command, env, "startup-bridge.log", work.toFile());
        try {
            waitUntil(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("bridge ended, see target/bench/results/startup-bridge.log");
                }
                return status(health) == 200;
            }, 120, "bridge /health not 200");
            return reading(p, started);
        } finally {
            stop(p);
        }
    }

    /** {wall ms, CPU ms, RSS KiB} of {@code p} now. */
    private static long[] reading(Process p, long startedNanos) throws Exception {
        long wall = (System.nanoTime() - startedNanos) / 1_000_000;
        long cpu = ProcessCpu.cpuMillis(Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat")));
        long rss = Math.max(0, Machine.statusKiB(p.pid(), "VmRSS"));
        return new long[] {wall, cpu, rss};
    }

    // ---- the report ------------------------------------------------------------------------------

    private static void report(Map<String, List<long[]>> all) {
        long[] base = medians(all.get("baseline"));
        System.out.println();
        System.out.println("| start-up, median of " + all.get("baseline").size()
                + " | wall ms | bridge/baseline | CPU ms | bridge/baseline | RSS MiB at that moment |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (Map.Entry<String, List<long[]>> e : all.entrySet()) {
            long[] m = medians(e.getValue());
            System.out.printf("| %s | %d | %s | %d | %s | %.0f |%n", describe(e.getKey()), m[0],
                    ratio(m[0], base[0]), m[1], ratio(m[1], base[1]), m[2] / 1024.0);
        }
    }

    private static String describe(String system) {
        return switch (system) {
            case "baseline" -> "baseline: to connected";
            case "bridge-fresh" -> "bridge, fresh DATA_DIR: to /health 200";
            default -> "bridge, restart on that DATA_DIR: to /health 200";
        };
    }

    private static String ratio(long value, long base) {
        return base == 0 ? "–" : String.format("%.2f", (double) value / base);
    }

    private static long[] medians(List<long[]> runs) {
        long[] m = new long[3];
        for (int k = 0; k < 3; k++) {
            final int index = k;
            long[] sorted = runs.stream().mapToLong(r -> r[index]).sorted().toArray();
            m[k] = sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
        }
        return m;
    }

    private static long[] last(Map<String, List<long[]>> all, String system) {
        List<long[]> runs = all.get(system);
        return runs.get(runs.size() - 1);
    }

    private static String show(long[] r) {
        return String.format("%d ms wall, %d ms CPU, %.0f MiB", r[0], r[1], r[2] / 1024.0);
    }

    // ---- processes and HTTP ----------------------------------------------------------------------

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process start(List<String> command, Map<String, String> env, String log, File dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(results.resolve(log).toFile());
        if (dir != null) {
            pb.directory(dir);
        }
        pb.environment().putAll(env);
        return pb.start();
    }

    private String awaitLine(Process p, String log, String prefix, int timeoutSeconds) throws Exception {
        String[] found = {null};
        waitUntil(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(log + ": process ended");
            }
            try {
                found[0] = Files.readAllLines(results.resolve(log)).stream().filter(l -> l.startsWith(prefix))
                        .findFirst().map(l -> l.substring(prefix.length())).orElse(null);
            } catch (java.io.IOException e) {
                return false;
            }
            return found[0] != null;
        }, timeoutSeconds, log + ": no line " + prefix);
        return found[0];
    }

    private static void stop(Process p) throws Exception {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void waitUntil(BooleanSupplier condition, int timeoutSeconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeoutSeconds + " s: " + what);
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
