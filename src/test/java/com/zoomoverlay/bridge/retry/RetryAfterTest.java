package com.zoomoverlay.bridge.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-02T14:00:00Z");

    @Test
    void delta_seconds_are_a_wait_of_that_many_seconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void an_http_date_is_the_wait_from_now_and_a_past_one_is_no_wait() {
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 14:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 13:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "-5", "+5", "1.5", "soon", "99999999999999999999",
            "Thu, 02 Dec 2026 14:01:30 GMT", // the wrong weekday
            "Wed, 2 Dec 2026 14:01:30 +0000", // RFC 1123 with an offset, not IMF-fixdate
            "Wednesday, 02-Dec-26 14:01:30 GMT"}) // the obsolete RFC 850 form
    void anything_else_is_ignored(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEmpty();
    }
}
