package com.zoomoverlay.bridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.singular.SingularKind;
import com.zoomoverlay.bridge.simulator.graphics.FakeSingular;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Singular sender against a fake Data Stream API: what the stream (and so the Control App) holds. */
class SingularSenderTest {

    private static final String TOKEN = "priv-3f9c2a7e11d04b8c";
    private final FakeSingular singular = new FakeSingular(Set.of(TOKEN));
    private final FakeHost host = new FakeHost();
    private final Sender sender;

    SingularSenderTest() {
        singular.addRoutes(host.router(), "");
        sender = host.sender(new SingularKind(), Map.of("url", host.url() + "/datastreams", "token", TOKEN));
    }

    @AfterEach
    void stop() {
        sender.close();
        host.close();
    }

    @Test
    void the_payload_replaces_what_the_stream_holds() {
        assertThat(host.send(sender, "{\"name\":\"Hedy Lamarr\",\"text\":\"Hello from the studio!\"}").isDelivered()).isTrue();
        assertThat(singular.stream(TOKEN).getString("text")).isEqualTo("Hello from the studio!");
        assertThat(host.send(sender, "{\"name\":\"Alan Turing\",\"text\":\"Great question.\"}").isDelivered()).isTrue();
        assertThat(singular.stream(TOKEN).getString("name")).isEqualTo("Alan Turing");
    }

    @Test
    void a_wrong_token_is_rejected_and_no_error_shows_the_token() {
        Sender wrong = host.sender(new SingularKind(), Map.of("url", host.url() + "/datastreams", "token", "priv-not-a-real-one"));
        SendResult result = host.send(wrong, "{\"text\":\"x\"}");
        wrong.close();
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(result.error()).isEqualTo("Singular refused the data stream update (HTTP 404: check the target's token)")
                .doesNotContain("priv-");
    }

    @Test
    void a_rate_limit_is_retried_after_the_time_singular_asks_for() {
        singular.faults().failNext(1, 429);
        SendResult limited = host.send(sender, "{\"text\":\"x\"}");
        assertThat(limited.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(host.send(sender, "{\"text\":\"x\"}").isDelivered()).isTrue();
    }

    @Test
    void a_payload_that_is_not_a_json_object_is_rejected() {
        assertThat(host.send(sender, "[1,2]").outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(singular.received()).isEmpty();
    }

    @Test
    void the_token_is_required_and_checked() {
        SingularKind kind = new SingularKind();
        assertThatThrownBy(() -> kind.settings(new TargetConfig("chat-wall", "singular", Map.of())))
                .hasMessage("bridge.targets.chat-wall.token is required for a target of kind singular");
        assertThatThrownBy(() -> kind.settings(new TargetConfig("chat-wall", "singular", Map.of("token", "has spaces in it"))))
                .hasMessageStartingWith("bridge.targets.chat-wall.token must be the data stream's private token")
                .hasMessageNotContaining("has spaces");
        assertThat(kind.settings(new TargetConfig("chat-wall", "singular", Map.of("token", TOKEN))).api())
                .hasToString("https://datastream.singular.live/datastreams/");
    }
}
