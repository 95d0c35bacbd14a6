package com.zoomoverlay.bridge.zoom;

import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.json.Json;
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
            String token = h.tokens.login();
            assertThat(h.status().state()).isEqualTo(ZoomWsState.STOPPED);
            // Started again, the route makes one connection, with that token. The stopped consumer was told of
            // the token (login() tells every listener before it returns) before this one started: a connection
            // it opened would be under way first, and show as a third connect, replacing or replaced.
            camel.getRouteController().startRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            h.awaitConnected();
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> zoomEvents(h) == 1);
            assertThat(h.zoom().totalConnects()).isEqualTo(2);
            assertThat(h.zoom().lastAccessToken()).contains(token);
            assertThat(h.zoom().replacedConnections()).isZero();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
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
            List<String> sent = h.zoom().burst(5);
            await().atMost(WAIT).until(() -> zoomEvents(h) == 5);
            // One event more: frames come in order on the one connection, so by the time it is through, a
            // second copy of any of the five (a second consumer, an overlapping connection) would be too.
            String marker = normalized(h.zoom().burst(1).get(0));
            await().atMost(WAIT).until(() -> zoomEvents(h) >= 6
                    && h.downstream.bodies().stream().map(ZoomWsLifecycleTest::normalized).anyMatch(marker::equals));
            assertThat(zoomEvents(h)).isEqualTo(6);
            assertThat(h.downstream.bodies().stream().map(ZoomWsLifecycleTest::normalized))
                    .containsAll(sent.stream().map(ZoomWsLifecycleTest::normalized).toList());
            // What was sent while the route was down may be missing: each restart that got connected says so.
            List<String> gaps = h.downstream.bodies().stream().filter(b -> b.contains("\"bridge.gap\"")).toList();
            assertThat(gaps).isNotEmpty().allSatisfy(g -> assertThat(g).contains("\"reason\":\"consumer_restart\""));
            assertThat(h.zoom().replacedConnections()).isZero();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
        }
    }

    private static String normalized(String json) {
        try {
            return Json.MAPPER.readTree(json).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
            // stopRoute returns once the connect under way has completed and what it opened is closed
            camel.getRouteController().stopRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            await().atMost(WAIT).until(() -> h.zoom().connectionCount() == 0);
            long connects = h.zoom().totalConnects(); // 0 or 1: how far the connect had got
            // Started again, the route makes the one connection: one the stopped consumer had left open would be
            // replaced by it (the simulator holds one per subscription) and count as a second one open.
            camel.getRouteController().startRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            h.awaitConnected();
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> zoomEvents(h) == 1);
            assertThat(h.zoom().totalConnects()).isEqualTo(connects + 1);
            assertThat(h.zoom().replacedConnections()).isZero();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
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
