package com.zoomoverlay.bridge.zoom;

import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import org.junit.jupiter.api.Test;

/** The consumer with the bridge's real OAuth module: login through the simulator, refresh on 4700. */
class ZoomWsWithOAuthTest {

    private static final String ADMIN = "zoom-ws-test-admin-token";

    @Test
    void a_login_connects_and_a_4700_refreshes_through_the_real_token_service() throws Exception {
        try (ZoomWsHarness h = ZoomWsHarness.withRealOAuth(Map.of("ADMIN_TOKEN", ADMIN))) {
            await().atMost(WAIT).until(() -> h.status().state() == ZoomWsState.WAITING_FOR_TOKEN);
            login(h);
            h.awaitConnected();
            AccessTokenSource tokens = h.bridge.camel().getRegistry()
                    .lookupByNameAndType(AccessTokenSource.BEAN_NAME, AccessTokenSource.class);
            String first = tokens.currentAccessToken().orElseThrow();
            assertThat(h.zoom().lastAccessToken()).contains(first);

            h.simulator().tokens().revokeAccessToken(first);
            h.zoom().closeAll(4700, "Invalid access token");
            await().atMost(WAIT).until(() -> h.zoom().totalConnects() == 2 && h.status().connected());
            String second = tokens.currentAccessToken().orElseThrow();
            assertThat(second).isNotEqualTo(first);
            assertThat(h.zoom().lastAccessToken()).contains(second);
            assertThat(h.metrics()).contains("zoom_ws_token_refreshes_total{outcome=\"ok\"} 1.0");
        }
    }

    /** The admin's browser: /oauth/login → simulated Zoom authorize → /oauth/callback with the state cookie. */
    private static void login(ZoomWsHarness h) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(h.bridge.uri("/oauth/login"))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(
                URI.create(start.headers().firstValue("Location").orElseThrow())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(authorize.statusCode()).isEqualTo(302);
        HttpResponse<String> callback = http.send(HttpRequest.newBuilder(
                URI.create(authorize.headers().firstValue("Location").orElseThrow())).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
    }
}
