package com.zoomoverlay.bridge.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.support.LogCapture;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of wrong admin tokens against the running bridge: every failure is counted, the client's
 * episode is logged without the token, the client is slowed down with 429 and Retry-After, and the
 * admin gets in once the wait is over. The wait is served on a clock the test moves.
 */
class FailedAdminLoginTest {

    private static final String ADMIN = "admin-token-failed-logins-0123";
    private static final String WRONG = "guess-7f3a9c-not-the-token";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T18:00:00Z"));
    private TestBridge bridge;

    @BeforeEach
    void start() {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN), clock);
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void a_flood_of_wrong_tokens_is_counted_logged_once_and_slowed_down() {
        try (LogCapture log = new LogCapture()) {
            int[] statuses = new int[200];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = admin("Bearer " + WRONG).statusCode();
            }
            // Five free guesses; the sixth starts a 1 s wait, and the rest of the flood is refused unread.
            assertThat(java.util.Arrays.stream(statuses, 0, 5)).containsOnly(401);
            assertThat(java.util.Arrays.stream(statuses, 5, 200)).containsOnly(429);
            HttpResponse<String> waiting = admin("Bearer " + WRONG);
            assertThat(waiting.headers().firstValue("Retry-After")).hasValue("1");

            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> next = admin("Bearer " + WRONG);
            assertThat(next.statusCode()).isEqualTo(429);
            assertThat(next.headers().firstValue("Retry-After")).as("each further guess doubles the wait").hasValue("2");

            List<String> lines = log.lines().stream().filter(l -> l.contains("admin login")).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("admin login failed client=127.0.0.1 scheme=bearer route=admin-dead-letters-list");
            assertThat(lines.get(1)).contains("admin logins throttled client=127.0.0.1", "failures=6", "waitSeconds=1");
            assertThat(log.text()).doesNotContain(WRONG).doesNotContain(ADMIN);
        }
        String metrics = bridge.get("/metrics").body();
        assertThat(metric(metrics, "admin_login_failures_total{scheme=\"bearer\"}")).isEqualTo(7);
        assertThat(metric(metrics, "admin_requests_refused_total{reason=\"throttled\"}")).isEqualTo(197);
        assertThat(metric(metrics, "admin_login_clients")).isEqualTo(1);
    }

    @Test
    void a_browser_is_asked_again_five_times_then_told_to_wait_and_the_admin_gets_in_after_it() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = admin(basic("admin", WRONG));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        HttpResponse<String> sixth = admin(basic("admin", WRONG));
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(sixth.headers().firstValue("WWW-Authenticate")).as("no new password prompt while waiting").isEmpty();
        assertThat(sixth.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(sixth.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(sixth.body()).contains("\"error\":\"too_many_failed_logins\"", "try again in 1 s").doesNotContain(WRONG);

        assertThat(admin(basic("admin", ADMIN)).statusCode()).as("even the right token waits: no guessing during the wait").isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(admin(basic("admin", ADMIN)).statusCode()).isEqualTo(200);
        assertThat(admin(basic("admin", WRONG)).statusCode()).as("a clean slate after the right token").isEqualTo(401);
    }

    @Test
    void another_client_is_not_slowed_down_by_the_flood() throws Exception {
        for (int i = 0; i < 10; i++) {
            admin("Bearer " + WRONG);
        }
        assertThat(admin("Bearer " + ADMIN).statusCode()).isEqualTo(429);
        assertThat(statusFrom("127.0.0.2", "Bearer " + ADMIN)).isEqualTo(200);
    }

    private HttpResponse<String> admin(String authorization) {
        return bridge.send(HttpRequest.newBuilder(bridge.uri("/admin/dead-letters")).header("Authorization", authorization).GET().build());
    }

    /** One request sent from another loopback address (HttpClient cannot choose its source address on Java 17). */
    private int statusFrom(String sourceAddress, String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridge.port()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /admin/dead-letters HTTP/1.1\r\nHost: localhost:" + bridge.port() + "\r\nAuthorization: "
                    + authorization + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static double metric(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
