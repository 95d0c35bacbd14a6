package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.simulator.SimulatedOAuthServer;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With ZOOM_ACCOUNT_ID the bridge authorizes itself with the account_credentials grant: no browser. */
class ServerToServerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private StandaloneZoom zoom;
    private TestBridge bridge;

    @BeforeEach
    void start() throws Exception {
        zoom = new StandaloneZoom(clock);
    }

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        zoom.close();
    }

    @Test
    void fetches_a_token_at_start_and_a_new_one_before_expiry() throws Exception {
        bridge = TestBridge.start(zoom.env(StandaloneZoom.KEY_A, Map.of("ZOOM_ACCOUNT_ID", SimulatedOAuthServer.ACCOUNT_ID)), clock);
        await().atMost(10, TimeUnit.SECONDS).until(() -> tokens().currentAccessToken().isPresent());
        assertThat(calls()).isEqualTo(1);
        assertThat(tokens().current().orElseThrow().refreshToken()).isEmpty();
        JsonNode status = Json.MAPPER.readTree(bridge.get("/oauth/status").body());
        assertThat(status.path("authorized").asBoolean()).isTrue();
        assertThat(status.path("mode").asText()).isEqualTo("server_to_server");

        String first = tokens().currentAccessToken().orElseThrow();
        clock.advance(Duration.ofMinutes(55));
        await().atMost(10, TimeUnit.SECONDS).until(() -> calls() == 2
                && !tokens().currentAccessToken().orElse(first).equals(first));
        assertThat(zoom.simulator.tokens().validAccessToken(tokens().currentAccessToken().orElseThrow())).isPresent();

        HttpResponse<String> login = bridge.send(HttpRequest.newBuilder(bridge.uri("/oauth/login"))
                .header("Authorization", "Bearer " + OAuthLoginTest.ADMIN).GET().build());
        assertThat(login.statusCode()).isEqualTo(409);
        assertThat(login.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void a_refused_account_stops_asking_and_reports_it() throws Exception {
        bridge = TestBridge.start(zoom.env(StandaloneZoom.KEY_A, Map.of("ZOOM_ACCOUNT_ID", "not-this-account")), clock);
        await().atMost(10, TimeUnit.SECONDS).until(() -> tokens().reauthorizationRequired());
        NotifyBuilder ticks = new NotifyBuilder(bridge.camel()).fromRoute("oauth-refresh-timer").whenCompleted(10).create();
        clock.advance(Duration.ofHours(1));
        assertThat(ticks.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(calls()).isEqualTo(1);
        assertThat(bridge.get("/metrics").body()).contains("zoom_oauth_refreshes_total{outcome=\"rejected\"} 1.0");
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    }

    private int calls() {
        return zoom.simulator.oauth().faults().tokenCalls("account_credentials");
    }

    private ZoomTokenService tokens() {
        return bridge.camel().getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, ZoomTokenService.class);
    }
}
