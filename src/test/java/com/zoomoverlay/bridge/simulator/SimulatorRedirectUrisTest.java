package com.zoomoverlay.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.Test;

/**
 * {@code SIMULATOR_REDIRECT_URIS}: one simulating bridge is the Zoom of other bridges that log in through
 * themselves (two replicas rehearsing a failover, docs/deployment.md); any other URI is still refused.
 */
class SimulatorRedirectUrisTest {

    private static final String REPLICA_A = "http://localhost:18612/oauth/callback";
    private static final String REPLICA_B = "http://localhost:18613/oauth/callback";

    @Test
    void listed_callbacks_are_accepted_besides_the_bridges_own_and_others_are_not() {
        try (TestBridge bridge = TestBridge.start(Map.of("SIMULATE", "true",
                "bridge.simulator.redirect-uris", REPLICA_A + ", " + REPLICA_B + ","))) {
            assertThat(SimulatorModule.of(bridge.camel()).config().redirectUris())
                    .containsExactlyInAnyOrder(bridge.uri("/oauth/callback").toString(), REPLICA_A, REPLICA_B);

            HttpResponse<String> listed = authorize(bridge, REPLICA_B);
            assertThat(listed.statusCode()).isEqualTo(302);
            assertThat(listed.headers().firstValue("Location")).get().asString().startsWith(REPLICA_B + "?code=");

            HttpResponse<String> other = authorize(bridge, "http://localhost:18614/oauth/callback");
            assertThat(other.statusCode()).isNotEqualTo(302);
            assertThat(other.body()).contains("invalid_redirect_uri");
        }
    }

    private static HttpResponse<String> authorize(TestBridge bridge, String redirectUri) {
        return bridge.get("/simulator/oauth/authorize?response_type=code&client_id=simulated-client"
                + "&redirect_uri=" + SimulatedOAuthServerTest.enc(redirectUri)
                + "&code_challenge=" + "a".repeat(43) + "&code_challenge_method=S256&state=abc");
    }
}
