package com.zoomoverlay.bridge.delivery.targets;

import java.time.Clock;

import io.vertx.core.Vertx;

/**
 * A kind of delivery target ({@code webhook}, {@code vmix}, {@code h2r}, {@code singular}, {@code casparcg}):
 * reads and validates a target's settings once at start, and makes its {@link Sender}. Chosen by
 * {@code bridge.targets.<name>.kind} (default {@code webhook}).
 */
public interface TargetKind {

    /** The value of {@code bridge.targets.<name>.kind} that selects this kind. */
    String name();

    /**
     * Validates the target's settings and builds its sender. A missing or malformed setting throws
     * {@link com.zoomoverlay.bridge.config.InvalidSettingException} naming the property, so start-up stops
     * with one clear line. {@code clock} is the bridge's (tests move it): a sender tells time by it only.
     */
    Sender create(TargetConfig config, Vertx vertx, Clock clock);
}
