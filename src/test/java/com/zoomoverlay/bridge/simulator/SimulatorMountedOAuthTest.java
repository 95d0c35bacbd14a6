package com.zoomoverlay.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With --simulate the simulated Zoom OAuth endpoints answer under /simulator on the bridge's port. */
class SimulatorMountedOAuthTest {

    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestBridge.simulating();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void token_endpoint_answers_under_simulator_with_security_headers() throws Exception {
        ZoomSimulator simulator = SimulatorModule.of(bridge.camel());
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (simulator.config().clientId() + ":" + simulator.config().clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = bridge.send(HttpRequest.newBuilder(bridge.uri("/simulator/oauth/token"))
                .header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=account_credentials&account_id="
                        + SimulatedOAuthServer.ACCOUNT_ID)).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(simulator.tokens().validAccessToken(body.path("access_token").asText())).isPresent();
        assertThat(simulator.oauth().faults().tokenCalls("account_credentials")).isEqualTo(1);
    }

    @Test
    void authorize_for_the_bridge_redirect_uri_redirects_back_to_the_bridge() {
        HttpResponse<String> r = bridge.get("/simulator/oauth/authorize?response_type=code&client_id=simulated-client"
                + "&redirect_uri=" + SimulatedOAuthServerTest.enc(bridge.uri("/oauth/callback").toString())
                + "&code_challenge=" + "a".repeat(43) + "&code_challenge_method=S256&state=abc");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).get().asString()
                .startsWith(bridge.uri("/oauth/callback?code=").toString()).endsWith("&state=abc");
    }
}
