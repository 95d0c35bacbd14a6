package com.zoomoverlay.bridge.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console and overlay in headless Chromium against the real bridge, simulating Zoom in-process.
 * The render tests answer the status endpoints themselves (they check the pages' own logic); the
 * others run the whole flow: Connect Zoom, the live feed, Replay, the overlay showing a join.
 * Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesBrowserIT {

    private static final String ADMIN_TOKEN = "admin-token-browser-0123456789";
    private static WebhookReceiver receiver;
    private static TestBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        assertThat(BrowserTests.missingPrerequisites())
                .as("the browser tests cannot run on this machine")
                .isEmpty();
        receiver = new WebhookReceiver();
        bridge = TestBridge.start(Map.of(
                "SIMULATE", "true",
                "ADMIN_TOKEN", ADMIN_TOKEN,
                "OVERLAY_WEBHOOK_URL", receiver.hookUrl(),
                "OVERLAY_WEBHOOK_SECRET", "whsec_" + Base64.getEncoder().encodeToString("browser-test-signing-key-32bytes".getBytes())));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void console_renders_the_contract_json_and_flags_problems() throws Exception {
        passes("console-render.test.mjs");
    }

    @Test
    @Order(2)
    void overlay_shows_joins_chat_and_badge_and_reconnects() throws Exception {
        passes("overlay-render.test.mjs");
    }

    @Test
    @Order(3)
    void connect_zoom_runs_the_oauth_flow_against_the_simulator() throws Exception {
        passes("connect.test.mjs");
    }

    @Test
    @Order(4)
    void live_feed_updates_with_the_scripted_meeting() throws Exception {
        passes("live-feed.test.mjs");
    }

    @Test
    @Order(5)
    void overlay_page_shows_a_join() throws Exception {
        passes("overlay-join.test.mjs");
    }

    @Test
    @Order(6)
    void overlay_reloaded_mid_meeting_shows_the_same_state_and_nothing_after_the_end() throws Exception {
        passes("overlay-reload.test.mjs");
    }

    @Test
    @Order(6)
    void replay_click_redelivers_a_dead_letter() throws Exception {
        passes("replay.test.mjs");
    }

    @Test
    @Order(7)
    void a_foreign_page_can_neither_frame_the_console_nor_replay_and_zoom_redirect_back_still_logs_in() throws Exception {
        passes("foreign-page.test.mjs");
    }

    private static void passes(String file) throws Exception {
        Map<String, String> env = new HashMap<>();
        // The host must be the one in the redirect URI: the login state cookie is bound to it.
        env.put("BASE_URL", bridge.uri("").toString());
        env.put("ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("RECEIVER_URL", receiver.baseUrl());
        BrowserTests.Run run = BrowserTests.run(file, env);
        System.out.println("== e2e/tests/" + file + "\n" + run.output());
        assertThat(run.exitCode()).as("e2e/tests/%s failed:%n%s", file, run.output()).isZero();
    }
}
