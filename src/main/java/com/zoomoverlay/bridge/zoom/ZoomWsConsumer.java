package com.zoomoverlay.bridge.zoom;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link ZoomWsSupervisor} when the route starts and stops it (socket closed) when the route
 * stops. Events are handed to the route on one dispatch thread, in arrival order, so a slow or failing
 * route never blocks the socket's event loop (heartbeats keep flowing) and never closes the socket.
 */
final class ZoomWsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsConsumer.class);
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private ZoomWsSupervisor supervisor;
    private ExecutorService dispatch;

    ZoomWsConsumer(ZoomWsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ZoomWsEndpoint getEndpoint() {
        return (ZoomWsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ZoomWsComponent component = getEndpoint().getComponent();
        AccessTokenSource tokens = getEndpoint().getCamelContext().getRegistry()
                .lookupByNameAndType(AccessTokenSource.BEAN_NAME, AccessTokenSource.class);
        if (tokens == null) {
            component.status().state(ZoomWsState.WAITING_FOR_TOKEN);
            component.status().error("no access token source configured (OAuth module missing)");
            LOG.warn("zoom websocket cannot connect: no bean named {}", AccessTokenSource.BEAN_NAME);
            return;
        }
        // One thread keeps Zoom's order. The queue is effectively unbounded on purpose: Zoom does not replay,
        // so a backlog in memory beats dropping events. (Camel reads maxQueueSize <= 0 as "no queue", and its
        // default CallerRuns policy would run the route on the socket's event loop, out of order.)
        ThreadPoolProfile profile = new ThreadPoolProfile("zoom-ws-dispatch");
        profile.setPoolSize(1);
        profile.setMaxPoolSize(1);
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        dispatch = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newThreadPool(this, "zoom-ws-dispatch", profile);
        supervisor = component.newSupervisor(tokens, event -> dispatch.execute(() -> deliver(event)));
        supervisor.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (supervisor != null) {
            try {
                supervisor.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warn("zoom websocket did not close within {} s", STOP_TIMEOUT_SECONDS);
            }
            getEndpoint().getComponent().released(supervisor);
            supervisor = null;
        }
        if (dispatch != null) {
            // Events already received are still handed to the route before it stops.
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(dispatch);
            dispatch = null;
        }
        super.doStop();
    }

    private void deliver(ZoomFrame.Event event) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(event.body());
            exchange.getMessage().setHeader(EventHeaders.EVENT_TYPE, event.type());
            exchange.getMessage().setHeader(EventHeaders.ACCOUNT_ID, event.accountId());
            exchange.getMessage().setHeader(EventHeaders.MEETING_ID, event.meetingId());
            exchange.getMessage().setHeader(EventHeaders.EVENT_TS, event.eventTs());
            exchange.getMessage().setHeader(EventHeaders.EVENT_ID, event.hash());
            exchange.getMessage().setHeader(EventHeaders.TRANSPORT, "websocket");
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                notAccepted(event, exchange.getException());
            }
        } catch (Exception e) {
            notAccepted(event, e);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    // Only reached when redelivery gave up (or the route is stopping); the payload itself is not logged.
    private static void notAccepted(ZoomFrame.Event event, Exception e) {
        LOG.error("zoom event not accepted type={} hash={} error={}", event.type(), event.hash(),
                e.getClass().getSimpleName());
    }
}
