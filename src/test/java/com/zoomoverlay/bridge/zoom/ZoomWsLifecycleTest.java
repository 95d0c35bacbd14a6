package com.zoomoverlay.bridge.zoom;

import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

/** Route stop, start and restart, and bridge shutdown: no stray connection, events flow again. */
class ZoomWsLifecycleTest {

    @Test
    void stopping_the_route_closes_the_connection_and_it_stays_closed() throws Exception {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            CamelContext camel = h.bridge.camel();
            camel.getRouteController().stopRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            await().atMost(WAIT).until(() -> h.zoom().connectionCount() == 0);
            assertThat(h.status().state()).isEqualTo(ZoomWsState.STOPPED);
            // A new token would normally wake the consumer; a stopped route must ignore it.
            h.tokens.login();
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> h.zoom().totalConnects() == 1);
        }
    }

    @Test
    void a_restarted_route_reconnects_once_and_delivers_again() throws Exception {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            CamelContext camel = h.bridge.camel();
            for (int i = 0; i < 3; i++) {
                camel.getRouteController().stopRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
                camel.getRouteController().startRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            }
            // Restarts can stop a consumer mid-connect; whatever it opened is closed before the next one opens.
            h.awaitConnected();
            h.zoom().burst(5);
            await().atMost(WAIT).until(() -> zoomEvents(h) == 5);
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> zoomEvents(h) == 5);
            // What was sent while the route was down may be missing: each restart that got connected says so.
            List<String> gaps = h.downstream.bodies().stream().filter(b -> b.contains("\"bridge.gap\"")).toList();
            assertThat(gaps).isNotEmpty().allSatisfy(g -> assertThat(g).contains("\"reason\":\"consumer_restart\""));
            assertThat(h.zoom().replacedConnections()).isZero();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
        }
    }

    private static long zoomEvents(ZoomWsHarness h) {
        return h.downstream.headers().stream().filter(m -> !"bridge".equals(m.get(EventHeaders.TRANSPORT))).count();
    }

    @Test
    void a_route_stopped_while_connecting_leaves_no_connection() throws Exception {
        try (ZoomWsHarness h = ZoomWsHarness.start()) {
            CamelContext camel = h.bridge.camel();
            h.tokens.login();
            camel.getRouteController().stopRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> h.zoom().connectionCount() == 0);
            assertThat(h.zoom().peakConnections()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void shutting_down_the_bridge_closes_the_connection() {
        ZoomWsHarness h = ZoomWsHarness.connected();
        SimulatedEventSocket zoom = h.zoom();
        assertThat(zoom.connectionCount()).isEqualTo(1);
        h.close();
        assertThat(zoom.connectionCount()).isZero();
    }
}
