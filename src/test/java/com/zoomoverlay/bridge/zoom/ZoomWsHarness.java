package com.zoomoverlay.bridge.zoom;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;

/**
 * A simulating bridge for consumer tests: the simulator's story off (tests send what they need),
 * small heartbeat and backoff settings, the downstream recorder bound, and (unless {@link #withRealOAuth})
 * the {@link SimulatorTokenSource} fixture in place of the OAuth module's token source.
 */
final class ZoomWsHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final MutableClock clock = MutableClock.atNow();
    final SimulatorTokenSource tokens;
    final RecordingDownstream downstream = new RecordingDownstream();
    /** Set by {@link #stepped}: reconnect waits come due only when the test moves the clock. */
    final SteppedScheduler scheduler;
    final TestBridge bridge;

    private ZoomWsHarness(Map<String, String> overrides, boolean fixtureTokens) {
        this(overrides, fixtureTokens, false);
    }

    private ZoomWsHarness(Map<String, String> overrides, boolean fixtureTokens, boolean stepped) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SIMULATE", "true",
                "camel.main.routes-include-pattern", "classpath:zoom/recording-events.camel.yaml",
                "bridge.simulator.scripted-story", "false",
                "bridge.zoom.ws.heartbeat-interval-ms", "100",
                // generous: a loaded machine (2 cores, parallel builds) can hold an event loop for a second
                "bridge.zoom.ws.heartbeat-timeout-ms", "2000",
                "bridge.zoom.ws.backoff-initial-ms", "20",
                "bridge.zoom.ws.backoff-max-ms", "200",
                // a failing route is retried in place, quickly
                "bridge.accept.routing-retry-ms", "10"));
        env.putAll(overrides);
        SimulatorTokenSource[] holder = new SimulatorTokenSource[1];
        scheduler = stepped ? new SteppedScheduler(clock) : null;
        bridge = TestBridge.start(env, clock, camel -> {
            if (fixtureTokens) {
                // The registry keys beans by name and type: the OAuth module's source must go, not sit beside ours.
                camel.getRegistry().unbind(AccessTokenSource.BEAN_NAME);
                holder[0] = new SimulatorTokenSource(() -> SimulatorModule.of(camel));
                camel.getRegistry().bind(AccessTokenSource.BEAN_NAME, holder[0]);
            }
            camel.getRegistry().bind(RecordingDownstream.BEAN_NAME, downstream);
            if (scheduler != null) {
                camel.getRegistry().bind(ReconnectScheduler.BEAN_NAME, scheduler);
            }
        });
        tokens = holder[0];
    }

    static ZoomWsHarness start() {
        return new ZoomWsHarness(Map.of(), true);
    }

    /** With the bridge's real OAuth module as token source (log in through /oauth/login). */
    static ZoomWsHarness withRealOAuth(Map<String, String> overrides) {
        return new ZoomWsHarness(overrides, false);
    }

    static ZoomWsHarness start(Map<String, String> overrides) {
        return new ZoomWsHarness(overrides, true);
    }

    /** Logs in and waits until the bridge holds its one connection. */
    static ZoomWsHarness connected() {
        ZoomWsHarness harness = start();
        harness.tokens.login();
        harness.awaitConnected();
        return harness;
    }

    /**
     * Connected, with the production reconnect settings (unless overridden) and reconnect waits that
     * come due only through {@link SteppedScheduler#fireNext}: timing is asserted in clock time.
     */
    static ZoomWsHarness stepped(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                "bridge.zoom.ws.backoff-initial-ms", "250", "bridge.zoom.ws.backoff-max-ms", "1500"));
        env.putAll(overrides);
        ZoomWsHarness harness = new ZoomWsHarness(env, true, true);
        harness.tokens.login();
        harness.awaitConnected();
        return harness;
    }

    /** Waits until the supervisor waits (or is connected), then lets the next wait come due; false when connected. */
    boolean stepReconnect() {
        await().atMost(WAIT).until(() -> scheduler.waiting() || (status().connected() && zoom().connectionCount() == 1));
        if (!scheduler.waiting()) {
            return false;
        }
        scheduler.fireNext();
        return true;
    }

    static ZoomWsHarness connected(Map<String, String> overrides) {
        ZoomWsHarness harness = start(overrides);
        harness.tokens.login();
        harness.awaitConnected();
        return harness;
    }

    ZoomSimulator simulator() {
        return SimulatorModule.of(bridge.camel());
    }

    SimulatedEventSocket zoom() {
        return simulator().events();
    }

    ZoomWsStatus status() {
        return ZoomWsStatus.of(bridge.camel());
    }

    void awaitConnected() {
        await().atMost(WAIT).until(() -> status().connected() && zoom().connectionCount() == 1);
    }

    JsonNode get(String path) {
        try {
            return Json.MAPPER.readTree(bridge.get(path).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String metrics() {
        return bridge.get("/metrics").body();
    }

    @Override
    public void close() {
        bridge.close();
    }
}
