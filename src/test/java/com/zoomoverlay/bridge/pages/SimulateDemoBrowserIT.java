package com.zoomoverlay.bridge.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console of a bridge run as a newcomer runs it, {@code --simulate} and nothing else, in headless Chromium. */
class SimulateDemoBrowserIT {

    private static final String ADMIN_TOKEN = "admin-token-browser-0123456789";
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        assertThat(BrowserTests.missingPrerequisites()).as("the browser tests cannot run on this machine").isEmpty();
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN_TOKEN, "bridge.simulator.demo", "true",
                "bridge.simulator.event-interval-ms", "200"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void the_simulate_console_shows_live_targets_with_deliveries() throws Exception {
        BrowserTests.Run run = BrowserTests.run("simulate-demo.test.mjs",
                Map.of("BASE_URL", bridge.uri("").toString(), "ADMIN_TOKEN", ADMIN_TOKEN));
        System.out.println("== e2e/tests/simulate-demo.test.mjs\n" + run.output());
        assertThat(run.exitCode()).as("e2e/tests/simulate-demo.test.mjs failed:%n%s", run.output()).isZero();
    }
}
