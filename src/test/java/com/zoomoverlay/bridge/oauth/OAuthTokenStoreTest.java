package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.LogCapture;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The encrypted token store across restarts, key changes and rotation; nothing secret in logs or files. */
class OAuthTokenStoreTest {

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
    void restart_keeps_the_tokens_and_refresh_continues_with_the_stored_refresh_token() {
        bridge = start(StandaloneZoom.KEY_A, Map.of());
        new LoginDriver(bridge, OAuthLoginTest.ADMIN).login();
        String before = tokens().currentAccessToken().orElseThrow();
        restart(StandaloneZoom.KEY_A, Map.of());

        assertThat(tokens().currentAccessToken()).contains(before);
        assertThat(tokens().reauthorizationRequired()).isFalse();
        clock.advance(Duration.ofMinutes(55));
        await().atMost(10, TimeUnit.SECONDS).until(() -> zoom.simulator.oauth().faults().tokenCalls("refresh_token") == 1
                && !tokens().currentAccessToken().orElse(before).equals(before));
        assertThat(tokens().reauthorizationRequired()).isFalse();
        assertThat(zoom.simulator.oauth().grants().refreshTokenReuses()).isZero();
    }

    @Test
    void a_refresh_answered_while_the_bridge_stops_is_stored_before_the_store_closes() throws Exception {
        bridge = start(StandaloneZoom.KEY_A, Map.of("bridge.oauth.token-timeout", "5000"));
        new LoginDriver(bridge, OAuthLoginTest.ADMIN).login();
        String before = tokens().current().orElseThrow().refreshToken().orElseThrow();
        zoom.simulator.oauth().faults().slowBy(Duration.ofMillis(700));
        tokens().refresh("test");
        await().atMost(10, TimeUnit.SECONDS).until(() -> zoom.simulator.oauth().faults().tokenCalls("refresh_token") == 1);

        bridge.close(); // while Zoom is still answering: it rotates the refresh token as it answers
        bridge = null;
        zoom.simulator.oauth().faults().slowBy(Duration.ZERO);
        bridge = start(StandaloneZoom.KEY_A, Map.of());

        assertThat(tokens().current().orElseThrow().refreshToken()).isPresent().get().isNotEqualTo(before);
        tokens().refresh("test").get(10, TimeUnit.SECONDS); // with the stored, rotated refresh token
        assertThat(tokens().reauthorizationRequired()).isFalse();
        assertThat(zoom.simulator.oauth().grants().refreshTokenReuses()).isZero();
    }

    @Test
    void a_wrong_key_fails_safe_and_the_next_login_overwrites_the_record() throws Exception {
        bridge = start(StandaloneZoom.KEY_A, Map.of());
        new LoginDriver(bridge, OAuthLoginTest.ADMIN).login();
        bridge.close();
        bridge = null;
        try (LogCapture logs = new LogCapture()) {
            bridge = start(StandaloneZoom.KEY_B, Map.of());
            assertThat(logs.lines()).filteredOn(l -> l.contains("oauth stored token unreadable")).hasSize(1);
            assertThat(logs.text()).doesNotContain("\tat ", "AEADBadTagException");
        }
        assertThat(tokens().reauthorizationRequired()).isTrue();
        assertThat(tokens().currentAccessToken()).isEmpty();
        var health = bridge.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(health.body()).path("checks").path("oauth").path("status").asText())
                .isEqualTo("DEGRADED");
        JsonNode status = Json.MAPPER.readTree(bridge.get("/oauth/status").body());
        assertThat(status.path("reauthorizationRequired").asBoolean()).isTrue();
        int callsBefore = zoom.simulator.oauth().faults().tokenCalls();
        clock.advance(Duration.ofHours(2));
        awaitTicks();
        assertThat(zoom.simulator.oauth().faults().tokenCalls()).as("no token calls with an unreadable grant").isEqualTo(callsBefore);

        new LoginDriver(bridge, OAuthLoginTest.ADMIN).login();
        assertThat(tokens().reauthorizationRequired()).isFalse();
        restart(StandaloneZoom.KEY_B, Map.of());
        assertThat(tokens().currentAccessToken()).isPresent();
        assertThat(tokens().reauthorizationRequired()).isFalse();
    }

    @Test
    void key_rotation_reads_with_the_previous_key_and_writes_with_the_new_one() throws Exception {
        bridge = start(StandaloneZoom.KEY_A, Map.of());
        new LoginDriver(bridge, OAuthLoginTest.ADMIN).login();
        restart(StandaloneZoom.KEY_B, Map.of("TOKEN_ENCRYPTION_KEY_PREVIOUS", StandaloneZoom.KEY_A));
        assertThat(tokens().reauthorizationRequired()).isFalse();
        String refreshed = tokens().refresh("test").get(10, TimeUnit.SECONDS); // rewritten under KEY_B
        restart(StandaloneZoom.KEY_B, Map.of());
        assertThat(tokens().currentAccessToken()).contains(refreshed);
        assertThat(tokens().reauthorizationRequired()).isFalse();
    }

    @Test
    void no_token_code_state_or_secret_appears_in_logs_or_in_the_store_files() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(StandaloneZoom.CLIENT_SECRET, StandaloneZoom.KEY_A, OAuthLoginTest.ADMIN));
        try (LogCapture logs = new LogCapture()) {
            bridge = start(StandaloneZoom.KEY_A, Map.of());
            LoginDriver driver = new LoginDriver(bridge, OAuthLoginTest.ADMIN);
            LoginDriver.Started started = driver.start();
            URI callback = driver.authorize(started);
            secrets.add(started.state());
            secrets.add(OAuthLoginTest.LoginDriverQuery.param(callback, "code"));
            assertThat(driver.callback(callback, started.cookieHeader()).statusCode()).isEqualTo(200);
            collectTokens(secrets);
            for (int i = 1; i <= 3; i++) {
                clock.advance(Duration.ofMinutes(55));
                int expected = i;
                await().atMost(10, TimeUnit.SECONDS).until(() -> zoom.simulator.oauth().faults().tokenCalls("refresh_token") == expected
                        && tokens().current().orElseThrow().obtainedAt().equals(clock.instant()));
                collectTokens(secrets);
            }
            driver.callback(callback, started.cookieHeader()); // a rejected replay logs too
            assertThat(bridge.get("/oauth/status").body()).doesNotContain(secrets);
            assertThat(bridge.get("/metrics").body()).doesNotContain(secrets);
            bridge.close();
            bridge = null;
            assertThat(logs.text()).contains("oauth authorized").contains("oauth token refreshed").doesNotContain(secrets);
        }
        assertThat(secrets).hasSizeGreaterThan(10);
        try (Stream<Path> files = Files.walk(zoom.dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.getFileName().toString()).doesNotContain(secrets);
            }
        }
    }

    private void collectTokens(List<String> secrets) {
        StoredToken token = tokens().current().orElseThrow();
        secrets.add(token.accessToken());
        token.refreshToken().ifPresent(secrets::add);
    }

    private TestBridge start(String key, Map<String, String> extra) {
        return TestBridge.start(zoom.env(key, extra), clock);
    }

    private void restart(String key, Map<String, String> extra) {
        bridge.close();
        bridge = start(key, extra);
    }

    private ZoomTokenService tokens() {
        return bridge.camel().getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, ZoomTokenService.class);
    }

    private void awaitTicks() {
        var notify = new org.apache.camel.builder.NotifyBuilder(bridge.camel()).fromRoute("oauth-refresh-timer").whenCompleted(5).create();
        assertThat(notify.matches(10, TimeUnit.SECONDS)).isTrue();
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
