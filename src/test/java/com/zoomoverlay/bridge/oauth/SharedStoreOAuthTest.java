package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.simulator.TokenEndpointFaults;
import com.zoomoverlay.bridge.support.LogCapture;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import org.junit.jupiter.api.Test;

/** Two replicas on one PostgreSQL store: a login may finish on either, and the other picks the grant up. */
class SharedStoreOAuthTest {

    @Test
    void a_login_started_on_one_replica_completes_on_another_and_both_end_up_with_the_grant() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        TestPostgres db = TestPostgres.freshSchema();
        try (StandaloneZoom zoom = new StandaloneZoom(clock)) {
            Map<String, String> envA = zoom.env(StandaloneZoom.KEY_A, db.env());
            Map<String, String> envB = new HashMap<>(envA);
            envB.put("PORT", String.valueOf(TestBridge.freePort()));
            envB.put("DATA_DIR", TestBridge.tempDir().toString());
            envB.put("PROD_REDIRECT_URI", "http://localhost:" + zoom.bridgePort + "/oauth/callback");
            try (TestBridge a = TestBridge.start(envA, clock); TestBridge b = TestBridge.start(envB, clock)) {
                LoginDriver onA = new LoginDriver(a, OAuthLoginTest.ADMIN);
                LoginDriver.Started started = onA.start();
                URI callback = onA.authorize(started);
                URI callbackOnB = b.uri(callback.getRawPath() + "?" + callback.getRawQuery());
                assertThat(new LoginDriver(b, OAuthLoginTest.ADMIN).callback(callbackOnB, started.cookieHeader()).statusCode())
                        .isEqualTo(200);

                String token = tokens(b).currentAccessToken().orElseThrow();
                await().atMost(10, TimeUnit.SECONDS).until(() -> tokens(a).currentAccessToken().filter(token::equals).isPresent());
                assertThat(zoom.simulator.oauth().faults().tokenCalls()).isEqualTo(1);
            }
        } finally {
            db.drop();
        }
    }

    /**
     * Zoom rotates refresh tokens: whoever spends one second gets invalid_grant and the grant is lost. Two
     * replicas with their refresh timers both running (no election here) and a slow token endpoint, so the
     * second timer fires while the first refresh is still in flight: one refresh reaches Zoom, the other
     * replica takes its result from the store.
     */
    @Test
    void two_replicas_refreshing_at_once_spend_the_refresh_token_once() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        TestPostgres db = TestPostgres.freshSchema();
        try (StandaloneZoom zoom = new StandaloneZoom(clock)) {
            Map<String, String> envA = zoom.env(StandaloneZoom.KEY_A, db.env());
            Map<String, String> envB = new HashMap<>(envA);
            envB.put("PORT", String.valueOf(TestBridge.freePort()));
            envB.put("DATA_DIR", TestBridge.tempDir().toString());
            try (TestBridge a = TestBridge.start(envA, clock); TestBridge b = TestBridge.start(envB, clock);
                 LogCapture logs = new LogCapture()) {
                new LoginDriver(a, OAuthLoginTest.ADMIN).login();
                String first = tokens(a).currentAccessToken().orElseThrow();
                await().atMost(10, TimeUnit.SECONDS).until(() -> tokens(b).currentAccessToken().filter(first::equals).isPresent());

                TokenEndpointFaults faults = zoom.simulator.oauth().faults();
                faults.slowBy(Duration.ofMillis(1500)); // far longer than the 20 ms timer period of both
                clock.advance(Duration.ofMinutes(55)); // past 90 % of the hour: due on both replicas

                await().atMost(15, TimeUnit.SECONDS).until(() -> {
                    Optional<String> onA = tokens(a).currentAccessToken();
                    return onA.isPresent() && !onA.get().equals(first) && onA.equals(tokens(b).currentAccessToken());
                });
                assertThat(faults.tokenCalls("refresh_token")).as("refresh calls that reached Zoom").isEqualTo(1);
                // Both were due and both started a refresh: the one that did not call Zoom took the result
                // from the store (without this, one replica not trying at all would pass too).
                assertThat(logs.lines()).filteredOn(l -> l.contains("oauth refresh starting")).as(logs.text()).hasSize(2);
                assertThat(logs.lines()).filteredOn(l -> l.contains("refreshed by another replica: adopted from the store"))
                        .as(logs.text()).hasSize(1);
                assertThat(zoom.simulator.oauth().grants().refreshTokenReuses()).isZero();
                assertThat(tokens(a).reauthorizationRequired()).isFalse();
                assertThat(tokens(b).reauthorizationRequired()).isFalse();
            }
        } finally {
            db.drop();
        }
    }

    private static ZoomTokenService tokens(TestBridge bridge) {
        return bridge.camel().getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, ZoomTokenService.class);
    }
}
