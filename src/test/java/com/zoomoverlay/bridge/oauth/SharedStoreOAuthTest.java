package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    private static ZoomTokenService tokens(TestBridge bridge) {
        return bridge.camel().getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, ZoomTokenService.class);
    }
}
