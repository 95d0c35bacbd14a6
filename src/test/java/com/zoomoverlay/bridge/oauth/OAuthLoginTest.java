package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorization-code flow with PKCE against the built-in simulator, in --simulate mode. */
class OAuthLoginTest {

    static final String ADMIN = "admin-token-for-oauth-tests";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private TestBridge bridge;
    private ZoomSimulator simulator;
    private LoginDriver driver;

    @BeforeEach
    void start() {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN), clock);
        simulator = SimulatorModule.of(bridge.camel());
        driver = new LoginDriver(bridge, ADMIN);
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void login_requires_admin_credentials() {
        HttpResponse<String> r = bridge.get("/oauth/login");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void login_redirects_to_zoom_authorize_with_pkce_and_a_browser_bound_state() {
        LoginDriver.Started started = driver.start();
        assertThat(started.authorizeUrl().toString()).startsWith("http://localhost:" + bridge.port() + "/simulator/oauth/authorize?");
        assertThat(started.params().get("response_type")).containsExactly("code");
        assertThat(started.params().get("client_id")).containsExactly("simulated-client");
        assertThat(started.params().get("redirect_uri")).containsExactly(bridge.uri("/oauth/callback").toString());
        assertThat(started.params().get("code_challenge_method")).containsExactly("S256");
        assertThat(started.params().get("code_challenge").get(0)).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.state()).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes, base64url
        assertThat(started.cookieValue()).isEqualTo(started.state());
        assertThat(started.setCookie()).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/oauth")
                .contains("Max-Age=600")
                .doesNotContain("Secure"); // the redirect URI is http://localhost: a Secure cookie would never come back
        assertThat(driver.start().state()).isNotEqualTo(started.state());
    }

    @Test
    void full_flow_exchanges_the_code_with_a_verifier_the_simulator_accepts() throws Exception {
        HttpResponse<String> r = driver.login();
        assertThat(simulator.oauth().faults().tokenCalls("authorization_code")).isEqualTo(1);
        assertThat(r.headers().firstValue("Set-Cookie")).get().asString().contains("Max-Age=0");

        AccessTokenSource tokens = bridge.camel().getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, AccessTokenSource.class);
        assertThat(tokens.currentAccessToken()).hasValueSatisfying(t ->
                assertThat(simulator.tokens().validAccessToken(t)).isPresent());
        assertThat(tokens.reauthorizationRequired()).isFalse();

        JsonNode status = Json.MAPPER.readTree(bridge.get("/oauth/status").body());
        assertThat(status.path("authorized").asBoolean()).isTrue();
        assertThat(status.path("reauthorizationRequired").asBoolean()).isFalse();
        assertThat(status.path("expiresAt").asText()).isEqualTo(clock.instant().plus(Duration.ofHours(1)).toString());
        assertThat(status.path("scopes").toString()).contains("websocket");
        assertThat(status.path("missingScopes").size()).isZero();
        assertThat(status.path("lastRefreshAt").isNull()).isTrue();

        JsonNode health = Json.MAPPER.readTree(bridge.get("/health").body());
        assertThat(health.path("checks").path("oauth").path("status").asText()).isEqualTo("UP");
        assertThat(bridge.get("/metrics").body())
                .contains("zoom_oauth_logins_total{outcome=\"success\"} 1.0")
                .contains("zoom_oauth_authorized 1.0")
                .contains("zoom_oauth_token_expiry_seconds 3600.0");
    }

    @Test
    void a_browser_following_redirects_with_its_cookie_jar_ends_on_the_success_page() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(bridge.uri("/oauth/login"))
                .header("Authorization", "Bearer " + ADMIN).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.uri().getPath()).isEqualTo("/oauth/callback");
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(r.body()).contains("Zoom connected");
        assertThat(r.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'; frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void the_consoles_form_post_runs_the_login_through_the_simulator() {
        LoginDriver.Started started = driver.startFromConsole();
        HttpResponse<String> r = driver.callback(driver.authorize(started), started.cookieHeader());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(bridge.get("/oauth/status").body()).contains("\"authorized\":true");
    }

    @Test
    void callback_without_state_is_rejected_without_a_token_call() throws Exception {
        LoginDriver.Started started = driver.start();
        URI callback = driver.authorize(started);
        String code = LoginDriverQuery.param(callback, "code");
        assertBadState(driver.callback("/oauth/callback?code=" + code, started.cookieHeader()));
    }

    @Test
    void callback_with_unknown_state_is_rejected_without_a_token_call() throws Exception {
        LoginDriver.Started started = driver.start();
        String code = LoginDriverQuery.param(driver.authorize(started), "code");
        String forged = "A".repeat(43);
        assertBadState(driver.callback("/oauth/callback?code=" + code + "&state=" + forged, LoginFlow.COOKIE + "=" + forged));
    }

    @Test
    void callback_with_expired_state_is_rejected_without_a_token_call() throws Exception {
        LoginDriver.Started started = driver.start();
        URI callback = driver.authorize(started);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertBadState(driver.callback(callback, started.cookieHeader()));
    }

    @Test
    void callback_with_reused_state_is_rejected_without_a_second_token_call() throws Exception {
        LoginDriver.Started started = driver.start();
        URI callback = driver.authorize(started);
        assertThat(driver.callback(callback, started.cookieHeader()).statusCode()).isEqualTo(200);
        HttpResponse<String> again = driver.callback(callback, started.cookieHeader());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(again.body()).path("error").asText()).isEqualTo("invalid_state");
        assertThat(simulator.oauth().faults().tokenCalls()).isEqualTo(1);
    }

    @Test
    void callback_from_another_browser_is_rejected_without_a_token_call() throws Exception {
        LoginDriver.Started started = driver.start();
        URI callback = driver.authorize(started);
        assertBadState(driver.callback(callback, null));
        assertBadState(driver.callback(callback, LoginFlow.COOKIE + "=" + "B".repeat(43)));
        // the state was not burnt by the forged attempts: the real browser still completes
        assertThat(driver.callback(callback, started.cookieHeader()).statusCode()).isEqualTo(200);
    }

    @Test
    void error_from_zoom_is_a_readable_400_and_no_token_call() throws Exception {
        simulator.oauth().faults().denyNextAuthorizations(1);
        LoginDriver.Started started = driver.start();
        URI callback = driver.authorize(started);
        assertThat(callback.getQuery()).contains("error=access_denied");
        HttpResponse<String> r = driver.callback(callback, started.cookieHeader());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).path("error").asText()).isEqualTo("zoom_error");
        assertThat(simulator.oauth().faults().tokenCalls()).isZero();

        HttpResponse<String> html = bridge.send(HttpRequest.newBuilder(callback).header("Accept", "text/html")
                .header("Cookie", started.cookieHeader()).GET().build());
        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(html.body()).contains("Zoom login failed").doesNotContain("Exception");
    }

    @Test
    void before_login_the_bridge_is_degraded_but_reachable() throws Exception {
        HttpResponse<String> health = bridge.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("checks").path("oauth").path("status").asText()).isEqualTo("DEGRADED");
        JsonNode status = Json.MAPPER.readTree(bridge.get("/oauth/status").body());
        assertThat(status.path("authorized").asBoolean()).isFalse();
        assertThat(status.path("reauthorizationRequired").asBoolean()).isFalse();
        assertThat(status.path("expiresAt").isNull()).isTrue();
    }

    private void assertBadState(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).path("error").asText()).isEqualTo("invalid_state");
        assertThat(r.body()).doesNotContain("Exception");
        assertThat(simulator.oauth().faults().tokenCalls()).isZero();
    }

    /** Reads one query parameter of a URI. */
    static final class LoginDriverQuery {
        static String param(URI uri, String name) {
            return new io.netty.handler.codec.http.QueryStringDecoder(uri).parameters().get(name).get(0);
        }
    }
}
