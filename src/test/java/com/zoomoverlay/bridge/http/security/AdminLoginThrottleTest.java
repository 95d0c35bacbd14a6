package com.zoomoverlay.bridge.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.zoomoverlay.bridge.support.LogCapture;
import com.zoomoverlay.bridge.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The per-client failure budget, on a clock the test moves. */
class AdminLoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T18:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AdminLoginThrottle throttle = new AdminLoginThrottle(AdminLoginSettings.DEFAULTS, clock, registry);

    @Test
    void the_first_failures_are_free_then_each_one_doubles_the_wait_up_to_the_cap() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.failed("203.0.113.7", "bearer", "r")).isEmpty();
            assertThat(throttle.waitFor("203.0.113.7")).isEmpty();
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Duration wait = throttle.failed("203.0.113.7", "bearer", "r").orElseThrow();
            waits.add(wait.toSeconds());
            assertThat(throttle.waitFor("203.0.113.7")).contains(wait);
            clock.advance(wait);
            assertThat(throttle.waitFor("203.0.113.7")).as("free again once the wait is over").isEmpty();
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(registry.get("admin.login.failures").tag("scheme", "bearer").counter().count()).isEqualTo(14);
    }

    @Test
    void one_client_waiting_does_not_hold_up_another() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("203.0.113.7", "basic", "r");
        }
        assertThat(throttle.waitFor("203.0.113.7")).isPresent();
        assertThat(throttle.waitFor("198.51.100.1")).isEmpty();
    }

    @Test
    void the_right_token_clears_the_slate() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("203.0.113.7", "basic", "r");
        }
        throttle.succeeded("203.0.113.7");
        assertThat(throttle.failed("203.0.113.7", "basic", "r")).as("a full budget again").isEmpty();
    }

    @Test
    void a_quiet_client_is_forgotten_and_gets_its_budget_back() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("203.0.113.7", "basic", "r");
        }
        clock.advance(AdminLoginSettings.DEFAULTS.forgetAfter());
        assertThat(throttle.waitFor("203.0.113.7")).isEmpty();
        assertThat(throttle.failed("203.0.113.7", "basic", "r")).isEmpty();
        assertThat(gauge()).isEqualTo(1);
    }

    @Test
    void the_table_never_holds_more_clients_than_its_bound() {
        AdminLoginSettings small = new AdminLoginSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), 100);
        AdminLoginThrottle bounded = new AdminLoginThrottle(small, clock, registry);
        for (int i = 0; i < 20_000; i++) {
            bounded.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "bearer", "r");
        }
        assertThat(bounded.trackedClients()).isLessThanOrEqualTo(100);
    }

    @Test
    void many_clients_together_log_a_few_lines_a_minute_and_say_how_many_were_held_back() {
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                throttle.failed("10.0.0." + i, "basic", "r");
            }
            assertThat(lines(log)).hasSize(20);
            clock.advance(Duration.ofMinutes(1));
            throttle.failed("10.0.1.1", "basic", "r");
            assertThat(lines(log)).hasSize(21);
            assertThat(lines(log).get(20)).contains("client=10.0.1.1", "linesSuppressed=80");
        }
        assertThat(registry.get("admin.login.failures").tag("scheme", "basic").counter().count()).isEqualTo(101);
    }

    private static List<String> lines(LogCapture log) {
        return log.lines().stream().filter(l -> l.contains("admin login failed")).toList();
    }

    @Test
    void clients_are_keyed_by_ipv4_address_or_ipv6_64() {
        assertThat(AdminLoginThrottle.clientKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(AdminLoginThrottle.clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(AdminLoginThrottle.clientKey("2001:db8:1:2::1"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(AdminLoginThrottle.clientKey("[2001:db8:1:3::1]")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(AdminLoginThrottle.clientKey(null)).isEqualTo("unknown");
        assertThat(AdminLoginThrottle.clientKey("not an address")).isEqualTo("unknown");
    }

    @Test
    void settings_refuse_a_cap_below_the_first_wait() {
        Optional<String> none = Optional.empty();
        assertThat(AdminLoginSettings.load(key -> none)).isEqualTo(AdminLoginSettings.DEFAULTS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminLoginSettings.load(
                        key -> key.endsWith("max-delay") ? Optional.of("1s") : key.endsWith("first-delay") ? Optional.of("5s") : none))
                .hasMessageContaining("bridge.admin.login-max-delay");
    }

    private double gauge() {
        return registry.get("admin.login.clients").gauge().value();
    }
}
