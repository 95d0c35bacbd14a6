package com.zoomoverlay.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpSurfaceTest {

    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.simulating();
        // Test-only routes: one that fails, one that takes a body, both behind the shared error handling.
        bridge.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/test/fail").routeId("test-fail")
                        .routeConfigurationId(HttpErrorsConfiguration.ID)
                        .throwException(new IllegalStateException("secret detail that must not leak"));
                from("platform-http:/test/echo?httpMethodRestrict=POST").routeId("test-echo")
                        .routeConfigurationId(HttpErrorsConfiguration.ID)
                        .process(e -> HttpReplies.json(e, 200, Map.of("length", e.getMessage().getBody(String.class).length())));
            }
        });
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void health_is_degraded_until_zoom_is_authorized_with_per_check_detail() throws Exception {
        HttpResponse<String> r = bridge.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertSecurityHeaders(r);
        JsonNode body = Json.MAPPER.readTree(r.body());
        // a fresh bridge has no Zoom grant yet: DEGRADED (still 200, the console stays reachable)
        assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("checks").path("oauth").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("checks").path("store").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("store").path("kind").asText()).isEqualTo("embedded");
        assertThat(body.path("checks").path("camel").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metrics_are_prometheus_text_with_jvm_http_and_camel_route_metrics() {
        bridge.get("/health");
        HttpResponse<String> r = bridge.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertSecurityHeaders(r);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(r.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"2xx\"}")
                .contains("camel_exchanges_total{")
                .contains("route_id=\"http-health\"");
    }

    @Test
    void unknown_path_is_a_json_404_with_security_headers() throws Exception {
        HttpResponse<String> r = bridge.get("/no/such/page");
        assertThat(r.statusCode()).isEqualTo(404);
        assertSecurityHeaders(r);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(Json.MAPPER.readTree(r.body()).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void wrong_method_is_a_json_405_naming_the_allowed_methods() throws Exception {
        HttpResponse<String> r = bridge.send(HttpRequest.newBuilder(bridge.uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertSecurityHeaders(r);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(Json.MAPPER.readTree(r.body()).path("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void a_failing_route_answers_json_500_without_stack_trace_or_detail() throws Exception {
        HttpResponse<String> r = bridge.get("/test/fail");
        assertThat(r.statusCode()).isEqualTo(500);
        assertSecurityHeaders(r);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("internal_error");
        assertThat(r.body()).doesNotContain("secret detail", "Exception", "at com.");
    }

    @Test
    void bodies_over_one_mebibyte_get_413() throws Exception {
        HttpResponse<String> small = bridge.send(HttpRequest.newBuilder(bridge.uri("/test/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build());
        assertThat(small.statusCode()).isEqualTo(200);

        HttpResponse<String> big = bridge.send(HttpRequest.newBuilder(bridge.uri("/test/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])).build());
        assertThat(big.statusCode()).isEqualTo(413);
        assertSecurityHeaders(big);
        assertThat(Json.MAPPER.readTree(big.body()).path("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void request_headers_are_not_echoed_into_responses() {
        HttpResponse<String> r = bridge.send(HttpRequest.newBuilder(bridge.uri("/health"))
                .header("Authorization", "Bearer do-not-echo-me").GET().build());
        assertThat(r.headers().map().toString()).doesNotContain("do-not-echo-me");
    }

    static void assertSecurityHeaders(HttpResponse<?> r) {
        assertThat(r.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
    }
}
