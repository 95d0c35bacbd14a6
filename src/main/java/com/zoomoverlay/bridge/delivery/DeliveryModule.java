package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.util.Properties;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.http.security.AdminAuth;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import com.zoomoverlay.bridge.wiring.ContextEvents;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;

/**
 * Downstream delivery: the targets and their senders, the {@link DeliveryEngine} (lanes, progress,
 * outbox limit) the intake writes through, the {@code direct:deliver-webhook} building block, dead
 * letters and their admin routes.
 */
public final class DeliveryModule implements BridgeModule {

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        Clock clock = BridgeClock.of(camel);
        DeliverySettings delivery = DeliverySettings.load(new PropertyReader(
                key -> camel.getPropertiesComponent().resolveProperty(key)));
        Properties raw = camel.getPropertiesComponent().loadProperties(key -> key.startsWith(TargetConfig.PREFIX));
        Vertx outbound = outboundVertx(camel);
        DeliveryTargets targets = DeliveryTargets.load(settings, resolved(camel, raw), TargetKinds.all(delivery),
                delivery.maxAge(), outbound, clock);
        Database database = camel.getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);

        DeliveryEngine engine = new DeliveryEngine(targets, new OutboxStore(database.jdbc()), MetricsModule.registry(camel),
                delivery, outbound, clock);
        camel.addService(engine, true, true);
        camel.getRegistry().bind(DeliveryEngine.BEAN_NAME, engine);
        Leadership.of(camel).onLeadershipChange(camel, ClusterModule.GROUP, leads -> {
            if (leads) {
                engine.lead();
            } else {
                engine.follow();
            }
        });
        HealthChecks.of(camel).add(new DeliveryHealth(engine));

        camel.addRoutes(new DeliveryRoutes(new DeliverStep(engine, database.jdbc(), Json.MAPPER, clock), engine,
                delivery, Leadership.of(camel), clock));
        camel.addRoutes(new DeadLetterRoutes(AdminAuth.of(camel), engine, camel));
    }

    /**
     * The lanes and their senders run on a Vert.x of their own, not on the process's one: there the lane
     * landed on the event loop that also decodes the Zoom socket's frames, and in a burst that one thread did
     * both (JFR: 39 % lane, 35 % frame decoding, BENCHMARKS.md), so the webhook fell behind the overlay. Its
     * event loops start only as lanes are placed on them (one per target, round robin). Closed after the
     * context has stopped, when the engine has stopped its lanes and closed its senders.
     */
    private static Vertx outboundVertx(CamelContext camel) {
        int cores = Runtime.getRuntime().availableProcessors();
        Vertx outbound = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(cores)
                .setWorkerPoolSize(Math.max(2, cores)).setInternalBlockingPoolSize(2));
        ContextEvents.on(camel, CamelEvent.CamelContextStoppedEvent.class, outbound::close);
        return outbound;
    }

    /** Placeholders in target properties ({{env:...}}) resolved to their values. */
    private static Properties resolved(CamelContext camel, Properties raw) {
        Properties out = new Properties();
        for (String key : raw.stringPropertyNames()) {
            camel.getPropertiesComponent().resolveProperty(key).ifPresent(v -> out.setProperty(key, v));
        }
        return out;
    }
}
