package com.zoomoverlay.bridge.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PagesHttpTest {

    private static final String ADMIN_TOKEN = "admin-token-pages-0123456789";
    private static final String OVERLAY_TOKEN = "overlay-token-pages-0123456789";
    private static TestBridge open;
    private static TestBridge guarded;

    @BeforeAll
    static void start() {
        open = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN_TOKEN));
        guarded = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN_TOKEN, "OVERLAY_TOKEN", OVERLAY_TOKEN));
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
    }

    @Test
    void console_asks_a_browser_to_log_in() {
        HttpResponse<String> response = open.get("/");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
        assertThat(response.body()).contains("\"error\":\"unauthorized\"").doesNotContain("<html");
    }

    @Test
    void console_is_served_to_the_admin_with_the_security_headers() {
        HttpResponse<String> response = open.send(get(open, "/").header("Authorization", basic("anyone", ADMIN_TOKEN)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Authorization")).isEmpty();
        assertThat(response.body()).contains("<script src=\"/assets/console.js\"",
                "<form id=\"connect-form\" method=\"post\" action=\"/oauth/login\">");
    }

    @Test
    void console_rejects_a_wrong_password() {
        HttpResponse<String> response = open.send(get(open, "/").header("Authorization", basic("admin", "nope")).build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void pages_have_no_inline_scripts_or_styles_so_they_run_under_the_csp() {
        for (String page : new String[] {"pages/console.html", "pages/overlay.html"}) {
            String html = Page.load(page).html();
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as(page + " inline script").isFalse();
            assertThat(html).as(page).doesNotContain("<style", " style=", "onclick=", "onload=", "http://", "https://");
        }
    }

    @Test
    void assets_are_served_with_their_content_type_and_cache_headers() {
        HttpResponse<String> js = open.get("/assets/console.js");
        HttpResponse<String> css = open.get("/assets/overlay.css");

        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(js.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age=60"));
        assertThat(js.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
    }

    @Test
    void an_unchanged_asset_is_answered_not_modified() {
        String lastModified = open.get("/assets/overlay.js").headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<String> again = open.send(get(open, "/assets/overlay.js").header("If-Modified-Since", lastModified).build());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void unknown_assets_and_paths_outside_the_asset_folder_are_json_404s() {
        assertThat(open.get("/assets/missing.js").statusCode()).isEqualTo(404);
        assertThat(open.get("/assets/missing.js").body()).contains("\"error\":\"not_found\"");
        assertThat(open.get("/assets/../console.html").statusCode()).isEqualTo(404);
        assertThat(open.get("/assets/%2e%2e/console.html").statusCode()).isEqualTo(404);
        assertThat(open.get("/assets/").statusCode()).isEqualTo(404);
    }

    @Test
    void overlay_is_open_without_an_overlay_token() {
        HttpResponse<String> response = open.get("/overlay");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/assets/overlay.js", "id=\"lower-third\"");
    }

    @Test
    void overlay_stays_embeddable_while_the_console_refuses_frames() {
        HttpResponse<String> overlay = open.get("/overlay");
        HttpResponse<String> console = open.get("/");

        assertThat(overlay.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'");
        assertThat(overlay.headers().firstValue("X-Frame-Options")).isEmpty();
        // Even the 401 that asks for the password cannot be framed.
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; frame-ancestors 'none'");
        assertThat(console.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void overlay_needs_the_overlay_token_when_one_is_set() {
        assertThat(guarded.get("/overlay").statusCode()).isEqualTo(401);
        assertThat(guarded.get("/overlay?token=wrong").statusCode()).isEqualTo(401);
        assertThat(guarded.get("/overlay?token=wrong").body()).doesNotContain(OVERLAY_TOKEN);
        assertThat(guarded.get("/overlay?token=" + OVERLAY_TOKEN).statusCode()).isEqualTo(200);
        assertThat(guarded.get("/assets/overlay.js").statusCode()).isEqualTo(200);
    }

    private static HttpRequest.Builder get(TestBridge bridge, String path) {
        return HttpRequest.newBuilder(bridge.uri(path)).GET();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
