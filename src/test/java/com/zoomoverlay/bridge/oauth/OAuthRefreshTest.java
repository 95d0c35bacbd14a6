package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import com.zoomoverlay.bridge.support.LogCapture;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timer-driven refresh with rotation, single flight, retries and invalid_grant, against the simulator. */
class OAuthRefreshTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private TestBridge bridge;
    private ZoomSimulator simulator;
    private ZoomTokenService tokens;

    @BeforeEach
    void start() {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", OAuthLoginTest.ADMIN,
                "bridge.oauth.check-interval", "20",
                "bridge.oauth.retry-initial-backoff", "10",
                "bridge.oauth.retry-max-backoff", "100",
                "bridge.oauth.token-timeout", "1000"), clock);
        simulator = SimulatorModule.of(bridge.camel());
        tokens = bridge.camel().getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, ZoomTokenService.class);
        new LoginDriver(bridge, OAuthLoginTest.ADMIN).login();
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void timer_refreshes_between_80_and_90_percent_of_the_token_lifetime() {
        clock.advance(Duration.ofMinutes(47)); // 78 %
        awaitTimerTicks(5);
        assertThat(refreshCalls()).isZero();

        clock.advance(Duration.ofMinutes(7).plusSeconds(30)); // 90.8 %
        await().atMost(10, TimeUnit.SECONDS).until(() -> refreshCalls() == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> tokens.current().orElseThrow().obtainedAt().equals(clock.instant()));
        assertThat(tokens.current().orElseThrow().lastRefreshAt()).contains(clock.instant());
        assertThat(simulator.tokens().validAccessToken(tokens.currentAccessToken().orElseThrow())).isPresent();
    }

    @Test
    void rotation_over_many_refresh_cycles_never_reuses_a_refresh_token() {
        Set<String> refreshTokensSeen = new HashSet<>();
        refreshTokensSeen.add(tokens.current().orElseThrow().refreshToken().orElseThrow());
        int cycles = 25;
        for (int i = 1; i <= cycles; i++) {
            clock.advance(Duration.ofMinutes(55));
            int expected = i;
            await().atMost(10, TimeUnit.SECONDS).until(() -> refreshCalls() == expected
                    && tokens.current().orElseThrow().obtainedAt().equals(clock.instant()));
            refreshTokensSeen.add(tokens.current().orElseThrow().refreshToken().orElseThrow());
        }
        assertThat(refreshTokensSeen).hasSize(cycles + 1);
        assertThat(simulator.oauth().grants().refreshTokenReuses()).isZero();
        assertThat(simulator.oauth().grants().liveRefreshTokens()).isEqualTo(1);
        assertThat(tokens.reauthorizationRequired()).isFalse();
        assertThat(bridge.get("/metrics").body()).contains("zoom_oauth_refreshes_total{outcome=\"success\"} 25.0");
    }

    @Test
    void concurrent_refresh_requests_make_one_token_call_and_share_its_result() throws Exception {
        simulator.oauth().faults().slowBy(Duration.ofMillis(300));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<String>>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String reason = i % 2 == 0 ? "ws-4700" : "timer";
            callers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return tokens.refresh(reason);
            }));
        }
        go.countDown();
        Set<String> results = new HashSet<>();
        for (CompletableFuture<CompletableFuture<String>> caller : callers) {
            results.add(caller.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
        }
        assertThat(results).hasSize(1);
        assertThat(refreshCalls()).isEqualTo(1);
        assertThat(tokens.currentAccessToken()).contains(results.iterator().next());
    }

    @Test
    void invalid_grant_requires_reauthorization_and_stops_asking_zoom() throws Exception {
        simulator.oauth().revokeAllRefreshTokens();
        clock.advance(Duration.ofMinutes(55));
        await().atMost(10, TimeUnit.SECONDS).until(tokens::reauthorizationRequired);
        assertThat(refreshCalls()).isEqualTo(1);

        clock.advance(Duration.ofHours(3));
        awaitTimerTicks(10);
        CompletableFuture<String> onDemand = tokens.refresh("ws-4700");
        assertThat(onDemand).isCompletedExceptionally();
        assertThat(refreshCalls()).isEqualTo(1);
        assertThat(tokens.currentAccessToken()).isEmpty();

        var health = bridge.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode oauth = Json.MAPPER.readTree(health.body()).path("checks").path("oauth");
        assertThat(oauth.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(oauth.path("reauthorizationRequired").asBoolean()).isTrue();
        JsonNode status = Json.MAPPER.readTree(bridge.get("/oauth/status").body());
        assertThat(status.path("reauthorizationRequired").asBoolean()).isTrue();
        assertThat(status.path("authorized").asBoolean()).isFalse();
        assertThat(bridge.get("/metrics").body())
                .contains("zoom_oauth_reauthorization_required 1.0")
                .contains("zoom_oauth_refreshes_total{outcome=\"invalid_grant\"} 1.0");

        new LoginDriver(bridge, OAuthLoginTest.ADMIN).login();
        assertThat(tokens.reauthorizationRequired()).isFalse();
        assertThat(tokens.currentAccessToken()).isPresent();
    }

    @Test
    void transient_5xx_is_retried_while_the_token_is_valid() throws Exception {
        simulator.oauth().faults().failNext(2, 503);
        String token = tokens.refresh("test").get(10, TimeUnit.SECONDS);
        assertThat(simulator.tokens().validAccessToken(token)).isPresent();
        assertThat(refreshCalls()).isEqualTo(3);
        assertThat(bridge.get("/metrics").body()).contains("zoom_oauth_refreshes_total{outcome=\"retry\"} 2.0");
    }

    @Test
    void too_many_requests_waits_as_long_as_retry_after_says() throws Exception {
        simulator.oauth().faults().failNext(1, 429, 1);
        try (LogCapture logs = new LogCapture()) {
            tokens.refresh("test").get(10, TimeUnit.SECONDS);
            assertThat(logs.text()).contains("reason=\"status 429\" attempt=1 retryInMs=1000");
        }
        assertThat(refreshCalls()).isEqualTo(2);
    }

    @Test
    void a_token_endpoint_that_does_not_answer_times_out_and_is_retried() throws Exception {
        simulator.oauth().faults().failNext(1, 503);
        simulator.oauth().faults().slowBy(Duration.ofSeconds(5));
        CompletableFuture<String> refresh = tokens.refresh("test");
        await().atMost(10, TimeUnit.SECONDS).until(() -> bridge.get("/metrics").body()
                .contains("zoom_oauth_refreshes_total{outcome=\"retry\"} 1.0"));
        simulator.oauth().faults().slowBy(Duration.ZERO);
        assertThat(simulator.tokens().validAccessToken(refresh.get(10, TimeUnit.SECONDS))).isPresent();
    }

    @Test
    void a_refresh_that_keeps_failing_gives_up_for_a_while_without_losing_the_grant() throws Exception {
        simulator.oauth().faults().failNext(100, 500);
        CompletableFuture<String> refresh = tokens.refresh("test");
        await().atMost(10, TimeUnit.SECONDS).until(refresh::isDone);
        assertThat(refresh).isCompletedExceptionally();
        assertThat(refreshCalls()).isEqualTo(5); // retry-max-attempts
        assertThat(tokens.reauthorizationRequired()).isFalse();
        assertThat(tokens.currentAccessToken()).isPresent();
        assertThat(bridge.get("/metrics").body()).contains("zoom_oauth_refreshes_total{outcome=\"failed\"} 1.0");
        awaitTimerTicks(5);
        assertThat(refreshCalls()).as("round backoff holds the timer").isEqualTo(5);
    }

    private int refreshCalls() {
        return simulator.oauth().faults().tokenCalls("refresh_token");
    }

    private void awaitTimerTicks(int ticks) {
        NotifyBuilder notify = new NotifyBuilder(bridge.camel()).fromRoute("oauth-refresh-timer").whenCompleted(ticks).create();
        assertThat(notify.matches(10, TimeUnit.SECONDS)).as("timer ticked").isTrue();
    }
}
