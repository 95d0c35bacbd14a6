package com.zoomoverlay.bridge.zoom;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * {@code zoom-ws-consumer}: the Event WebSocket (leader only) → drop repeats → {@code direct:zoom-accept},
 * with redelivery so a failing downstream neither loses the event nor touches the socket. And
 * {@code GET /ws/status}, and {@code zoom-ws-alive} (leader only): stores when Zoom was last alive.
 */
public final class ZoomRoutes extends RouteBuilder {

    public static final String CONSUMER_ROUTE_ID = "zoom-ws-consumer";

    private final ZoomWsSettings settings;
    private final ZoomWsStatus status;
    private final ZoomWsMetrics metrics;
    private final Leadership leadership;
    private final LastAlive lastAlive;
    private final long aliveWriteMs;

    ZoomRoutes(ZoomWsSettings settings, ZoomWsStatus status, ZoomWsMetrics metrics, Leadership leadership,
               LastAlive lastAlive, long aliveWriteMs) {
        this.settings = settings;
        this.status = status;
        this.metrics = metrics;
        this.leadership = leadership;
        this.lastAlive = lastAlive;
        this.aliveWriteMs = aliveWriteMs;
    }

    @Override
    public void configure() throws Exception {
        // No error handler: the consumer hands each event over asynchronously and the intake decides
        // (stored, a repeat, or refused with a reason); nothing here may retry out of order.
        from(leadership.leaderOnly(ClusterModule.GROUP, ZoomWsComponent.SCHEME + ":events"))
                .routeId(CONSUMER_ROUTE_ID)
                .errorHandler(noErrorHandler())
                .idempotentConsumer(header(EventHeaders.EVENT_ID),
                        MemoryIdempotentRepository.memoryIdempotentRepository(settings.dedupeWindow()))
                    .skipDuplicate(false)
                    .filter(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                        .process(exchange -> metrics.duplicate())
                        .log(LoggingLevel.DEBUG, "zoom duplicate dropped type=${header." + EventHeaders.EVENT_TYPE + "}")
                        .stop()
                    .end()
                    .to(Endpoints.ZOOM_ACCEPT).id("zoom-accept-call")
                .end();

        if (lastAlive != null) {
            // Off the socket's event loop: a store write per interval at most, only when a frame came since.
            from(leadership.leaderOnly(ClusterModule.GROUP, "scheduler:zoom-ws-alive?delay=" + aliveWriteMs
                    + "&initialDelay=" + aliveWriteMs))
                    .routeId("zoom-ws-alive")
                    .process(exchange -> lastAlive.flush());
        }

        from("platform-http:/ws/status?httpMethodRestrict=GET,HEAD")
                .routeId("zoom-ws-status")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(exchange -> {
                    // Which replica leads and since when: a standby's "disconnected" is by design.
                    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>(status.toJson());
                    body.put("cluster", leadership.describe(ClusterModule.GROUP));
                    HttpReplies.json(exchange, 200, body);
                });
    }
}
