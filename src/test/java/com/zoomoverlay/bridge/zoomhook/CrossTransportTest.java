package com.zoomoverlay.bridge.zoomhook;

import static com.zoomoverlay.bridge.zoomhook.WebhookHarness.WAIT;
import static com.zoomoverlay.bridge.zoomhook.WebhookHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.events.EventHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same Zoom event by the Event WebSocket and by webhook, in either order: routed once, counted per transport. */
class CrossTransportTest {

    private static WebhookHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = WebhookHarness.start(Map.of("bridge.zoom-webhook.ledger-window", "1m")).connected();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static List<Map<String, Object>> routed(String marker) {
        List<Map<String, Object>> found = new java.util.ArrayList<>();
        for (int i = 0; i < h.downstream.bodies().size(); i++) {
            if (h.downstream.bodies().get(i).contains(marker)) {
                found.add(h.downstream.headers().get(i));
            }
        }
        return found;
    }

    @Test
    void websocket_first_then_webhook_is_routed_once_as_websocket() throws Exception {
        double dupes = h.metric("bridge_events_duplicates_total{transport=\"webhook\"}");
        double both = h.metric("bridge_transport_both_total");
        String e = event("meeting.participant_joined", h.clock.millis(), "ws-then-hook");
        h.ws().sendEvent(e);
        await().atMost(WAIT).until(() -> routed("ws-then-hook").size() == 1);

        assertThat(h.webhooks().send(e).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(h.metric("bridge_events_duplicates_total{transport=\"webhook\"}")).isEqualTo(dupes + 1);
        assertThat(routed("ws-then-hook")).singleElement().satisfies(headers ->
                assertThat(headers).containsEntry(EventHeaders.TRANSPORT, "websocket"));
        assertThat(h.metric("bridge_transport_both_total")).isEqualTo(both + 1);
        assertThat(h.metric("bridge_transport_lag_seconds_count{transport=\"webhook\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void webhook_first_then_websocket_is_routed_once_as_webhook() {
        double dupes = h.metric("bridge_events_duplicates_total{transport=\"websocket\"}");
        String e = event("meeting.participant_left", h.clock.millis(), "hook-then-ws");
        assertThat(h.signed(e).statusCode()).isEqualTo(200);
        assertThat(routed("hook-then-ws")).singleElement().satisfies(headers ->
                assertThat(headers).containsEntry(EventHeaders.TRANSPORT, "webhook"));

        h.ws().sendEvent(e);
        await().atMost(WAIT).until(() -> h.metric("bridge_events_duplicates_total{transport=\"websocket\"}") == dupes + 1);
        assertThat(routed("hook-then-ws")).hasSize(1);
    }

    @Test
    void a_webhook_copy_with_other_spacing_and_key_order_is_the_same_event() throws Exception {
        String e = event("meeting.chat_message_sent", h.clock.millis(), "reordered-copy");
        h.ws().sendEvent(e);
        await().atMost(WAIT).until(() -> routed("reordered-copy").size() == 1);
        String copy = "{ \"payload\": {\"object\": {\"topic\": \"reordered-copy\", \"uuid\": \"u==\", \"id\": \"85746065001\"},"
                + " \"account_id\": \"acc\"}, \"event_ts\": " + h.downstream.bodies().stream()
                        .filter(b -> b.contains("reordered-copy")).findFirst().map(b -> b.replaceAll(".*\"event_ts\":(\\d+).*", "$1")).orElseThrow()
                + ", \"event\": \"meeting.chat_message_sent\" }";
        var answer = h.signed(copy);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"duplicate\"");
        assertThat(routed("reordered-copy")).hasSize(1);
    }

    @Test
    void an_event_only_one_transport_delivered_is_counted_for_it_once_the_window_passes() {
        double onlyHook = h.metric("bridge_transport_only_total{transport=\"webhook\"}");
        double onlyWs = h.metric("bridge_transport_only_total{transport=\"websocket\"}");
        assertThat(h.signed(event("meeting.started", h.clock.millis(), "only-by-webhook")).statusCode()).isEqualTo(200);
        h.ws().sendEvent(event("meeting.started", h.clock.millis(), "only-by-websocket"));
        await().atMost(WAIT).until(() -> routed("only-by-websocket").size() == 1);
        assertThat(h.metric("bridge_transport_only_total{transport=\"webhook\"}")).isEqualTo(onlyHook);

        h.clock.advance(Duration.ofMinutes(2));
        await().atMost(WAIT).until(() -> h.metric("bridge_transport_only_total{transport=\"webhook\"}") >= onlyHook + 1
                && h.metric("bridge_transport_only_total{transport=\"websocket\"}") >= onlyWs + 1);
        assertThat(h.metric("bridge_transport_ledger_size")).isZero();
    }
}
