package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.simulator.SimulatedOAuthServer;
import com.zoomoverlay.bridge.support.ChildBridge;
import com.zoomoverlay.bridge.support.TestBridge;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (a deploy, {@code docker stop}) while Zoom is answering a token request: the bridge's graceful stop
 * lets the answer be stored before the embedded store closes. With a refresh-token grant the old refresh
 * token is dead once Zoom answers, so an answer lost here would mean logging in again after the restart.
 *
 * <p>The answer comes ~60 ms after the request arrives, so it is handled in the first few hundred
 * milliseconds of the stop, while H2's own shutdown hook (without {@code DB_CLOSE_ON_EXIT=FALSE}) has closed
 * the database under the pool's connections: without that setting this failed in 3 of 5 runs (the others
 * answered after the pool had replaced the dead connections), with it in none of 5.
 */
class TokenAnsweredDuringStopTest {

    @TempDir
    Path workDir;

    @Test
    void a_token_zoom_answers_after_sigterm_is_in_the_store_when_the_bridge_comes_back() throws Exception {
        try (StandaloneZoom zoom = new StandaloneZoom(Clock.systemUTC())) {
            Map<String, String> settings = zoom.env(StandaloneZoom.KEY_A,
                    Map.of("ZOOM_ACCOUNT_ID", SimulatedOAuthServer.ACCOUNT_ID, "bridge.oauth.token-timeout", "5000"));
            Map<String, String> env = new HashMap<>();
            Map<String, String> properties = new HashMap<>();
            settings.forEach((key, value) -> (key.contains(".") ? properties : env).put(key, value));
            zoom.simulator.oauth().faults().slowBy(Duration.ofMillis(60));

            ChildBridge child = ChildBridge.start(workDir, env, properties); // asks for a token at once
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> calls(zoom) == 1);
            child.close(); // SIGTERM while the answer is still on its way
            zoom.simulator.oauth().faults().slowBy(Duration.ZERO);

            try (TestBridge restarted = TestBridge.start(settings, Clock.systemUTC())) {
                ZoomTokenService tokens = restarted.camel().getRegistry()
                        .lookupByNameAndType(AccessTokenSource.BEAN_NAME, ZoomTokenService.class);
                NotifyBuilder ticks = new NotifyBuilder(restarted.camel()).fromRoute("oauth-refresh-timer")
                        .whenCompleted(5).create();
                assertThat(ticks.matches(10, TimeUnit.SECONDS)).isTrue();

                assertThat(tokens.currentAccessToken()).as("the token answered during the stop, read from the store")
                        .isPresent();
                assertThat(calls(zoom)).as("no second token request: nothing was missing").isEqualTo(1);
            }
        }
    }

    private static int calls(StandaloneZoom zoom) {
        return zoom.simulator.oauth().faults().tokenCalls("account_credentials");
    }
}
