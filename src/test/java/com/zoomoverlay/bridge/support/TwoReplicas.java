package com.zoomoverlay.bridge.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.oauth.StandaloneZoom;

/**
 * Two replicas of the production configuration (not --simulate) on one PostgreSQL schema and one lock
 * directory, with the default cluster timings: replica A is a child JVM that can be killed with SIGKILL
 * ({@link ChildBridge#kill}), replica B runs in this JVM. One simulated Zoom outlives both, and the
 * default webhook target is {@link #receiver}. Start A first ({@link #startLeader}), so it leads.
 */
public final class TwoReplicas implements AutoCloseable {

    public static final String ADMIN = "admin-token-0123456789";
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public final TestPostgres db = TestPostgres.freshSchema();
    public final TestReceiver receiver = new TestReceiver();
    public final StandaloneZoom zoom;
    private final Path workDir;
    private final int portA = TestBridge.freePort();
    private final int portB = TestBridge.freePort();
    private ChildBridge a;
    private TestBridge b;

    public TwoReplicas(Path workDir) throws Exception {
        this.workDir = workDir;
        this.zoom = new StandaloneZoom(Clock.systemUTC(), portA, portB);
    }

    /** Starts replica A in a child JVM with these -D properties and waits until it leads. */
    public ChildBridge startLeader(Map<String, String> properties) throws Exception {
        Map<String, String> env = env("a", portA);
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        a = ChildBridge.start(workDir, env, properties);
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster(a.get("/health").body()).path("leader").asBoolean());
        return a;
    }

    /** Starts replica B in this JVM; {@code extra} adds or overrides settings. */
    public TestBridge startFollower(Map<String, String> extra) {
        Map<String, String> env = env("b", portB);
        env.putAll(extra);
        b = TestBridge.start(env);
        return b;
    }

    /** Logs in through the follower and waits until the leader (the other process) holds the Zoom connection. */
    public void loginThroughFollower() throws Exception {
        SimulatedLogin.login(b.uri("/"), ADMIN);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.get("/ws/status").body().contains("\"connected\":true"));
    }

    /**
     * A simulated replica in this JVM on {@code db}, electing its leader through {@code lockDir} with a
     * 500 ms lock heartbeat (for tests of the election itself, without the Zoom and receiver of this class).
     */
    public static TestBridge inProcessReplica(TestPostgres db, Path lockDir) {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("SIMULATE", "true");
        env.put("CLUSTER_LOCK_DIR", lockDir.toString());
        env.put("bridge.cluster.lock-interval-ms", "500");
        return TestBridge.start(env);
    }

    /** The {@code cluster} check of a {@code /health} answer. */
    public static JsonNode cluster(String health) throws Exception {
        return Json.MAPPER.readTree(health).path("checks").path("cluster");
    }

    private Map<String, String> env(String name, int port) {
        Map<String, String> env = new HashMap<>(zoom.env(StandaloneZoom.KEY_A, db.env()));
        env.remove("bridge.oauth.check-interval");
        env.put("ADMIN_TOKEN", ADMIN);
        env.put("ROUTES_DIR", Path.of("routes").toAbsolutePath().toString());
        env.put("CLUSTER_LOCK_DIR", workDir.resolve("lock").toString());
        env.put("OVERLAY_WEBHOOK_URL", receiver.url());
        env.put("OVERLAY_WEBHOOK_SECRET", SECRET);
        env.put("PORT", String.valueOf(port));
        env.put("DATA_DIR", workDir.resolve(name).toString());
        env.put("CLUSTER_REPLICA_ID", "replica-" + name);
        return env;
    }

    @Override
    public void close() throws Exception {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            try {
                if (a != null) {
                    a.close();
                }
            } finally {
                try {
                    zoom.close();
                    receiver.close();
                } finally {
                    db.drop();
                }
            }
        }
    }
}
