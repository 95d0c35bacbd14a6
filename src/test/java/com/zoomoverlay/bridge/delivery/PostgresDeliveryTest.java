package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import com.zoomoverlay.bridge.support.TestReceiver;
import org.junit.jupiter.api.Test;

/** The same inbox and outbox on the shared PostgreSQL store, across a restart. */
class PostgresDeliveryTest {

    @Test
    void events_survive_a_restart_on_postgresql_and_are_delivered_once() {
        TestPostgres db = TestPostgres.freshSchema();
        try (TestReceiver receiver = new TestReceiver().answerAlways(503)) {
            Map<String, String> env = new HashMap<>(db.env());
            env.put("SIMULATE", "true");
            env.put("OVERLAY_WEBHOOK_URL", receiver.url());
            env.put("OVERLAY_WEBHOOK_SECRET", WebhookDeliveryTest.SECRET);
            env.put("bridge.delivery.retry-check-ms", "20");
            env.put("bridge.delivery.retry-initial-ms", "20");
            env.put("bridge.delivery.retry-max-ms", "100");
            try (TestBridge first = TestBridge.start(env)) {
                for (int i = 0; i < 3; i++) {
                    Events.accept(first, Events.join(i, 1_795_000_000_000L + i), 1_795_000_000_000L + i);
                }
                Events.accept(first, Events.join(0, 1_795_000_000_000L), 1_795_000_000_000L);
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 2);
            }
            receiver.answerAlways(200);
            try (TestBridge second = TestBridge.start(env)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 3);
                assertThat(receiver.accepted().stream().map(r -> r.body()).toList())
                        .containsExactly(Events.join(0, 1_795_000_000_000L), Events.join(1, 1_795_000_000_001L),
                                Events.join(2, 1_795_000_000_002L));
            }
        } finally {
            db.drop();
        }
    }
}
