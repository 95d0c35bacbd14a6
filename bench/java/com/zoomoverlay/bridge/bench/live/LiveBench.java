package com.zoomoverlay.bridge.bench.live;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.bench.Machine;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;

/**
 * The live benchmark of issue 10: the same forwarding job done by the bridge ({@code java -jar}, no
 * flags, durable store on) and by {@link BaselineForwarder} (memory only), one after the other in one
 * run against one fake Zoom ({@link BenchZoom}, its own process), to one webhook receiver; the
 * bridge's overlay feed is read by an overlay client. Receiver and overlay client run in this process.
 * For each system: start-up, a burst of {@code bench.burst} events (throughput, order), a steady
 * {@code bench.rate}/s for {@code bench.seconds} s (latency p50/p99/p99.9), RSS and heap after a full
 * GC, then a receiver outage of {@code bench.outage-seconds} s with {@code bench.outage-rate}/s
 * arriving (first delivery after the receiver is back, drain rate). Run with {@code bench/run.sh live}.
 */
public final class LiveBench {

    private static final String ADMIN = "bench-admin-token-0123456789";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final int burst = Integer.getInteger("bench.burst", 20_000);
    private final int rate = Integer.getInteger("bench.rate", 1_000);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int outageSeconds = Integer.getInteger("bench.outage-seconds", 60);
    private final int outageRate = Integer.getInteger("bench.outage-rate", 1_000);
    /**
     * Seconds of {@code bench.rate}/s after the 2,000-event warm-up, before anything is measured (0 by default):
     * the JIT is still compiling through the first minutes of a fresh JVM (the compiler threads' share shows in
     * each phase's cpu line), so a longer warm-up measures the systems as a bridge that has been up for a while.
     */
    private final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 0);
    private final Path jar;
    private final String classpath = System.getProperty("java.class.path");
    private final Path results = Path.of("target", "bench", "results").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Vertx vertx = Vertx.vertx();
    private int zoomPort;

    private LiveBench(Path jar) {
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        new LiveBench(Path.of(args[0]).toAbsolutePath()).run(System.getProperty("bench.systems", "baseline,bridge"));
        System.exit(0);
    }

    private void run(String systems) throws Exception {
        Files.createDirectories(results);
        System.out.println("machine " + machine());
        System.out.printf("burst=%d rate=%d/s for %d s, receiver outage %d s at %d/s, warm-up 2000 events + %d s%n", burst,
                rate, seconds, outageSeconds, outageRate, warmupSeconds);
        Process zoom = start(List.of(java(), "-cp", classpath, BenchZoom.class.getName()), Map.of(), "live-zoom.log");
        List<Figures> all = new ArrayList<>();
        try {
            zoomPort = Integer.parseInt(awaitLine(zoom, "live-zoom.log", "LISTENING ", 30).trim());
            for (String system : systems.split(",")) {
                Figures f = system.trim().equals("bridge") ? bridge() : baseline();
                System.out.println(f);
                all.add(f);
            }
        } finally {
            stop(zoom);
        }
        report(all);
    }

    // ---- the two systems -------------------------------------------------------------------------

    private Figures baseline() throws Exception {
        try (LiveReceiver receiver = new LiveReceiver(vertx, null)) {
            long started = System.nanoTime();
            Process p = start(List.of(java(), "-cp", classpath, BaselineForwarder.class.getName(),
                    String.valueOf(zoomPort), receiver.url()), Map.of(), "live-baseline.log");
            try {
                awaitLine(p, "live-baseline.log", "READY", 60);
                Figures f = new Figures("baseline");
                f.startupMs = (System.nanoTime() - started) / 1e6;
                f.startupWhat = "to connected";
                phases(f, p, receiver, null);
                return f;
            } finally {
                stop(p);
            }
        }
    }

    /** A fresh store for each run: the bridge migrates an empty public schema as on first start. */
    private static void emptySchema(String url, String user, String password) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password);
                java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }

    private Figures bridge() throws Exception {
        try (LiveReceiver receiver = new LiveReceiver(vertx, SECRET)) {
            int port = freePort();
            Path work = Files.createTempDirectory("bridge-live-bench");
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
            env.put("OVERLAY_WEBHOOK_URL", receiver.url());
            env.put("OVERLAY_WEBHOOK_SECRET", SECRET);
            // -Dbench.database-url=jdbc:postgresql://127.0.0.1:5432/test (and -Dbench.database-user/-password):
            // the same run against PostgreSQL instead of the embedded store; the bench empties the schema first
            String databaseUrl = System.getProperty("bench.database-url", "").trim();
            if (!databaseUrl.isEmpty()) {
                env.put("DATABASE_URL", databaseUrl);
                env.put("DATABASE_USER", System.getProperty("bench.database-user", "postgres"));
                env.put("DATABASE_PASSWORD", System.getProperty("bench.database-password", "postgres"));
                emptySchema(databaseUrl, env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
            }
            long started = System.nanoTime();
            List<String> command = new ArrayList<>(List.of(java()));
            // Empty by default (the jar as operators run it); e.g. -Dbench.bridge-jvm-args=-XX:StartFlightRecording=...
            String jvmArgs = System.getProperty("bench.bridge-jvm-args", "").trim();
            if (!jvmArgs.isEmpty()) {
                command.addAll(List.of(jvmArgs.split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString()));
            Process p = start(command, env, "live-bridge.log", work.toFile());
            try {
                String base = "http://127.0.0.1:" + port;
                waitUntil(() -> status(base + "/health") == 200, 120, "bridge /health not 200");
                Figures f = new Figures("bridge");
                f.metricsUrl = base + "/metrics";
                f.startupMs = (System.nanoTime() - started) / 1e6;
                f.startupWhat = "to /health 200";
                waitUntil(() -> get(base + "/ws/status").contains("\"connected\":true"), 60, "bridge not connected to Zoom");
                try (OverlayClient overlay = new OverlayClient(vertx, port)) {
                    phases(f, p, receiver, overlay);
                }
                if (Files.isDirectory(work.resolve("data"))) { // none with -Dbench.database-url
                    f.storeMiB = du(work.resolve("data")) / 1048576.0;
                }
                return f;
            } finally {
                stop(p);
            }
        }
    }

    // ---- the phases, the same for both -----------------------------------------------------------

    private void phases(Figures f, Process p, LiveReceiver receiver, OverlayClient overlay) throws Exception {
        Arrivals hook = receiver.arrivals();
        // Warm-up: the JIT, the connection pool and the store's first pages, for both alike.
        post("/bench/burst?count=2000");
        waitUntil(() -> hook.count() >= 2000, 120, "warm-up not delivered: " + hook.count());
        if (warmupSeconds > 0) {
            long warm = 2000L + (long) rate * warmupSeconds;
            post("/bench/steady?rate=" + rate + "&seconds=" + warmupSeconds);
            waitUntil(() -> hook.count() >= warm, warmupSeconds + 600, "warm-up not delivered: " + hook.count());
        }
        settle();

        hook.reset();
        reset(overlay);
        ProcessCpu burstCpu = ProcessCpu.read(p.pid());
        long t0 = System.nanoTime();
        post("/bench/burst?count=" + burst);
        waitUntil(() -> hook.count() >= burst, 600, "burst not delivered: " + hook.count() + "/" + burst);
        f.burstPerSecond = burst / ((hook.lastNanos() - t0) / 1e9);
        if (overlay != null) {
            f.burstOverlayShort = burst - awaitOverlay(overlay, burst);
            f.burstOverlayPerSecond = (burst - f.burstOverlayShort) / ((overlay.arrivals().lastNanos() - t0) / 1e9);
        }
        f.burstCpu = ProcessCpu.read(p.pid()).since(burstCpu, burst);
        settle();

        hook.take();
        reset(overlay);
        hook.reset();
        long steadyTotal = (long) rate * seconds;
        StageTimes before = f.metricsUrl == null ? null : StageTimes.parse(get(f.metricsUrl));
        ProcessCpu steadyCpu = ProcessCpu.read(p.pid());
        post("/bench/steady?rate=" + rate + "&seconds=" + seconds);
        waitUntil(() -> hook.count() >= steadyTotal, seconds + 600, "steady not delivered: " + hook.count());
        f.steadyCpu = ProcessCpu.read(p.pid()).since(steadyCpu, steadyTotal);
        f.steadyHook = hook.take();
        if (overlay != null) {
            f.steadyOverlayShort = steadyTotal - awaitOverlay(overlay, steadyTotal);
            f.steadyOverlay = overlay.arrivals().take();
        }
        if (before != null) {
            f.steadyStages = StageTimes.parse(get(f.metricsUrl)).since(before);
        }
        settle();
        f.memory = memory(p);

        receiver.down();
        hook.reset();
        reset(overlay);
        long outageTotal = (long) outageRate * outageSeconds;
        post("/bench/steady?rate=" + outageRate + "&seconds=" + outageSeconds);
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        waitUntil(() -> !get(zoomUrl("/bench/sent")).contains("\"steady\":true"), outageSeconds + 60, "outage load not sent");
        long back = System.nanoTime();
        receiver.up();
        waitUntil(() -> hook.count() >= outageTotal, 900, "backlog not drained: " + hook.count() + "/" + outageTotal);
        f.firstAfterBackMs = (hook.firstNanos() - back) / 1e6;
        f.drainPerSecond = outageTotal / ((hook.lastNanos() - back) / 1e9);
        if (overlay != null) {
            f.outageOverlay = overlay.arrivals().take();
        }
        settle();
        f.outOfOrder = hook.outOfOrder();
        f.extra = hook.count() - outageTotal;
        f.badSignatures = receiver.badSignatures();
    }

    /**
     * Waits until the overlay client has {@code expected} events, or until no more come for 2 s: the bridge drops
     * the oldest frames of a browser that cannot keep up (docs/hardening.md), and this client shares the machine's
     * two cores with everything else, so in a burst it may be the slow one. Returns how many arrived; the
     * shortfall is printed beside the overlay's figures.
     */
    private static long awaitOverlay(OverlayClient overlay, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = -1;
        long quietSince = System.nanoTime();
        while (overlay.arrivals().count() < expected && System.nanoTime() < deadline) {
            long now = overlay.arrivals().count();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
                break;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        return overlay.arrivals().count();
    }

    private static void reset(OverlayClient overlay) {
        if (overlay != null) {
            overlay.arrivals().reset();
            overlay.arrivals().take();
        }
    }

    /** A second for stragglers (a duplicate would show as an extra arrival) and for the system to go idle. */
    private static void settle() {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
    }

    // ---- readings --------------------------------------------------------------------------------

    /**
     * RSS and heap used after a full GC (jcmd), in MiB: {RSS once settled, heap, RSS at once, ms to settle}.
     * G1 gives the freed heap back to the OS from a background thread after the collection (128 MiB per step),
     * so VmRSS read as jcmd returns may still hold pages being returned; the settled figure is read once two
     * readings 250 ms apart differ by less than 1 MiB (at most 10 s), for both systems alike.
     */
    private static double[] memory(Process p) throws Exception {
        String pid = String.valueOf(p.pid());
        run("jcmd", pid, "GC.run");
        String heap = run("jcmd", pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(heap);
        double heapMiB = m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
        long start = System.nanoTime();
        double atOnce = rssMiB(pid);
        double last = atOnce;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            double now = rssMiB(pid);
            if (Math.abs(now - last) < 1) {
                last = now;
                break;
            }
            last = now;
        }
        return new double[] {last, heapMiB, atOnce, (System.nanoTime() - start) / 1e6};
    }

    private static double rssMiB(String pid) {
        return Math.max(0, Machine.statusKiB(Long.parseLong(pid), "VmRSS")) / 1024.0;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static long du(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String machine() throws Exception {
        return String.format("nproc=%d java=%s load=%s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim());
    }

    // ---- the report ------------------------------------------------------------------------------

    private static void report(List<Figures> all) {
        Figures bridge = all.stream().filter(f -> f.system.equals("bridge")).findFirst().orElse(null);
        Figures base = all.stream().filter(f -> f.system.equals("baseline")).findFirst().orElse(null);
        if (bridge == null || base == null) {
            return;
        }
        System.out.println();
        System.out.println("| figure | bridge | baseline | bridge/baseline |");
        System.out.println("| --- | --- | --- | --- |");
        row("burst: Zoom → webhook 2xx, events/s", bridge.burstPerSecond, base.burstPerSecond, "%.0f");
        row("burst: Zoom → overlay client, events/s", bridge.burstOverlayPerSecond, Double.NaN, "%.0f");
        for (double q : new double[] {50, 99, 99.9}) {
            row("steady " + "webhook p" + fmt(q) + " ms", bridge.steadyHook.getValueAtPercentile(q),
                    base.steadyHook.getValueAtPercentile(q), "%.0f");
        }
        for (double q : new double[] {50, 99, 99.9}) {
            row("steady overlay p" + fmt(q) + " ms", bridge.steadyOverlay.getValueAtPercentile(q), Double.NaN, "%.0f");
        }
        row("RSS after the run (settled after GC), MiB", bridge.memory[0], base.memory[0], "%.0f");
        row("RSS read as jcmd GC.run returns, MiB", bridge.memory[2], base.memory[2], "%.0f");
        row("heap after full GC, MiB", bridge.memory[1], base.memory[1], "%.0f");
        row("start-up (bridge: to /health 200; baseline: to connected), ms", bridge.startupMs, base.startupMs, "%.0f");
        row("first delivery after the receiver is back, ms", bridge.firstAfterBackMs, base.firstAfterBackMs, "%.0f");
        row("drain after the outage, events/s", bridge.drainPerSecond, base.drainPerSecond, "%.0f");
        row("events out of order / extra", bridge.outOfOrder + bridge.extra, base.outOfOrder + base.extra, "%.0f");
    }

    private static String fmt(double q) {
        return q == Math.rint(q) ? String.valueOf((long) q) : String.valueOf(q);
    }

    private static void row(String name, double bridge, double base, String format) {
        String ratio = Double.isNaN(base) ? "–" : base == 0 ? (bridge == 0 ? "1.00" : "∞") : String.format("%.2f", bridge / base);
        System.out.printf("| %s | %s | %s | %s |%n", name, String.format(format, bridge),
                Double.isNaN(base) ? "–" : String.format(format, base), ratio);
    }

    private static final class Figures {
        final String system;
        double startupMs;
        String startupWhat;
        /** The bridge's /metrics (null for the baseline) and, from it, where the steady run's time went. */
        String metricsUrl;
        String steadyStages;
        /** CPU the system's process used in the burst and the steady phase ({@link ProcessCpu}). */
        String burstCpu;
        String steadyCpu;
        double burstPerSecond;
        double burstOverlayPerSecond = Double.NaN;
        /** Events the overlay client never got (dropped by the bridge as a slow client's oldest frames). */
        long burstOverlayShort;
        long steadyOverlayShort;
        Histogram steadyHook;
        Histogram steadyOverlay;
        Histogram outageOverlay;
        double[] memory;
        double firstAfterBackMs;
        double drainPerSecond;
        double storeMiB = Double.NaN;
        long outOfOrder;
        long extra;
        long badSignatures;

        Figures(String system) {
            this.system = system;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(system).append(": start-up ").append(String.format("%.0f ms ", startupMs))
                    .append(startupWhat)
                    .append(String.format("; burst %.0f events/s", burstPerSecond));
            if (!Double.isNaN(burstOverlayPerSecond)) {
                s.append(String.format(" (overlay %.0f/s%s)", burstOverlayPerSecond,
                        burstOverlayShort > 0 ? ", " + burstOverlayShort + " not received: dropped as a slow client" : ""));
            }
            s.append("\n  burst ").append(burstCpu);
            s.append("\n  steady webhook ").append(latency(steadyHook));
            if (steadyOverlay != null) {
                s.append("\n  steady overlay ").append(latency(steadyOverlay));
                if (steadyOverlayShort > 0) {
                    s.append(" (" + steadyOverlayShort + " not received: dropped as a slow client)");
                }
                s.append("\n  overlay during the receiver outage ").append(latency(outageOverlay));
            }
            s.append("\n  steady ").append(steadyCpu);
            if (steadyStages != null) {
                s.append("\n  steady stages (bridge /metrics):\n    ").append(steadyStages);
            }
            s.append(String.format("%n  after steady: RSS %.0f MiB (%.0f MiB as jcmd returned, settled in %.0f ms), heap after GC %.0f MiB",
                    memory[0], memory[2], memory[3], memory[1]));
            s.append(String.format("%n  receiver outage: first delivery %.0f ms after back, drain %.0f events/s",
                    firstAfterBackMs, drainPerSecond));
            s.append(String.format("%n  out of order %d, extra %d, bad signatures %d", outOfOrder, extra, badSignatures));
            if (!Double.isNaN(storeMiB)) {
                s.append(String.format(", DATA_DIR %.1f MiB at the end", storeMiB));
            }
            return s.toString();
        }

        private static String latency(Histogram h) {
            return String.format("ms p50=%d p99=%d p99.9=%d max=%d (n=%d)", h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getTotalCount());
        }
    }

    // ---- processes and HTTP ----------------------------------------------------------------------

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process start(List<String> command, Map<String, String> env, String log) throws Exception {
        return start(command, env, log, null);
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
                throw new IllegalStateException(log + ": process ended: " + Files.readString(results.resolve(log)));
            }
            found[0] = Files.readAllLines(results.resolve(log)).stream().filter(l -> l.startsWith(prefix))
                    .findFirst().map(l -> l.substring(prefix.length())).orElse(null);
            return found[0] != null;
        }, timeoutSeconds, log + ": no line " + prefix);
        return found[0];
    }

    private static void stop(Process p) throws Exception {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String zoomUrl(String path) {
        return "http://127.0.0.1:" + zoomPort + path;
    }

    private void post(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(zoomUrl(path)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ADMIN)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static void waitUntil(Callable<Boolean> condition, int timeoutSeconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeoutSeconds + " s: " + what);
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
