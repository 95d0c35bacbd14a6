package com.zoomoverlay.bridge.zoomhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code zoom_webhook_*}: requests refused by reason and URL validations answered. Stored events and
 * repeats are counted where the WebSocket's are, {@code bridge_events_accepted_total} and
 * {@code bridge_events_duplicates_total} with {@code transport="webhook"}.
 */
final class WebhookMetrics {

    private final MeterRegistry registry;
    private final Counter validations;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.validations = Counter.builder("zoom.webhook.validations")
                .description("Zoom endpoint.url_validation challenges answered").register(registry);
        for (Rejection r : Rejection.values()) {
            counter(r);
        }
    }

    void rejected(Rejection rejection) {
        counter(rejection).increment();
    }

    void validated() {
        validations.increment();
    }

    private Counter counter(Rejection rejection) {
        return Counter.builder("zoom.webhook.rejected").description("POST /zoom/webhook requests refused, by reason")
                .tag("reason", rejection.tag()).register(registry);
    }
}
