package com.zoomoverlay.bridge.bench;

import java.io.File;
import java.net.URI;



import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;

/**
 * Disk per event of the embedded store (issue 13), through the packaged jar ({@code java -jar ... --simulate},
 * a webhook target that answers at once): a burst of {@code bench.burst} events, then a steady
 * {@code bench.steady-rate} events/s for {@code bench.steady-seconds} (sent in tenths of a second, so commits are
 * small as on a quiet day), then {@code bench.idle-seconds} idle. The file's bytes per event are read after each
 * phase; then the bridge is killed and the store opened here to read what it holds (DISK_SPACE_USED per table,
 * the bodies' bytes, H2's fill rates). Each of {@code bench.variants} (comma-separated JVM arguments for the
 * jar, {@code -} for none) gets a fresh {@code DATA_DIR} and the same load. Not a test: {@code bench/run.sh store}.
 */
public final class StoreSizeBench {

    private static final String ADMIN = "bench-admin-token-0123456789";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String[] TABLES = {"accepted_event", "delivery", "unrouted_event", "show_meeting"};

    private int port;
    private BridgeAdmin admin;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        String variants = System.getProperty("bench.variants", "-Dbridge.store.compaction=false,-");
        System.out.println("machine " + Machine.describe());
        for (String variant : variants.split(",")) {
            new StoreSizeBench().run(jar, variant.equals("-") ? "" : variant.trim());
        }
    }

    private void run(Path jar, String jvmArgs) throws Exception {
        int burst = Integer.getInteger("bench.burst", 20_000);
        int rate = Integer.getInteger("bench.steady-rate", 50);
        int seconds = Integer.getInteger("bench.steady-seconds", 120);
        int idle = Integer.getInteger("bench.idle-seconds", 60);
        System.out.println("== bridge " + (jvmArgs.isEmpty() ? "(defaults)" : jvmArgs));
        port = TestBridge.freePort();
        admin = new BridgeAdmin(port, ADMIN);
        Path work = Files.createTempDirectory("bridge-store-bench");
        Path data = work.resolve("data");
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            Process bridge = start(jar, jvmArgs, work, receiver);
            try {
                Machine.waitUntil(() -> admin.status("/health") == 200, 90, () -> "bridge not healthy");
                SimulatedLogin.login(URI.create("http://localhost:" + port + "/"), ADMIN);
                Machine.waitUntil(() -> admin.get("/ws/status").contains("\"connected\":true"), 30, () -> "Zoom not connected");
                double start = accepted();
                long sent = System.nanoTime();
                admin.post("/simulator/control/ws/burst?count=" + burst);
                Machine.waitUntil(() -> accepted() >= start + burst, 300, () -> "fewer than " + burst + " accepted");
                System.out.printf("burst of %d accepted (stored and routed) in %.1f s%n", burst, (System.nanoTime() - sent) / 1e9);
                System.out.println("after the burst of " + burst + ": " + disk(data, start));
                long began = System.nanoTime();
                int tenth = Math.max(1, rate / 10);
                for (int t = 1; t <= seconds * 10; t++) {
                    admin.post("/simulator/control/ws/burst?count=" + tenth);
                    LockSupport.parkNanos(began + TimeUnit.MILLISECONDS.toNanos(100L * t) - System.nanoTime());
                }
                System.out.println("after " + seconds + " s at " + tenth * 10 + "/s: " + disk(data, start));
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(idle));
                System.out.println("after " + idle + " s idle: " + disk(data, start));
            } finally {
                bridge.destroyForcibly();
                bridge.waitFor(30, TimeUnit.SECONDS);
            }
        }
        System.out.println("held (opened after kill -9): " + held(data));
    }

    /** Files under DATA_DIR, in all and per event accepted in this run. */
    private String disk(Path data, double start) throws Exception {
        long bytes;
        try (var files = Files.walk(data)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        long events = (long) (accepted() - start);
        return String.format("DATA_DIR %.1f MiB, %,d events, %,.0f bytes per event; compaction steps %.0f, %.2f s in all, longest %.1f ms",
                bytes / 1048576.0, events, (double) bytes / Math.max(1, events), admin.metric("bridge_store_compaction_seconds_count"),
                admin.metric("bridge_store_compaction_seconds_sum"), 1000 * admin.metric("bridge_store_compaction_seconds_max"));
    }

    private static String held(Path data) throws Exception {
        String url = Database.embeddedUrl(data);
        StringBuilder s = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "bridge", "")) {
            long events = one(c, "SELECT COUNT(*) FROM accepted_event");
            long total = 0;
            for (String table : TABLES) {
                long used = one(c, "SELECT DISK_SPACE_USED('" + table + "')");
                total += used;
                s.append(String.format("%s %,d B, ", table, used));
            }
            s.append(String.format("tables %,d B (%,.0f per event over %,d events), event bodies %,d B; fill: file %s%%, chunks %s%%",
                    total, (double) total / Math.max(1, events), events,
                    one(c, "SELECT COALESCE(SUM(OCTET_LENGTH(body)), 0) FROM accepted_event"),
                    setting(c, "info.FILL_RATE"), setting(c, "info.CHUNKS_FILL_RATE")));
        }
        return s.toString();
    }

    private static long one(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String setting(Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '" + name + "'")) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }

    private Process start(Path jar, String jvmArgs, Path work, WebhookReceiver receiver) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--simulate"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("DATA_DIR", work.resolve("data").toString());
        pb.environment().put("ADMIN_TOKEN", ADMIN);
        // routes/ (one webhook target), not the demo's graphics targets, which reject events on purpose
        pb.environment().put("SIMULATOR_DEMO", "false");
        pb.environment().put("OVERLAY_WEBHOOK_URL", receiver.url());
        pb.environment().put("OVERLAY_WEBHOOK_SECRET", SECRET);
        File log = Path.of("target", "bench", "results", "store-bridge.log").toAbsolutePath().toFile();
        log.getParentFile().mkdirs();
        return pb.redirectErrorStream(true).redirectOutput(log).start();
    }

    private double accepted() throws Exception {
        return admin.metric("bridge_events_accepted_total");
    }





}
