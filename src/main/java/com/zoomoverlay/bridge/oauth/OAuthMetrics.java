package com.zoomoverlay.bridge.oauth;

import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The OAuth meters (names as Prometheus shows them): {@code zoom_oauth_refreshes_total{outcome}},
 * {@code zoom_oauth_logins_total{outcome}}, {@code zoom_oauth_token_expiry_seconds},
 * {@code zoom_oauth_reauthorization_required} and {@code zoom_oauth_authorized}. Outcomes are a fixed set.
 */
final class OAuthMetrics {

    /** Refresh outcomes: one per token request made by a refresh, plus the round's end. */
    enum Refresh { SUCCESS, RETRY, FAILED, INVALID_GRANT, REJECTED }

    /** Login outcomes, one per callback. */
    enum Login { SUCCESS, BAD_STATE, DENIED, EXCHANGE_FAILED }

    private final MeterRegistry registry;

    OAuthMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Refresh outcome : Refresh.values()) {
            counter("zoom.oauth.refreshes", "Zoom token refresh attempts by outcome", outcome.name());
        }
        for (Login outcome : Login.values()) {
            counter("zoom.oauth.logins", "Zoom OAuth callbacks by outcome", outcome.name());
        }
    }

    void gauges(DoubleSupplier secondsToExpiry, DoubleSupplier reauthorizationRequired, DoubleSupplier authorized) {
        Gauge.builder("zoom.oauth.token.expiry.seconds", secondsToExpiry, DoubleSupplier::getAsDouble)
                .strongReference(true)
                .description("Seconds until the current Zoom access token expires (0 when there is none)")
                .register(registry);
        Gauge.builder("zoom.oauth.reauthorization.required", reauthorizationRequired, DoubleSupplier::getAsDouble)
                .strongReference(true)
                .description("1 when a person must log in to Zoom again (/oauth/login): alert on this")
                .register(registry);
        Gauge.builder("zoom.oauth.authorized", authorized, DoubleSupplier::getAsDouble)
                .strongReference(true)
                .description("1 when the bridge holds a usable Zoom grant")
                .register(registry);
    }

    void refresh(Refresh outcome) {
        counter("zoom.oauth.refreshes", "Zoom token refresh attempts by outcome", outcome.name()).increment();
    }

    void login(Login outcome) {
        counter("zoom.oauth.logins", "Zoom OAuth callbacks by outcome", outcome.name()).increment();
    }

    private Counter counter(String name, String description, String outcome) {
        return Counter.builder(name).description(description).tag("outcome", outcome.toLowerCase()).register(registry);
    }
}
