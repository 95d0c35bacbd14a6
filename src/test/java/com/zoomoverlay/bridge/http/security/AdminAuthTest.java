package com.zoomoverlay.bridge.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import com.zoomoverlay.bridge.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AdminAuthTest {

    private final AdminAuth auth = new AdminAuth(new Secret("admin-token-0123456789"),
            OriginPolicy.forRedirectUri(URI.create("http://localhost:8080/oauth/callback")),
            new AdminLoginThrottle(AdminLoginSettings.DEFAULTS, Clock.systemUTC(), new SimpleMeterRegistry()),
            new SimpleMeterRegistry(), Clock.systemUTC());

    @Test
    void bearer_with_the_admin_token_is_admin() {
        assertThat(auth.isAdmin("Bearer admin-token-0123456789")).isTrue();
        assertThat(auth.isAdmin("bearer admin-token-0123456789")).isTrue();
    }

    @Test
    void basic_with_the_admin_token_as_password_is_admin_whatever_the_user() {
        assertThat(auth.isAdmin(basic("admin", "admin-token-0123456789"))).isTrue();
        assertThat(auth.isAdmin(basic("", "admin-token-0123456789"))).isTrue();
    }

    @Test
    void anything_else_is_rejected() {
        assertThat(auth.isAdmin(null)).isFalse();
        assertThat(auth.isAdmin("")).isFalse();
        assertThat(auth.isAdmin("Bearer wrong")).isFalse();
        assertThat(auth.isAdmin("Bearer admin-token-012345678")).isFalse();
        assertThat(auth.isAdmin(basic("admin-token-0123456789", "wrong"))).isFalse();
        assertThat(auth.isAdmin("Basic !!!not-base64")).isFalse();
        assertThat(auth.isAdmin("Token admin-token-0123456789")).isFalse();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
