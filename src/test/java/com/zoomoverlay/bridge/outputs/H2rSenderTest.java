package com.zoomoverlay.bridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.h2r.H2rKind;
import com.zoomoverlay.bridge.simulator.graphics.FakeH2r;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The H2R Graphics sender against a fake H2R HTTP API: the graphic's content and whether it is on air. */
class H2rSenderTest {

    private final FakeH2r h2r = new FakeH2r("ABCD", List.of("lt1", "roster"));
    private final FakeHost host = new FakeHost();
    private final Sender sender;

    H2rSenderTest() {
        h2r.addRoutes(host.router(), "");
        sender = host.sender(new H2rKind(), Map.of("url", host.url() + "/api/ABCD"));
    }

    @AfterEach
    void stop() {
        sender.close();
        host.close();
    }

    @Test
    void updates_a_lower_third_and_takes_it_on_and_off_air() {
        assertThat(host.send(sender, "{\"graphic\":\"lt1\",\"fields\":{\"line_one\":\"Grace Hopper\",\"line_two\":\"Keynote\"},"
                + "\"status\":\"coming\"}").isDelivered()).isTrue();
        assertThat(h2r.content("lt1").getString("line_one")).isEqualTo("Grace Hopper");
        assertThat(h2r.content("lt1").getString("line_two")).isEqualTo("Keynote");
        assertThat(h2r.onAir("lt1")).isTrue();

        assertThat(host.send(sender, "{\"graphic\":\"lt1\",\"status\":\"going\"}").isDelivered()).isTrue();
        assertThat(h2r.onAir("lt1")).isFalse();
    }

    @Test
    void an_unknown_graphic_or_project_is_rejected() {
        SendResult unknown = host.send(sender, "{\"graphic\":\"nope\",\"fields\":{\"body\":\"x\"}}");
        assertThat(unknown.outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(unknown.error()).contains("HTTP 404").contains("check the project id");

        Sender wrongProject = host.sender(new H2rKind(), Map.of("url", host.url() + "/api/WXYZ"));
        assertThat(host.send(wrongProject, "{\"graphic\":\"lt1\",\"fields\":{\"body\":\"x\"}}").outcome())
                .isEqualTo(SendResult.Outcome.REJECTED);
        wrongProject.close();
    }

    @Test
    void h2r_down_or_failing_is_retried() {
        h2r.faults().down(true);
        assertThat(host.send(sender, "{\"graphic\":\"lt1\",\"status\":\"coming\"}").outcome()).isEqualTo(SendResult.Outcome.RETRY);
        h2r.faults().down(false);
        h2r.faults().failNext(1, 500);
        assertThat(host.send(sender, "{\"graphic\":\"lt1\",\"status\":\"coming\"}").outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(host.send(sender, "{\"graphic\":\"lt1\",\"status\":\"coming\"}").isDelivered()).isTrue();
    }

    @Test
    void the_url_must_be_the_projects_api_base() {
        H2rKind kind = new H2rKind();
        assertThatThrownBy(() -> kind.settings(new TargetConfig("gfx", "h2r", Map.of("url", "http://gfx:4001/rundown/ABCD"))))
                .hasMessage("bridge.targets.gfx.url must be the project's API base, e.g. http://graphics-pc:4001/api/ABCD");
        assertThat(kind.settings(new TargetConfig("gfx", "h2r", Map.of("url", "http://gfx:4001/api/ABCD"))).projectApi())
                .hasToString("http://gfx:4001/api/ABCD/");
    }
}
