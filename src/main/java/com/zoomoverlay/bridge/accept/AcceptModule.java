package com.zoomoverlay.bridge.accept;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.store.StoreBudget;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import com.zoomoverlay.bridge.wiring.ContextEvents;
import com.zoomoverlay.bridge.wiring.EventSources;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.spi.CamelEvent;

/**
 * The durable accept path behind {@code direct:zoom-accept}: the {@link EventIntake} (group commit,
 * dedupe, in-stream routing), its health and metrics, routing of events other replicas stored, and the
 * store's retention and size budget. Installed after the delivery module, whose engine it writes through.
 */
public final class AcceptModule implements BridgeModule {

    private static final String LISTENERS_BEAN = "commitListeners";
    private static final String WRITERS_BEAN = "batchWriters";
    private static final String ARRIVALS_BEAN = "arrivalListeners";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        Clock clock = BridgeClock.of(camel);
        AcceptSettings accept = AcceptSettings.load(new PropertyReader(key -> camel.getPropertiesComponent().resolveProperty(key)));
        Database database = camel.getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
        DeliveryWriter deliveries = camel.getRegistry().lookupByNameAndType("deliveryEngine", DeliveryWriter.class);
        if (deliveries == null) {
            throw new IllegalStateException("DeliveryModule must be installed before AcceptModule");
        }
        Leadership leadership = Leadership.of(camel);
        var registry = MetricsModule.registry(camel);

        // A failing step in a route is reported by the intake (a WARN per attempt, then a dead letter);
        // Camel's own line stays one line, at WARN, without stack trace, message history or payload.
        camel.getCamelContextExtension().setErrorHandlerFactory(new DefaultErrorHandlerDefinition()
                .loggingLevel(LoggingLevel.WARN).logStackTrace(false).logExhaustedMessageHistory(false)
                .logExhaustedMessageBody(false));
        AcceptStore store = new AcceptStore(database.jdbc());
        IntakeMetrics metrics = new IntakeMetrics(registry);
        StreamWatch watch = new StreamWatch(clock, accept.stallAfter());
        ProducerTemplate template = camel.createProducerTemplate();
        camel.addService(template);
        EventRouter router = new EventRouter(template, camel.getEndpoint(Endpoints.ZOOM_EVENTS), accept.routingAttempts(),
                accept.routingRetryDelay(), metrics);
        List<CommitListener> listeners = new CopyOnWriteArrayList<>();
        List<BatchWriter> writers = new CopyOnWriteArrayList<>();
        BatchCommitter committer = new BatchCommitter(database.jdbc(), store, deliveries, () -> listeners, () -> writers, router,
                new RecentEvents(accept.recentIds()), new EventValidator(), database::isReachable, clock, metrics);
        EventIntake intake = new EventIntake(accept.queueLimit(), accept.websocketWindow(), accept.maxBatch(), committer,
                () -> leadership.isLeader(ClusterModule.GROUP), clock, watch, metrics);
        metrics.watch(intake, accept.queueLimit(), watch);

        camel.getRegistry().bind(EventIntake.BEAN_NAME, intake);
        camel.getRegistry().bind(AcceptStore.BEAN_NAME, store);
        camel.getRegistry().bind(LISTENERS_BEAN, listeners);
        camel.getRegistry().bind(WRITERS_BEAN, writers);
        List<ArrivalListener> arrivals = new CopyOnWriteArrayList<>();
        camel.getRegistry().bind(ARRIVALS_BEAN, arrivals);
        camel.addService(intake, true, true);
        drainBeforeRoutesStop(camel, intake);

        StoreBudget budget = new StoreBudget(database, accept.storeBudgetBytes(), registry);
        HealthChecks.of(camel).add(new StreamHealth(watch, intake, accept.queueLimit()));
        HealthChecks.of(camel).add(budget);
        camel.addRoutes(new AcceptRoutes(new AcceptProcessor(intake, arrivals), intake, store, accept, leadership, budget, clock));
    }

    /** Adds a listener that hears each routed event after its batch committed (the overlay feed, show state). */
    @SuppressWarnings("unchecked")
    public static void onCommit(CamelContext camel, CommitListener listener) {
        List<CommitListener> listeners = camel.getRegistry().lookupByNameAndType(LISTENERS_BEAN, List.class);
        if (listeners == null) {
            throw new IllegalStateException("AcceptModule must be installed before modules that listen to commits");
        }
        listeners.add(listener);
    }

    /** Adds a writer whose rows commit in the same transaction as the routed events (the show state). */
    @SuppressWarnings("unchecked")
    public static void inBatch(CamelContext camel, BatchWriter writer) {
        List<BatchWriter> writers = camel.getRegistry().lookupByNameAndType(WRITERS_BEAN, List.class);
        if (writers == null) {
            throw new IllegalStateException("AcceptModule must be installed before modules that write with a batch");
        }
        writers.add(writer);
    }

    /** Adds a listener that hears each event a transport handed over, stored or a repeat (the transport ledger). */
    @SuppressWarnings("unchecked")
    public static void onArrival(CamelContext camel, ArrivalListener listener) {
        List<ArrivalListener> listeners = camel.getRegistry().lookupByNameAndType(ARRIVALS_BEAN, List.class);
        if (listeners == null) {
            throw new IllegalStateException("AcceptModule must be installed before modules that listen to arrivals");
        }
        listeners.add(listener);
    }

    /**
     * At shutdown the sources first hand on what they read (the Zoom socket's backlog), then the queued events
     * are committed, all while the routes they go through still run.
     */
    private static void drainBeforeRoutesStop(CamelContext camel, EventIntake intake) {
        EventSources sources = EventSources.of(camel);
        ContextEvents.on(camel, CamelEvent.CamelContextStoppingEvent.class, () -> {
            sources.finishAll();
            intake.stop();
        });
    }
}
