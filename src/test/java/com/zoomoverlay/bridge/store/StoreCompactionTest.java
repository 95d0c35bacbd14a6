package com.zoomoverlay.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.support.ChildBridge;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file stays near the size of what it holds (issue 13): a trickle of events, one commit
 * each (the worst case: a chunk per event), used to leave ~20 KiB of file per event, almost all of it chunks
 * that were mostly dead and never freed. With the {@code store-compact} route the file comes down to a small
 * multiple of the live data. A size bound over a bounded number of events; no time bound beyond Awaitility's
 * patience (H2 frees a chunk only once its retention, 5 s, has passed).
 */
class StoreCompactionTest {

    private static final long TS = 1_795_000_000_000L;
    private static final int EVENTS = 3_000;
    /** Bytes of file per event at most: the data (body, id, keys, index entries) is ~0.6 KiB of it; settled, the file is ~0.8 KiB. */
    private static final long BOUND_PER_EVENT = 1_536;
    private static final String ADMIN = "compaction-admin-token-0123456789";
    private TestBridge bridge;

    @TempDir
    Path workDir;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void a_trickle_of_single_event_commits_leaves_a_file_near_the_size_of_its_data() {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "bridge.simulator.scripted-story", "false"));
        for (int i = 0; i < EVENTS; i++) {
            accept(i);
        }
        Database database = database();
        assertThat(database.jdbc().queryOne("SELECT COUNT(*) FROM accepted_event", rs -> rs.getLong(1))).contains((long) EVENTS);
        System.out.printf("store after %d single-event commits: file %d bytes (%d per event), live %s%n", EVENTS,
                database.fileSize().orElse(-1), database.fileSize().orElse(-1) / EVENTS, live(database));
        // The route takes one bounded step a second once the file is sparse (by design: little churn beside the
        // live path), which on a slow machine needs minutes for this worst case. The test takes the same steps
        // itself between polls, so what it waits for is H2's retention and the steps' result, not the schedule;
        // that the route runs is pinned by the kill -9 test below (bridge_store_compaction_seconds_count > 0).
        StoreCompaction compaction = StoreCompaction.of(database.dataSource(), new SimpleMeterRegistry()).orElseThrow();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (int step = 0; step < 40 && compaction.step(); step++) {
                // each step moves at most StoreCompaction.STEP_BYTES of live pages and commits them
            }
            assertThat(database.fileSize().orElse(Long.MAX_VALUE) / EVENTS).as("file bytes per event")
                    .isLessThanOrEqualTo(BOUND_PER_EVENT);
        });
        System.out.printf("store settled: file %d bytes (%d per event), live %s%n", database.fileSize().orElse(-1),
                database.fileSize().orElse(-1) / EVENTS, live(database));
    }

    /**
     * Compaction moves committed pages while the intake commits: a bridge killed with SIGKILL right after a
     * burst was acknowledged, with compaction steps behind it, still has every event it acknowledged.
     */
    @Test
    void events_acknowledged_while_the_store_compacts_survive_kill_9() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("SIMULATE", "true");
        env.put("ADMIN_TOKEN", ADMIN);
        env.put("PORT", String.valueOf(TestBridge.freePort()));
        env.put("DATA_DIR", workDir.resolve("data").toString());
        double acknowledged;
        try (ChildBridge child = ChildBridge.start(workDir, env, Map.of("bridge.simulator.scripted-story", "false"))) {
            SimulatedLogin.login(child.uri("/"), ADMIN);
            await().atMost(Duration.ofSeconds(30)).until(() -> child.get("/ws/status").body().contains("\"connected\":true"));
            // bursts until compaction has moved pages at least once, then one more, killed once it is acknowledged
            double compactions = 0;
            for (int round = 0; round < 60 && compactions < 1; round++) {
                assertThat(child.post("/simulator/control/ws/burst?count=200").statusCode()).isEqualTo(200);
                double before = sample(child, "bridge_events_accepted_total");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> sample(child, "bridge_events_accepted_total") > before);
                compactions = sample(child, "bridge_store_compaction_seconds_count");
            }
            assertThat(compactions).as("compaction steps before the kill").isPositive();
            double before = sample(child, "bridge_events_accepted_total");
            assertThat(child.post("/simulator/control/ws/burst?count=200").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sample(child, "bridge_events_accepted_total") >= before + 200);
            acknowledged = sample(child, "bridge_events_accepted_total");
            child.kill();
        }
        String url = Database.embeddedUrl(workDir.resolve("data"));
        try (Connection c = DriverManager.getConnection(url, "bridge", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM accepted_event")) {
            rs.next();
            assertThat(rs.getLong(1)).as("events in the store after kill -9").isGreaterThanOrEqualTo((long) acknowledged);
        }
    }

    private static double sample(ChildBridge child, String name) throws Exception {
        return child.get("/metrics").body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private String live(Database database) {
        return database.jdbc().queryOne("SELECT DISK_SPACE_USED('accepted_event'), "
                + "(SELECT SUM(OCTET_LENGTH(body)) FROM accepted_event), "
                + "(SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'), "
                + "(SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILL_RATE'), "
                + "(SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNK_COUNT')",
                rs -> "accepted_event " + rs.getLong(1) + " bytes (bodies " + rs.getLong(2) + "), chunks fill "
                        + rs.getString(3) + "%, file fill " + rs.getString(4) + "%, chunks " + rs.getString(5)).orElse("?");
    }

    private Database database() {
        return bridge.camel().getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
    }

    private void accept(int n) {
        String event = "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + (TS + n) + ",\"payload\":{"
                + "\"account_id\":\"acct\",\"object\":{\"id\":\"85746065001\",\"uuid\":\"4444AAAiAAAAAiAiAiiAii==\","
                + "\"topic\":\"Quarterly all-hands\",\"participant\":{\"user_name\":\"Guest " + n + "\",\"id\":\"u" + n
                + "\",\"participant_uuid\":\"" + java.util.UUID.nameUUIDFromBytes(("p" + n).getBytes()) + "\","
                + "\"join_time\":\"2026-05-01T18:00:00Z\",\"email\":\"guest" + n + "@example.com\"}}}}";
        bridge.camel().createProducerTemplate().sendBodyAndHeaders("direct:zoom-accept", event, Map.of(
                EventHeaders.EVENT_TYPE, "meeting.participant_joined", EventHeaders.ACCOUNT_ID, "acct",
                EventHeaders.MEETING_ID, "85746065001", EventHeaders.EVENT_TS, TS + n));
    }
}
