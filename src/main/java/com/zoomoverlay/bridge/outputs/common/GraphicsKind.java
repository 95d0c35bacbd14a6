package com.zoomoverlay.bridge.outputs.common;

import java.time.Clock;

import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.delivery.targets.TargetKind;
import io.vertx.core.Vertx;

/**
 * A graphics product's target kind: its settings are read (and checked) without opening anything, so a
 * wrong setting stops start-up before a connection exists; the sender is made from checked settings.
 */
public abstract class GraphicsKind<S> implements TargetKind {

    /** Reads and checks the target's settings; a missing or malformed one throws naming the property. */
    public abstract S settings(TargetConfig config);

    protected abstract Sender sender(S settings, Vertx vertx, Clock clock);

    @Override
    public final Sender create(TargetConfig config, Vertx vertx, Clock clock) {
        return sender(settings(config), vertx, clock);
    }

    /** How many requests the lane may have open at once ({@code max-in-flight}, default 1: strict order). */
    protected static int maxInFlight(TargetConfig config) {
        return config.integer("max-in-flight", 1, 1, 64);
    }
}
