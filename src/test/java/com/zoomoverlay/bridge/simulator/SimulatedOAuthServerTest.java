package com.zoomoverlay.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zoomoverlay.bridge.support.MutableClock;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Zoom OAuth endpoints on a port of their own, driven by the JDK HTTP client. */
class SimulatedOAuthServerTest {

    static final String CLIENT_ID = "sim-client";
    static final String CLIENT_SECRET = "sim-secret-value";
    static final String REDIRECT = "http://localhost:1/oauth/callback";
    static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-abcdef";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private Vertx vertx;
    private ZoomSimulator simulator;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = new ZoomSimulator(vertx, SimulatorConfig.defaults(CLIENT_ID, CLIENT_SECRET, Set.of(REDIRECT))
                .withAccessTokenLifetime(Duration.ofMinutes(30)), clock);
        server = simulator.listen(0).toCompletionStage().toCompletableFuture().get();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void authorize_redirects_with_code_and_state_and_the_code_exchanges_once_with_the_right_verifier() throws Exception {
        String code = authorize(challengeOf(VERIFIER), "state-1");

        HttpResponse<String> wrongVerifier = token(basic(), codeForm(code, "another-verifier-0123456789-0123456789-01234"));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(body(wrongVerifier).path("error").asText()).isEqualTo("invalid_grant");

        String code2 = authorize(challengeOf(VERIFIER), "state-2");
        HttpResponse<String> ok = token(basic(), codeForm(code2, VERIFIER));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode tokens = body(ok);
        assertThat(tokens.path("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(1800);
        assertThat(tokens.path("scope").asText()).isEqualTo("meeting:read webinar:read websocket");
        assertThat(tokens.path("refresh_token").asText()).startsWith("sim_rt_");
        assertThat(simulator.tokens().validAccessToken(tokens.path("access_token").asText())).isPresent();

        HttpResponse<String> reused = token(basic(), codeForm(code2, VERIFIER));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(body(reused).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(simulator.oauth().faults().tokenCalls("authorization_code")).isEqualTo(3);
    }

    @Test
    void codes_expire_after_sixty_seconds_and_are_bound_to_the_redirect_uri() throws Exception {
        String code = authorize(challengeOf(VERIFIER), "s");
        clock.advance(Duration.ofSeconds(61));
        assertThat(token(basic(), codeForm(code, VERIFIER)).statusCode()).isEqualTo(400);

        String other = authorize(challengeOf(VERIFIER), "s");
        Map<String, String> form = codeForm(other, VERIFIER);
        form.put("redirect_uri", "http://localhost:1/elsewhere/oauth/callback");
        assertThat(body(token(basic(), form)).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void authorize_never_redirects_to_an_unknown_uri_or_for_an_unknown_client() throws Exception {
        HttpResponse<String> badRedirect = get("/oauth/authorize?response_type=code&client_id=" + CLIENT_ID
                + "&redirect_uri=" + enc("https://evil.example/oauth/callback") + "&code_challenge=" + challengeOf(VERIFIER)
                + "&code_challenge_method=S256&state=x");
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(badRedirect.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> badClient = get("/oauth/authorize?response_type=code&client_id=nobody&redirect_uri="
                + enc(REDIRECT) + "&code_challenge=" + challengeOf(VERIFIER) + "&code_challenge_method=S256");
        assertThat(badClient.statusCode()).isEqualTo(400);
        assertThat(badClient.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void authorize_without_s256_pkce_redirects_with_an_error() throws Exception {
        HttpResponse<String> plain = get("/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri="
                + enc(REDIRECT) + "&code_challenge=" + VERIFIER + "&code_challenge_method=plain&state=st");
        assertThat(plain.statusCode()).isEqualTo(302);
        Map<String, String> params = query(plain.headers().firstValue("Location").orElseThrow());
        assertThat(params).containsEntry("error", "invalid_request").containsEntry("state", "st").doesNotContainKey("code");

        simulator.oauth().faults().denyNextAuthorizations(1);
        HttpResponse<String> denied = get(authorizePath(challengeOf(VERIFIER), "st2"));
        assertThat(query(denied.headers().firstValue("Location").orElseThrow())).containsEntry("error", "access_denied");
    }

    @Test
    void token_endpoint_requires_basic_client_auth() throws Exception {
        String code = authorize(challengeOf(VERIFIER), "s");
        String wrong = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":nope").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = token(wrong, codeForm(code, VERIFIER));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(body(r).path("error").asText()).isEqualTo("invalid_client");
        assertThat(token(null, codeForm(code, VERIFIER)).statusCode()).isEqualTo(401);
    }

    @Test
    void refresh_rotates_and_a_used_refresh_token_is_dead() throws Exception {
        String refresh = body(token(basic(), codeForm(authorize(challengeOf(VERIFIER), "s"), VERIFIER))).path("refresh_token").asText();
        JsonNode first = body(token(basic(), Map.of("grant_type", "refresh_token", "refresh_token", refresh)));
        String rotated = first.path("refresh_token").asText();
        assertThat(rotated).isNotEqualTo(refresh).startsWith("sim_rt_");

        HttpResponse<String> reuse = token(basic(), Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(body(reuse).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(simulator.oauth().grants().refreshTokenReuses()).isEqualTo(1);

        simulator.oauth().revokeAllRefreshTokens();
        HttpResponse<String> revoked = token(basic(), Map.of("grant_type", "refresh_token", "refresh_token", rotated));
        assertThat(body(revoked).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(simulator.oauth().faults().tokenCalls("refresh_token")).isEqualTo(3);
    }

    @Test
    void account_credentials_grant_gives_an_access_token_without_refresh_token() throws Exception {
        HttpResponse<String> r = token(basic(), Map.of("grant_type", "account_credentials", "account_id", SimulatedOAuthServer.ACCOUNT_ID));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body(r).has("refresh_token")).isFalse();
        assertThat(simulator.tokens().validAccessToken(body(r).path("access_token").asText())).isPresent();
        assertThat(token(basic(), Map.of("grant_type", "account_credentials", "account_id", "other")).statusCode()).isEqualTo(400);
    }

    @Test
    void injected_failures_answer_their_status_then_stop() throws Exception {
        simulator.oauth().faults().failNext(2, 429, 3);
        Map<String, String> form = Map.of("grant_type", "account_credentials", "account_id", SimulatedOAuthServer.ACCOUNT_ID);
        HttpResponse<String> first = token(basic(), form);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("3");
        assertThat(token(basic(), form).statusCode()).isEqualTo(429);
        assertThat(token(basic(), form).statusCode()).isEqualTo(200);
        assertThat(simulator.oauth().faults().tokenCalls("account_credentials")).isEqualTo(3);
    }

    @Test
    void control_endpoints_inject_faults_over_http() throws Exception {
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(uri("/control/oauth/fail?status=503&times=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        Map<String, String> form = Map.of("grant_type", "account_credentials", "account_id", SimulatedOAuthServer.ACCOUNT_ID);
        assertThat(token(basic(), form).statusCode()).isEqualTo(503);
        assertThat(token(basic(), form).statusCode()).isEqualTo(200);
        JsonNode counters = body(get("/control/oauth/counters"));
        assertThat(counters.path("tokenCalls").path("account_credentials").asInt()).isEqualTo(2);

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(uri("/control/oauth/fail?status=abc"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void oversized_token_requests_are_refused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + "x".repeat(20_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
    }

    // --- helpers ------------------------------------------------------------------------------------

    private String authorize(String challenge, String state) throws Exception {
        HttpResponse<String> r = get(authorizePath(challenge, state));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?");
        Map<String, String> params = query(location);
        assertThat(params).containsEntry("state", state);
        return params.get("code");
    }

    static String authorizePath(String challenge, String state) {
        return "/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + enc(REDIRECT)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&state=" + enc(state);
    }

    private static Map<String, String> codeForm(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", verifier);
        return form;
    }

    private HttpResponse<String> token(String authorization, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        new QueryStringDecoder(location).parameters().forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    static String challengeOf(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
