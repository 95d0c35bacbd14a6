package com.zoomoverlay.bridge.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A browser attaches the console's Basic credentials to requests any page makes: the state-changing
 * admin requests (replay, login start) are refused unless they come from the bridge's own origin,
 * or from a script with a Bearer token. The bridge here sits behind a proxy at
 * {@code https://bridge.example.com} (its redirect URI) and is also reached directly on localhost.
 */
class CrossOriginTest {

    private static final String ADMIN = "admin-token-cross-origin-0123";
    private static final String PUBLIC_ORIGIN = "https://bridge.example.com";
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN,
                "PROD_REDIRECT_URI", PUBLIC_ORIGIN + "/oauth/callback"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    /** Header pairs a foreign page's request arrives with (or a browser that says nothing). */
    static Stream<Arguments> foreign() {
        return Stream.of(
                Arguments.of("Origin of another site", new String[] {"Origin", "https://evil.example"}),
                Arguments.of("Origin null (sandboxed frame)", new String[] {"Origin", "null"}),
                Arguments.of("Origin of another port on this host", new String[] {"Origin", "http://localhost:3000"}),
                Arguments.of("public name over plain http", new String[] {"Origin", "http://bridge.example.com"}),
                Arguments.of("Sec-Fetch-Site cross-site", new String[] {"Sec-Fetch-Site", "cross-site"}),
                Arguments.of("Sec-Fetch-Site same-site", new String[] {"Sec-Fetch-Site", "same-site"}),
                Arguments.of("Sec-Fetch-Site cross-site with own Origin",
                        new String[] {"Sec-Fetch-Site", "cross-site", "Origin", PUBLIC_ORIGIN}),
                Arguments.of("Sec-Fetch-Site same-origin with a foreign Origin",
                        new String[] {"Sec-Fetch-Site", "same-origin", "Origin", "https://evil.example"}),
                Arguments.of("neither header (Basic needs one)", new String[0]));
    }

    /** Header pairs of the console's own requests. */
    static Stream<Arguments> own() {
        return Stream.of(
                Arguments.of("Origin as opened directly", new String[] {"Origin", "http://localhost:" + bridge.port()}),
                Arguments.of("Origin of the public name (behind the proxy)", new String[] {"Origin", PUBLIC_ORIGIN}),
                Arguments.of("Sec-Fetch-Site same-origin", new String[] {"Sec-Fetch-Site", "same-origin"}),
                Arguments.of("both", new String[] {"Sec-Fetch-Site", "same-origin", "Origin", PUBLIC_ORIGIN}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreign")
    void cross_origin_replay_with_basic_credentials_is_refused(String why, String[] headers) throws Exception {
        double before = refused();
        HttpResponse<String> r = send("POST", "/admin/dead-letters/replay", basic(), headers);

        assertThat(r.statusCode()).isEqualTo(403);
        assertJsonErrorWithHeaders(r);
        assertThat(r.body()).doesNotContain("replayed");
        assertThat(refused()).isEqualTo(before + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreign")
    void cross_origin_login_start_with_basic_credentials_is_refused(String why, String[] headers) throws Exception {
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> r = send(method, "/oauth/login", basic(), headers);

            assertThat(r.statusCode()).as(method).isEqualTo(403);
            assertJsonErrorWithHeaders(r);
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("own")
    void replay_and_login_start_from_the_console_own_origin_are_accepted(String why, String[] headers) throws Exception {
        HttpResponse<String> replay = send("POST", "/admin/dead-letters/replay", basic(), headers);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(json(replay).has("replayed")).isTrue();

        HttpResponse<String> login = send("POST", "/oauth/login", basic(), headers);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).get().asString().contains("/oauth/authorize?");
    }

    @Test
    void a_script_with_bearer_and_neither_header_is_accepted() throws Exception {
        assertThat(send("POST", "/admin/dead-letters/replay", "Bearer " + ADMIN).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/oauth/login", "Bearer " + ADMIN).statusCode()).isEqualTo(302);
    }

    @Test
    void a_bearer_request_from_a_foreign_page_is_still_refused() throws Exception {
        HttpResponse<String> r = send("POST", "/admin/dead-letters/replay", "Bearer " + ADMIN, "Origin", "https://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void a_login_typed_into_the_address_bar_is_accepted() throws Exception {
        assertThat(send("GET", "/oauth/login", basic(), "Sec-Fetch-Site", "none").statusCode()).isEqualTo(302);
    }

    @Test
    void the_refusal_says_why_and_how_scripts_get_in() throws Exception {
        JsonNode crossSite = json(send("POST", "/admin/dead-letters/replay", basic(), "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.path("error").asText()).isEqualTo("cross_origin");
        assertThat(crossSite.path("message").asText()).contains("cross-site");
        JsonNode bare = json(send("POST", "/admin/dead-letters/replay", basic()));
        assertThat(bare.path("error").asText()).isEqualTo("origin_required");
        assertThat(bare.path("message").asText()).contains("Authorization: Bearer");
    }

    @Test
    void reads_are_not_origin_checked_the_browser_keeps_their_answers_from_other_pages() throws Exception {
        assertThat(send("GET", "/admin/dead-letters", basic(), "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(200);
    }

    @Test
    void without_credentials_the_answer_is_still_401_so_a_browser_asks_for_them() throws Exception {
        HttpResponse<String> r = send("POST", "/admin/dead-letters/replay", null, "Origin", "http://localhost:" + bridge.port());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void the_login_state_cookie_is_secure_when_the_redirect_uri_is_https() throws Exception {
        String cookie = send("GET", "/oauth/login", "Bearer " + ADMIN).headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("; Secure", "SameSite=Lax", "Path=/oauth").containsIgnoringCase("; HttpOnly");
    }

    private static void assertJsonErrorWithHeaders(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).isIn("cross_origin", "origin_required");
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Authorization")).isEmpty();
        assertThat(r.body()).doesNotContain(ADMIN);
    }

    private static double refused() {
        String metrics = bridge.get("/metrics").body();
        return metrics.lines().filter(l -> l.startsWith("admin_requests_refused_total{") && !l.contains("throttled"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(bridge.uri(path))
                .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        if ("POST".equals(method)) {
            b.header("Content-Type", "text/plain"); // what a cross-site form can send without a preflight
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return bridge.send(b.build());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN).getBytes(StandardCharsets.UTF_8));
    }
}
