package com.zoomoverlay.bridge.delivery;

import java.time.Clock;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.events.Endpoints;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:deliver-webhook}, the building block the engineers' routes call, and the hourly purge
 * of old dead letters (leader only).
 */
public final class DeliveryRoutes extends RouteBuilder {

    private final DeliverStep deliver;
    private final DeliveryEngine engine;
    private final DeliverySettings settings;
    private final Leadership leadership;
    private final Clock clock;

    public DeliveryRoutes(DeliverStep deliver, DeliveryEngine engine, DeliverySettings settings, Leadership leadership,
            Clock clock) {
        this.deliver = deliver;
        this.engine = engine;
        this.settings = settings;
        this.leadership = leadership;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from(Endpoints.DELIVER_WEBHOOK).routeId("deliver-webhook")
                .process(deliver);

        from(leadership.leaderOnly(ClusterModule.GROUP, "scheduler:delivery-dead-letter-retention?delay=3600000&initialDelay=60000"))
                .routeId("delivery-dead-letter-retention")
                .process(exchange -> {
                    int purged = engine.purgeDeadBefore(clock.instant().minus(settings.deadLetterRetention()));
                    if (purged > 0) {
                        log.info("dead letters purged count={} olderThan={}", purged, settings.deadLetterRetention());
                    }
                });
    }
}
