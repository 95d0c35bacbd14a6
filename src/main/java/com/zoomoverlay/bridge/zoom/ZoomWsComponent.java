package com.zoomoverlay.bridge.zoom;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import io.vertx.core.Vertx;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code zoom-ws:events}: a consumer-only Camel component for Zoom's Event WebSocket. It exists
 * because camel-vertx-websocket 4.17's client consumer can overlap reconnects and reconnect after
 * stop (see ARCHITECTURE.md); here {@link ZoomWsSupervisor} owns the connection.
 */
public final class ZoomWsComponent extends DefaultComponent {

    public static final String SCHEME = "zoom-ws";

    private final URI url;
    private final ZoomWsSettings settings;
    private final Clock clock;
    private final ZoomWsStatus status;
    private final ZoomWsMetrics metrics;
    private final AtomicReference<Vertx> vertx = new AtomicReference<>();
    private final AtomicReference<ZoomWsSupervisor> current = new AtomicReference<>();
    private final AtomicBoolean listening = new AtomicBoolean();
    private volatile LastAlive lastAlive;

    public ZoomWsComponent(URI url, ZoomWsSettings settings, Clock clock, ZoomWsStatus status, ZoomWsMetrics metrics) {
        this.url = url;
        this.settings = settings;
        this.clock = clock;
        this.status = status;
        this.metrics = metrics;
    }

    /** The platform's Vert.x (from the HTTP router), so the socket shares its event loops. */
    public void useVertx(Vertx platformVertx) {
        vertx.set(platformVertx);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new ZoomWsEndpoint(uri, this);
    }

    ZoomWsSettings settings() {
        return settings;
    }

    ZoomWsMetrics metrics() {
        return metrics;
    }

    ZoomWsStatus status() {
        return status;
    }

    /** Where the last moment Zoom was alive is kept across restarts and failovers (none: no gap is carried over). */
    void lastAlive(LastAlive store) {
        this.lastAlive = store;
    }

    LastAlive lastAlive() {
        return lastAlive;
    }

    /** The window a consumer starting now inherits from before it (a restart, a failover), if any. */
    Optional<LastAlive.CarriedOver> carriedOver() {
        LastAlive store = lastAlive;
        return store == null ? Optional.empty() : store.carriedOver();
    }

    /** A supervisor for one consumer start; the previous one must have been stopped. */
    ZoomWsSupervisor newSupervisor(AccessTokenSource tokens, Consumer<ZoomFrame.Event> events, Consumer<ZoomWsGap> gaps) {
        Vertx platform = vertx.get();
        if (platform == null) {
            throw new IllegalStateException("the HTTP server's Vert.x is not up yet");
        }
        // AccessTokenSource has no way to remove a listener: register once, forward to the live supervisor.
        if (listening.compareAndSet(false, true)) {
            tokens.onNewToken(() -> {
                ZoomWsSupervisor live = current.get();
                if (live != null) {
                    live.tokenArrived();
                }
            });
        }
        // A test binds its own scheduler to move reconnect waits with the injected clock.
        ReconnectScheduler scheduler = getCamelContext().getRegistry()
                .lookupByNameAndType(ReconnectScheduler.BEAN_NAME, ReconnectScheduler.class);
        ZoomWsSupervisor supervisor = new ZoomWsSupervisor(platform, url, settings, tokens, clock, status, metrics,
                scheduler != null ? scheduler : ReconnectScheduler.VERTX, events, gaps);
        current.set(supervisor);
        return supervisor;
    }

    void released(ZoomWsSupervisor supervisor) {
        current.compareAndSet(supervisor, null);
    }
}
