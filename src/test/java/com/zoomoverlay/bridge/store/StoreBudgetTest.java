package com.zoomoverlay.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's retention and size budget on the real bridge (issue 13: a long webinar filled a small
 * volume): events older than the retention are purged, the file's size and budget are metrics, and the
 * {@code storeBudget} health check warns from 80 % of the budget. The retention run is triggered by the test
 * (its schedule is every 10 minutes) and reads the bridge clock, which the test moves.
 */
class StoreBudgetTest {

    private static final long TS = 1_795_000_000_000L;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T18:00:00Z"));
    private TestBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void events_past_the_retention_are_purged_and_the_file_and_its_budget_are_reported() throws Exception {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "bridge.simulator.scripted-story", "false",
                "bridge.store.event-retention", "2h", "bridge.store.max-size-mb", "64"), clock);
        for (int i = 0; i < 50; i++) {
            accept(i);
        }
        assertThat(stored()).isEqualTo(50);
        String metrics = bridge.get("/metrics").body();
        assertThat(metrics).contains("bridge_store_budget_bytes " + (64.0 * 1024 * 1024));
        assertThat(sample(metrics, "bridge_store_size_bytes")).isPositive();
        JsonNode check = storeCheck();
        assertThat(check.path("status").asText()).isEqualTo("UP");
        assertThat(check.path("budgetBytes").asLong()).isEqualTo(64L * 1024 * 1024);

        clock.advance(Duration.ofMinutes(119));
        runRetention();
        assertThat(stored()).as("younger than the retention: kept").isEqualTo(50);
        clock.advance(Duration.ofMinutes(2));
        accept(50);
        runRetention();
        assertThat(stored()).as("only the one accepted after the move is left").isEqualTo(1);
        assertThat(sample(bridge.get("/metrics").body(), "bridge_store_purged_total{reason=\"retention\"}"))
                .isEqualTo(50.0);
    }

    @Test
    void a_store_near_its_budget_warns_then_keeps_only_the_last_ten_minutes() throws Exception {
        // the smallest budget there is (1 MiB), filled within the first hour of a 2 h retention
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "bridge.simulator.scripted-story", "false",
                "bridge.store.event-retention", "2h", "bridge.store.max-size-mb", "1"), clock);
        int n = 0;
        while ((n < 20 || storeCheck().path("status").asText().equals("UP")) && n < 5_000) {
            accept(n++);
        }
        JsonNode check = storeCheck();
        assertThat(check.path("status").asText()).as("after %d events", n).isEqualTo("DEGRADED");
        assertThat(check.path("warning").asText()).contains("of bridge.store.max-size-mb");
        assertThat(check.path("sizeBytes").asLong()).isGreaterThanOrEqualTo((long) (0.8 * 1024 * 1024));
        while (storeCheck().path("sizeBytes").asLong() < (long) (0.9 * 1024 * 1024) && n < 10_000) {
            accept(n++);
        }
        long filled = stored();
        assertThat(filled).isEqualTo(n);

        // 15 minutes on, well within the retention: over 90 %, all but the last 10 minutes go
        clock.advance(Duration.ofMinutes(15));
        accept(n);
        runRetention();
        assertThat(stored()).isEqualTo(1);
        String metrics = bridge.get("/metrics").body();
        assertThat(sample(metrics, "bridge_store_purged_total{reason=\"budget\"}")).isEqualTo((double) filled);
        assertThat(sample(metrics, "bridge_store_purged_total{reason=\"retention\"}")).isZero();
    }

    private void accept(int n) {
        String event = "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + (TS + n) + ",\"payload\":{"
                + "\"account_id\":\"acct\",\"object\":{\"id\":\"85746065001\",\"participant\":{\"user_name\":\"Guest "
                + n + "\",\"id\":\"u" + n + "\"}}}}";
        bridge.camel().createProducerTemplate().sendBodyAndHeaders("direct:zoom-accept", event, Map.of(
                EventHeaders.EVENT_TYPE, "meeting.participant_joined", EventHeaders.ACCOUNT_ID, "acct",
                EventHeaders.MEETING_ID, "85746065001", EventHeaders.EVENT_TS, TS + n));
    }

    private long stored() {
        Database database = bridge.camel().getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
        return database.jdbc().queryOne("SELECT COUNT(*) FROM accepted_event", rs -> rs.getLong(1)).orElse(-1L);
    }

    /** One run of the store-retention route, now, on the test's thread. */
    private void runRetention() {
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) bridge.camel().getRoute("store-retention").getConsumer();
        consumer.run();
    }

    private JsonNode storeCheck() throws Exception {
        return Json.MAPPER.readTree(bridge.get("/health").body()).path("checks").path("storeBudget");
    }

    private static double sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElse(-1.0);
    }
}
