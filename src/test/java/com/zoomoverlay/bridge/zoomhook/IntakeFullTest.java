package com.zoomoverlay.bridge.zoomhook;

import static com.zoomoverlay.bridge.zoomhook.WebhookHarness.WAIT;
import static com.zoomoverlay.bridge.zoomhook.WebhookHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A webhook the intake has no room for is refused with 503 and Retry-After, so Zoom sends it again: nothing accepted is lost. */
class IntakeFullTest {

    @Test
    void a_full_intake_answers_503_with_retry_after_and_the_held_events_are_answered_once_stored() throws Exception {
        // room for one webhook event in the queue (the rest is the WebSocket's reserved window)
        try (WebhookHarness h = WebhookHarness.start(Map.of("bridge.accept.queue-limit", "10",
                "bridge.accept.websocket-window", "9"))) {
            h.downstream.hold();
            CompletableFuture<HttpResponse<String>> first = h.signedAsync(event("meeting.started", h.clock.millis(), "held-1"));
            await().atMost(WAIT).until(h.downstream::isHolding);
            CompletableFuture<HttpResponse<String>> second = h.signedAsync(event("meeting.started", h.clock.millis(), "held-2"));
            await().atMost(WAIT).until(() -> h.metric("bridge_accept_queue_depth") == 1);

            HttpResponse<String> refused = h.signed(event("meeting.started", h.clock.millis(), "no-room"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(h.metric("zoom_webhook_rejected_total{reason=\"intake_full\"}")).isEqualTo(1);
            // the held ones are not answered before they are stored
            assertThat(first).isNotDone();

            h.downstream.release();
            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            // Zoom's retry of the refused one goes through
            assertThat(h.signed(event("meeting.started", h.clock.millis(), "no-room")).statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 3);
        }
    }
}
