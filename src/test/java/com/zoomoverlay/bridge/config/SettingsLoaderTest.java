package com.zoomoverlay.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dataDir;

    private BridgeSettings load(Map<String, String> env) {
        Map<String, String> vars = new HashMap<>(env);
        vars.putIfAbsent("DATA_DIR", dataDir.toString());
        return new SettingsLoader(key -> vars.entrySet().stream()
                .filter(e -> SettingsLoader.keyOf(e.getKey()).equals(key))
                .map(Map.Entry::getValue)
                .findFirst()).load();
    }

    private static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("PROD_CLIENT_ID", "client");
        env.put("PROD_CLIENT_SECRET", "client-secret-value");
        env.put("PROD_WEBSOCKET_URL", "wss://ws.zoom.us/ws?subscriptionId=abc");
        env.put("TOKEN_ENCRYPTION_KEY", KEY);
        env.put("ADMIN_TOKEN", "admin-token-0123456789");
        return env;
    }

    @Test
    void production_settings_load_with_contract_defaults() {
        BridgeSettings s = load(production());
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.simulate()).isFalse();
        assertThat(s.zoom().redirectUri()).hasToString("http://localhost:8080/oauth/callback");
        assertThat(s.zoom().tokenUrl()).hasToString("https://zoom.us/oauth/token");
        assertThat(s.zoom().authorizeUrl()).hasToString("https://zoom.us/oauth/authorize");
        assertThat(s.store().databaseUrl()).isEmpty();
        assertThat(s.webhook()).isEmpty();
        assertThat(s.security().overlayToken()).isEmpty();
    }

    @Test
    void each_missing_required_variable_is_named() {
        for (String variable : new String[] {"PROD_CLIENT_ID", "PROD_CLIENT_SECRET", "PROD_WEBSOCKET_URL",
                "TOKEN_ENCRYPTION_KEY", "ADMIN_TOKEN"}) {
            Map<String, String> env = production();
            env.remove(variable);
            assertThatThrownBy(() -> load(env))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessage(variable + " is required (or run with --simulate)");
        }
    }

    @Test
    void blank_values_count_as_missing() {
        Map<String, String> env = production();
        env.put("PROD_CLIENT_ID", "   ");
        assertThatThrownBy(() -> load(env)).hasMessageStartingWith("PROD_CLIENT_ID is required");
    }

    @Test
    void malformed_values_are_named_without_echoing_secrets() {
        assertRejected("PORT", "eighty", "PORT must be a whole number, got 'eighty'");
        assertRejected("PORT", "70000", "PORT must be between 1 and 65535, got 70000");
        assertRejected("TOKEN_ENCRYPTION_KEY", "not base64 at all!", "TOKEN_ENCRYPTION_KEY must be base64 (try: openssl rand -base64 32)");
        assertRejected("TOKEN_ENCRYPTION_KEY", "c2hvcnQ=", "TOKEN_ENCRYPTION_KEY must decode to 32 bytes, got 5");
        assertRejected("PROD_WEBSOCKET_URL", "https://ws.zoom.us/ws", "PROD_WEBSOCKET_URL must be a ws:// or wss:// URL");
        assertRejected("PROD_WEBSOCKET_URL", "wss://ws.zoom.us/ws", "PROD_WEBSOCKET_URL must include ?subscriptionId=");
        assertRejected("PROD_REDIRECT_URI", "https://bridge.example.com/callback", "PROD_REDIRECT_URI must end in /oauth/callback");
        assertRejected("ZOOM_OAUTH_BASE_URL", "ftp://zoom.us", "ZOOM_OAUTH_BASE_URL must be an http:// or https:// URL");
        assertRejected("DATABASE_URL", "jdbc:mysql://db/bridge", "DATABASE_URL must be a jdbc:postgresql: URL");
        assertRejected("ADMIN_TOKEN", "short", "ADMIN_TOKEN must be at least 16 characters");
        assertRejected("SIMULATE", "maybe", "SIMULATE must be true or false");
        assertRejected("CLUSTER_LOCK_DIR", "/var/lock/bridge", "CLUSTER_LOCK_DIR needs DATABASE_URL: replicas must share one PostgreSQL store");
        assertRejected("KUBERNETES_LEASE_NAME", "bridge", "KUBERNETES_LEASE_NAME needs DATABASE_URL: replicas must share one PostgreSQL store");
    }

    @Test
    void webhook_needs_a_standard_webhooks_secret() {
        Map<String, String> env = production();
        env.put("OVERLAY_WEBHOOK_URL", "https://overlay.example.com/hook");
        assertThatThrownBy(() -> load(env)).hasMessage("OVERLAY_WEBHOOK_SECRET is required (or run with --simulate)");
        env.put("OVERLAY_WEBHOOK_SECRET", "plain-secret");
        assertThatThrownBy(() -> load(env))
                .hasMessage("OVERLAY_WEBHOOK_SECRET must start with whsec_ (Standard Webhooks secret)")
                .hasMessageNotContaining("plain-secret");
        env.put("OVERLAY_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(load(env).webhook()).get().extracting(w -> w.url().getHost()).isEqualTo("overlay.example.com");
    }

    @Test
    void simulate_needs_no_zoom_credentials_and_keeps_its_generated_secrets_private() throws Exception {
        BridgeSettings first = load(Map.of("SIMULATE", "true", "PORT", "9191"));
        assertThat(first.simulate()).isTrue();
        assertThat(first.zoom().websocketUrl()).hasToString(
                "ws://localhost:9191/simulator/ws?subscriptionId=simulated-subscription");
        assertThat(first.zoom().tokenUrl()).hasToString("http://localhost:9191/simulator/oauth/token");
        Path secrets = dataDir.resolve(SimulatedSecrets.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");

        BridgeSettings again = load(Map.of("SIMULATE", "true"));
        assertThat(again.security().adminToken()).isEqualTo(first.security().adminToken());
        assertThat(again.security().tokenEncryptionKey()).isEqualTo(first.security().tokenEncryptionKey());
    }

    @Test
    void secrets_never_render_their_value() {
        BridgeSettings s = load(production());
        assertThat(s.toString()).doesNotContain("client-secret-value", "admin-token-0123456789", KEY);
    }

    private void assertRejected(String variable, String value, String message) {
        Map<String, String> env = production();
        env.put(variable, value);
        assertThatThrownBy(() -> load(env)).isInstanceOf(InvalidSettingException.class).hasMessage(message);
    }

}
