package com.zoomoverlay.bridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.casparcg.CasparKind;
import com.zoomoverlay.bridge.simulator.graphics.FakeCasparcg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CasparCG sender against a fake AMCP server: what each CG layer shows, and the reply codes. */
class CasparSenderTest {

    private final FakeHost host = new FakeHost();
    private final FakeCasparcg caspar = new FakeCasparcg(host.vertx(), Set.of("lower-third"), 1);
    private final Sender sender;

    CasparSenderTest() throws Exception {
        int port = caspar.listen(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        sender = host.sender(new CasparKind(), Map.of("host", "127.0.0.1", "port", String.valueOf(port)));
    }

    @AfterEach
    void stop() {
        sender.close();
        host.close();
    }

    @Test
    void adds_updates_and_stops_an_html_template_with_json_data() {
        assertThat(host.send(sender, "{\"channel\":1,\"layer\":20,\"cgLayer\":1,\"action\":\"add\",\"template\":\"lower-third\","
                + "\"data\":{\"name\":\"Ada \\\"The Countess\\\" Lovelace\",\"title\":\"Line one\\nLine two\"}}").isDelivered()).isTrue();
        FakeCasparcg.Layer shown = caspar.layer(1, 20, 1);
        assertThat(shown.template()).isEqualTo("lower-third");
        assertThat(shown.playing()).isTrue();
        assertThat(shown.data().getString("name")).isEqualTo("Ada \"The Countess\" Lovelace");
        assertThat(shown.data().getString("title")).isEqualTo("Line one\nLine two");

        assertThat(host.send(sender, "{\"channel\":1,\"layer\":20,\"cgLayer\":1,\"action\":\"update\",\"data\":{\"name\":\"Grace\"}}")
                .isDelivered()).isTrue();
        assertThat(caspar.layer(1, 20, 1).data().getString("name")).isEqualTo("Grace");
        assertThat(host.send(sender, "{\"channel\":1,\"layer\":20,\"cgLayer\":1,\"action\":\"stop\"}").isDelivered()).isTrue();
        assertThat(caspar.layer(1, 20, 1).playing()).isFalse();
        assertThat(caspar.commands()).hasSize(3).allMatch(c -> c.startsWith("CG 1-20 "));
    }

    @Test
    void client_errors_are_rejected_and_server_errors_retried() {
        SendResult unknown = host.send(sender, "{\"channel\":1,\"layer\":20,\"cgLayer\":1,\"action\":\"add\",\"template\":\"no-such\"}");
        assertThat(unknown.outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(unknown.error()).isEqualTo("CasparCG refused the command: 404 CG ADD FAILED");

        SendResult nothingThere = host.send(sender, "{\"channel\":1,\"layer\":30,\"cgLayer\":1,\"action\":\"update\",\"data\":{}}");
        assertThat(nothingThere.error()).isEqualTo("CasparCG refused the command: 403 CG UPDATE FAILED");

        assertThat(host.send(sender, "{\"channel\":2,\"layer\":20,\"cgLayer\":1,\"action\":\"stop\"}").error())
                .isEqualTo("CasparCG refused the command: 401 CG ERROR");

        caspar.faults().failNext(1, 504);
        SendResult overflow = host.send(sender, "{\"channel\":1,\"layer\":20,\"cgLayer\":1,\"action\":\"add\",\"template\":\"lower-third\"}");
        assertThat(overflow.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(host.send(sender, "{\"channel\":1,\"layer\":20,\"cgLayer\":1,\"action\":\"add\",\"template\":\"lower-third\"}")
                .isDelivered()).isTrue();
    }

    @Test
    void a_dropped_connection_is_retried_and_the_next_send_reconnects() {
        String add = "{\"channel\":1,\"layer\":20,\"cgLayer\":1,\"action\":\"add\",\"template\":\"lower-third\"}";
        assertThat(host.send(sender, add).isDelivered()).isTrue();
        caspar.faults().down(true);
        caspar.dropConnections();
        assertThat(host.send(sender, add).outcome()).isEqualTo(SendResult.Outcome.RETRY);
        caspar.faults().down(false);
        assertThat(host.send(sender, add).isDelivered()).isTrue();
        assertThat(caspar.commands()).hasSize(2);
    }

    @Test
    void the_host_is_checked_as_written() {
        CasparKind kind = new CasparKind();
        assertThatThrownBy(() -> kind.settings(new TargetConfig("playout", "casparcg", Map.of("host", "tcp://playout-1:5250"))))
                .hasMessageStartingWith("bridge.targets.playout.host must be a host name or IP address");
        assertThatThrownBy(() -> kind.settings(new TargetConfig("playout", "casparcg", Map.of("host", "playout-1", "port", "70000"))))
                .hasMessage("bridge.targets.playout.port must be between 1 and 65535, got 70000");
        assertThat(kind.settings(new TargetConfig("playout", "casparcg", Map.of("host", "playout-1"))).port()).isEqualTo(5250);
    }
}
