package com.zoomoverlay.bridge.accept;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.store.StoreBudget;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code zoom-events-accept} (the seam every transport sends to), the leader's routing of events a
 * follower stored, and retention of the store within its time and size budget.
 */
public final class AcceptRoutes extends RouteBuilder {

    private static final int SWEEP_CHUNK = 500;

    private final AcceptProcessor accept;
    private final EventIntake intake;
    private final AcceptStore store;
    private final AcceptSettings settings;
    private final Leadership leadership;
    private final StoreBudget budget;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<?>> sweeping = new AtomicReference<>(CompletableFuture.completedFuture(null));

    public AcceptRoutes(AcceptProcessor accept, EventIntake intake, AcceptStore store, AcceptSettings settings,
            Leadership leadership, StoreBudget budget, Clock clock) {
        this.accept = accept;
        this.intake = intake;
        this.store = store;
        this.settings = settings;
        this.leadership = leadership;
        this.budget = budget;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from(Endpoints.ZOOM_ACCEPT).routeId("zoom-events-accept")
                .process(accept);

        // Replicas that do not lead store what reaches them (Zoom webhooks) unrouted; the leader routes it.
        // Standalone, the store only holds such events after a change of deployment: one look at start.
        String sweep = leadership.clustered()
                ? "timer:accept-sweep?delay=0&period=" + settings.sweepInterval().toMillis()
                : "timer:accept-sweep?delay=0&repeatCount=1";
        from(leadership.leaderOnly(ClusterModule.GROUP, sweep)).routeId("accept-route-stored-elsewhere")
                .process(exchange -> routeStoredElsewhere());

        from(leadership.leaderOnly(ClusterModule.GROUP, "scheduler:store-retention?delay=600000&initialDelay=30000"))
                .routeId("store-retention")
                .process(exchange -> budget.enforce(clock.instant(), settings.eventRetention(), store::purgeAcceptedBefore));
    }

    /** Queues the next chunk of unrouted events, unless the previous chunk is still on its way. */
    private void routeStoredElsewhere() {
        if (!sweeping.get().isDone()) {
            return;
        }
        List<IncomingEvent> unrouted = store.unrouted(SWEEP_CHUNK);
        if (unrouted.isEmpty()) {
            return;
        }
        log.info("routing events stored by another replica count={}", unrouted.size());
        CompletableFuture<?>[] all = unrouted.stream().map(intake::submit).toArray(CompletableFuture[]::new);
        sweeping.set(CompletableFuture.allOf(all));
    }
}
