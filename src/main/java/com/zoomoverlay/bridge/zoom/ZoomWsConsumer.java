package com.zoomoverlay.bridge.zoom;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.events.ParsedEvent;
import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import com.zoomoverlay.bridge.wiring.EventSources;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link ZoomWsSupervisor} when the route starts and stops it (socket closed) when the route
 * stops. Each event goes into the route asynchronously, in arrival order, straight from the socket:
 * the route only queues it for the intake, so the event loop never waits for the store. At most
 * {@code window} events are on their way at once (the intake keeps that much room for the WebSocket);
 * the next wait here, in order, and once {@code bridge.zoom.ws.backlog-limit} of them wait the socket
 * stops reading until half of them are through: memory stays bounded and nothing is dropped. Reading
 * goes on below that limit, so Zoom's heartbeat answers are not held up behind a burst. On stop (SIGTERM, a
 * lost lead) the socket closes first and what was read still goes to the intake: Zoom never sends it again.
 */
final class ZoomWsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsConsumer.class);
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final ArrayDeque<Outgoing> backlog = new ArrayDeque<>();
    private final int window;
    private final int backlogLimit;
    /** How long a stop waits for what was read to be through the intake ({@code bridge.zoom.ws.stop-hand-on-ms}). */
    private final java.time.Duration handOnTimeout;
    private int inFlight;
    private boolean paused;
    /** Set while stopping: completed once nothing read waits here or is on its way to the intake. */
    private CompletableFuture<Void> handedOn;
    private ZoomWsSupervisor supervisor;
    private final EventSources.Source source = this::finish;

    ZoomWsConsumer(ZoomWsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.window = endpoint.getComponent().settings().acceptWindow();
        this.backlogLimit = endpoint.getComponent().settings().backlogLimit();
        this.handOnTimeout = endpoint.getComponent().settings().stopHandOn();
    }

    @Override
    public ZoomWsEndpoint getEndpoint() {
        return (ZoomWsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        backlog.clear();
        inFlight = 0;
        paused = false;
        ZoomWsComponent component = getEndpoint().getComponent();
        AccessTokenSource tokens = getEndpoint().getCamelContext().getRegistry()
                .lookupByNameAndType(AccessTokenSource.BEAN_NAME, AccessTokenSource.class);
        if (tokens == null) {
            component.status().state(ZoomWsState.WAITING_FOR_TOKEN);
            component.status().error("no access token source configured (OAuth module missing)");
            LOG.warn("zoom websocket cannot connect: no bean named {}", AccessTokenSource.BEAN_NAME);
            return;
        }
        supervisor = component.newSupervisor(tokens, event -> arrived(new Outgoing(event, "websocket")),
                gap -> arrived(Outgoing.of(gap)));
        // Zoom's events since the last moment anyone had the connection may be missing: reported as a gap
        // once this consumer's first connection is built.
        component.carriedOver().ifPresent(window -> {
            LOG.info("zoom websocket gap carried over from={} reason={}", window.from(), window.reason());
            supervisor.carriedOver(window.from(), window.reason());
        });
        supervisor.start();
        EventSources.of(getEndpoint().getCamelContext()).add(source);
    }

    @Override
    protected void doStop() throws Exception {
        finish();
        EventSources.of(getEndpoint().getCamelContext()).remove(source);
        super.doStop();
    }

    /**
     * Closes the socket, then hands on what it read. Called by the intake when the bridge stops (before it
     * commits its last batch) and again, to no effect, when the route stops; alone when only the route
     * stops (a lost lead).
     */
    private synchronized void finish() throws InterruptedException, java.util.concurrent.ExecutionException {
        if (supervisor == null) {
            return;
        }
        try {
            supervisor.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("zoom websocket did not close within {} s", STOP_TIMEOUT_SECONDS);
        }
        handOnWhatWasRead(supervisor);
        getEndpoint().getComponent().released(supervisor);
        supervisor = null;
    }

    /**
     * Waits (bounded) until the events read before the socket closed are through the intake, which keeps
     * taking them until its sources have finished ({@link EventSources}). What is still here at the deadline
     * is dropped and said so; the next start reports the time as a gap.
     */
    private void handOnWhatWasRead(ZoomWsSupervisor stopping) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        stopping.runOnContext(() -> {
            handedOn = done;
            checkHandedOn();
        });
        try {
            done.get(handOnTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            CompletableFuture<String> left = new CompletableFuture<>();
            stopping.runOnContext(() -> {
                handedOn = null;
                left.complete("waiting=" + backlog.size() + " inFlight=" + inFlight);
                backlog.clear();
            });
            String counts;
            try {
                counts = left.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException notAnswered) {
                counts = "unknown";
            }
            LOG.warn("zoom websocket stopped before the events it had read were stored ({} ms) {}",
                    handOnTimeout.toMillis(), counts);
        }
    }

    private void checkHandedOn() {
        if (handedOn != null && backlog.isEmpty() && inFlight == 0) {
            handedOn.complete(null);
            handedOn = null;
        }
    }

    /** On the socket's event loop, in arrival order; everything below runs there too, so order needs no lock. */
    private void arrived(Outgoing event) {
        if (!backlog.isEmpty() || inFlight >= window) {
            // Without its parsed tree, a few times the body's size: the backlog holds up to backlog-limit of them.
            backlog.addLast(event.withoutTree());
            // Reading on keeps Zoom's heartbeat answers coming; only a backlog this large pauses the socket.
            if (!paused && backlog.size() >= backlogLimit && supervisor != null) {
                paused = true;
                supervisor.pauseReading();
            }
            return;
        }
        send(event);
    }

    private void send(Outgoing outgoing) {
        inFlight++;
        ZoomWsSupervisor current = supervisor;
        ZoomFrame.Event event = outgoing.event();
        Exchange exchange = createExchange(false);
        var message = exchange.getMessage();
        message.setBody(event.body());
        message.setHeader(EventHeaders.EVENT_TYPE, event.type());
        message.setHeader(EventHeaders.ACCOUNT_ID, event.accountId());
        message.setHeader(EventHeaders.MEETING_ID, event.meetingId());
        message.setHeader(EventHeaders.EVENT_TS, event.eventTs());
        message.setHeader(EventHeaders.EVENT_ID, event.hash());
        message.setHeader(EventHeaders.TRANSPORT, outgoing.transport());
        ParsedEvent.attach(exchange, event.body(), event.tree());
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                notAccepted(event, exchange.getException());
            }
            releaseExchange(exchange, false);
            if (current != null) {
                current.runOnContext(this::completed);
            }
        });
    }

    /** One event is stored (or refused): the next waiting one takes its place; reading resumes when drained. */
    private void completed() {
        inFlight--;
        Outgoing next = backlog.pollFirst();
        if (next != null) {
            send(next);
        }
        checkHandedOn();
        if (paused && backlog.size() <= backlogLimit / 2) {
            paused = false;
            if (supervisor != null) {
                supervisor.resumeReading();
            }
        }
    }

    // The intake refused it (an event no store can take) or the bridge is stopping; the payload is not logged.
    private static void notAccepted(ZoomFrame.Event event, Exception e) {
        LOG.warn("zoom event not accepted type={} hash={} error=\"{}\"", abbreviate(event.type()), event.hash(),
                e.getMessage());
    }

    /**
     * An event on its way to the route, and who made it: Zoom ({@code websocket}) or the bridge itself
     * ({@code bridge}, the gap marker). Kept apart from the event type, so a Zoom frame that calls
     * itself {@code bridge.gap} is still a Zoom event.
     */
    private record Outgoing(ZoomFrame.Event event, String transport) {

        Outgoing withoutTree() {
            return event.tree() == null ? this : new Outgoing(new ZoomFrame.Event(event.body(), event.type(),
                    event.accountId(), event.meetingId(), event.eventTs(), event.hash(), null), transport);
        }

        static Outgoing of(ZoomWsGap gap) {
            String body = gap.toEvent();
            return new Outgoing(new ZoomFrame.Event(body, ZoomWsGap.EVENT_TYPE, null, null, gap.to().toEpochMilli(),
                    EventKeys.eventId(body), null), "bridge");
        }
    }

    private static String abbreviate(String type) {
        return type.length() <= 64 ? type : type.substring(0, 64) + "...";
    }
}
