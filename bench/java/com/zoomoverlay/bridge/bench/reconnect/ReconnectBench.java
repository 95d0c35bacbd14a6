package com.zoomoverlay.bridge.bench.reconnect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.zoomoverlay.bridge.bench.Machine;
import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import com.zoomoverlay.bridge.simulator.SimulatedOAuthServer;
import com.zoomoverlay.bridge.simulator.SimulatorConfig;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import io.vertx.core.Vertx;

/**
 * The reconnect benchmark of issue 11: how long the show is lost after Zoom is reachable again. One fake
 * Zoom (the built-in simulator, in this process, its meeting story playing) serves two clients at once,
 * each on its own subscription: the bridge ({@code java -jar}, default settings, its own process) and
 * {@link JitteredBaseline} (full jitter capped at 1.5 s). Each outage drops both connections without a
 * close frame and refuses every upgrade (503) for its length; the simulator then notes, per subscription,
 * the time from the end of the refusal to the {@code build_connection} it sent, and the refused attempts.
 * Both clients live through the same outages on the same clock, so the ratio bridge / baseline compares
 * policies, not machines. Run with {@code bench/run.sh reconnect}.
 *
 * <p>The plan, per round ({@code bench.rounds}, default 3): the issue's sequence (3, 6, 9 and 4 s, Zoom
 * stable 5 s between, less than the bridge's {@code stable-after}, so they chain into one outage for it),
 * then 2, 5, 10 and 30 s with 12 s stable between; after the rounds the long outages
 * ({@code bench.long}, default {@code 180,360} s: inside and past the bridge's 5-minute live phase).
 */
public final class ReconnectBench {

    static final String BRIDGE = "bridge";
    static final String BASELINE = "baseline";
    private static final String CLIENT_ID = "reconnect-bench-client";
    private static final String CLIENT_SECRET = "reconnect-bench-secret-0123456789abcdef";
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** The bridge's default backoff-long-after: outages up to this long are the live phase. */
    private static final int LIVE_PHASE_SECONDS = 300;

    private final Path jar;
    private final Path results = Path.of("target", "bench", "results").toAbsolutePath();
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final int[] longOutages = Arrays.stream(System.getProperty("bench.long", "180,360").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    private final Vertx vertx = Vertx.vertx();
    private ZoomSimulator simulator;

    private ReconnectBench(Path jar) {
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        new ReconnectBench(Path.of(args[0]).toAbsolutePath()).run();
        System.exit(0);
    }

    /** One outage: its length and how long Zoom stays up after the clients are back. */
    record Outage(int seconds, int stableAfter) {
    }

    /** What one outage cost each client. */
    record Result(Outage outage, Duration bridgeGap, Duration baselineGap, long bridgeAttempts, long baselineAttempts) {
        double ratio() {
            return bridgeGap.toNanos() / (double) Math.max(1, baselineGap.toNanos());
        }
    }

    private List<Outage> plan() {
        List<Outage> plan = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int s : new int[] {3, 6, 9, 4}) {
                plan.add(new Outage(s, 5));
            }
            for (int s : new int[] {2, 5, 10, 30}) {
                plan.add(new Outage(s, 12));
            }
        }
        for (int s : longOutages) {
            plan.add(new Outage(s, 12));
        }
        return plan;
    }

    private void run() throws Exception {
        Files.createDirectories(results);
        List<Outage> plan = plan();
        System.out.println("machine " + Machine.describe());
        System.out.printf("outages: %d (%d s of refusal in all)%n", plan.size(),
                plan.stream().mapToInt(Outage::seconds).sum());
        SimulatorConfig config = SimulatorConfig.defaults(CLIENT_ID, CLIENT_SECRET, Set.of())
                .withStory(true, Duration.ofMillis(200));
        simulator = new ZoomSimulator(vertx, config, Clock.systemUTC());
        int port = simulator.listen(0).toCompletionStage().toCompletableFuture().get().actualPort();
        SimulatedEventSocket zoom = simulator.events();
        JitteredBaseline baseline = new JitteredBaseline(vertx, port, BASELINE,
                () -> simulator.tokens().issueAccessToken(Duration.ofHours(1), List.of("websocket")).value());
        Process bridge = startBridge(port);
        List<Result> done = new ArrayList<>();
        try {
            baseline.start();
            waitUntil(() -> alive(bridge) && zoom.connected(BRIDGE) && zoom.connected(BASELINE), 180,
                    "both clients connected");
            for (Outage outage : plan) {
                Result result = outage(zoom, bridge, outage);
                done.add(result);
                System.out.printf("outage %3d s: bridge %6d ms (%d attempts), baseline %6d ms (%d attempts), ratio %.2f%n",
                        outage.seconds(), result.bridgeGap().toMillis(), result.bridgeAttempts(),
                        result.baselineGap().toMillis(), result.baselineAttempts(), result.ratio());
            }
        } finally {
            baseline.stop();
            bridge.destroy();
            if (!bridge.waitFor(30, TimeUnit.SECONDS)) {
                bridge.destroyForcibly();
            }
        }
        String closest = String.format("closest two refused attempts: bridge %s, baseline %s",
                zoom.closestRefusals(BRIDGE).map(d -> d.toMillis() + " ms").orElse("-"),
                zoom.closestRefusals(BASELINE).map(d -> d.toMillis() + " ms").orElse("-"));
        String report = ReconnectReport.markdown(done, LIVE_PHASE_SECONDS, closest);
        System.out.println();
        System.out.println(report);
        Files.writeString(results.resolve("reconnect.md"), report);
    }

    private Result outage(SimulatedEventSocket zoom, Process bridge, Outage outage) throws Exception {
        long bridgeBefore = zoom.refusedConnects(BRIDGE);
        long baselineBefore = zoom.refusedConnects(BASELINE);
        zoom.outage(Duration.ofSeconds(outage.seconds()));
        waitUntil(() -> !zoom.refusing(), outage.seconds() + 30, "the refusal to end");
        // The bridge's slowest documented wait is 60 s (backoff-ceiling-s at its maximum): beyond, it is lost.
        waitUntil(() -> alive(bridge) && zoom.lastReturnGap(BRIDGE).isPresent() && zoom.lastReturnGap(BASELINE).isPresent(),
                90, "both clients back after a " + outage.seconds() + " s outage");
        Result result = new Result(outage, zoom.lastReturnGap(BRIDGE).orElseThrow(),
                zoom.lastReturnGap(BASELINE).orElseThrow(), zoom.refusedConnects(BRIDGE) - bridgeBefore,
                zoom.refusedConnects(BASELINE) - baselineBefore);
        // Zoom stays up (events flowing) before the next outage; a bench may wait for real time.
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(outage.stableAfter()));
        return result;
    }

    private Process startBridge(int zoomPort) throws Exception {
        Path work = Files.createTempDirectory("bridge-reconnect-bench");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(freePort()));
        env.put("DATA_DIR", work.resolve("data").toString());
        env.put("PROD_CLIENT_ID", CLIENT_ID);
        env.put("PROD_CLIENT_SECRET", CLIENT_SECRET);
        env.put("ZOOM_ACCOUNT_ID", SimulatedOAuthServer.ACCOUNT_ID);
        env.put("PROD_WEBSOCKET_URL", "ws://127.0.0.1:" + zoomPort + "/ws?subscriptionId=" + BRIDGE);
        env.put("ZOOM_OAUTH_BASE_URL", "http://127.0.0.1:" + zoomPort);
        env.put("TOKEN_ENCRYPTION_KEY", KEY);
        env.put("ADMIN_TOKEN", "reconnect-bench-admin-token-0123456789");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(results.resolve("reconnect-bridge.log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private boolean alive(Process bridge) {
        if (!bridge.isAlive()) {
            throw new IllegalStateException("the bridge ended, see " + results.resolve("reconnect-bridge.log"));
        }
        return true;
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntil(Callable<Boolean> condition, int timeoutSeconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeoutSeconds + " s: " + what);
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
