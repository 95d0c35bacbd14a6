package com.zoomoverlay.bridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.vmix.VmixKind;
import com.zoomoverlay.bridge.simulator.graphics.FakeVmix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The vMix sender against a fake vMix web API: what ends up on the title and the overlay channel. */
class VmixSenderTest {

    private final FakeHost host = new FakeHost();
    private final FakeVmix vmix = new FakeVmix(Map.of("LowerThird.gtzip", List.of("Name.Text", "Title.Text")));
    private final Sender sender;

    VmixSenderTest() {
        vmix.addRoutes(host.router(), "");
        sender = host.sender(new VmixKind(), Map.of("url", host.url()));
    }

    @AfterEach
    void stop() {
        sender.close();
        host.close();
    }

    @Test
    void sets_the_title_text_and_brings_it_in_then_out() {
        SendResult in = host.send(sender, "{\"input\":\"LowerThird.gtzip\",\"fields\":{\"Name.Text\":\"Ada \\\"The Countess\\\" Lovelace & co\","
                + "\"Title.Text\":\"Keynote: 100% live\"},\"overlay\":{\"number\":1,\"action\":\"In\"}}");

        assertThat(in.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        assertThat(vmix.text("LowerThird.gtzip", "Name.Text")).isEqualTo("Ada \"The Countess\" Lovelace & co");
        assertThat(vmix.text("LowerThird.gtzip", "Title.Text")).isEqualTo("Keynote: 100% live");
        assertThat(vmix.overlay(1)).isEqualTo("LowerThird.gtzip");
        assertThat(vmix.functions()).containsExactly("SetText", "SetText", "OverlayInput1In");

        assertThat(host.send(sender, "{\"input\":\"LowerThird.gtzip\",\"overlay\":{\"number\":1,\"action\":\"Out\"}}").isDelivered()).isTrue();
        assertThat(vmix.overlay(1)).isNull();
    }

    @Test
    void an_input_vmix_does_not_have_is_rejected_not_retried() {
        SendResult result = host.send(sender, "{\"input\":\"NoSuchTitle\",\"fields\":{\"Name.Text\":\"Ada\"}}");

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(result.error()).isEqualTo("vMix could not run SetText: Input not found");
    }

    @Test
    void a_vmix_that_is_down_or_overloaded_is_retried() {
        vmix.faults().down(true);
        SendResult down = host.send(sender, "{\"input\":\"LowerThird.gtzip\",\"fields\":{\"Name.Text\":\"Ada\"}}");
        assertThat(down.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(down.error()).startsWith("connection failed");

        vmix.faults().down(false);
        vmix.faults().failNext(1, 503);
        assertThat(host.send(sender, "{\"input\":\"LowerThird.gtzip\",\"fields\":{\"Name.Text\":\"Ada\"}}").outcome())
                .isEqualTo(SendResult.Outcome.RETRY);
        assertThat(host.send(sender, "{\"input\":\"LowerThird.gtzip\",\"fields\":{\"Name.Text\":\"Ada\"}}").isDelivered()).isTrue();
        assertThat(vmix.text("LowerThird.gtzip", "Name.Text")).isEqualTo("Ada");
    }

    @Test
    void a_body_that_is_no_vmix_instruction_is_rejected() {
        assertThat(host.send(sender, "{\"event\":\"meeting.started\"}").outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(host.send(sender, "{\"input\":\"LowerThird.gtzip\",\"overlay\":{\"number\":7,\"action\":\"In\"}}").error())
                .contains("overlay must be number 1-4");
        assertThat(vmix.functions()).isEmpty();
    }

    @Test
    void settings_are_checked_before_anything_connects() {
        VmixKind kind = new VmixKind();
        assertThatThrownBy(() -> kind.settings(config(Map.of())))
                .isInstanceOf(InvalidSettingException.class).hasMessage("bridge.targets.studio.url is required for a target of kind vmix");
        assertThatThrownBy(() -> kind.settings(config(Map.of("url", "studio-pc:8088"))))
                .hasMessage("bridge.targets.studio.url must be an http:// or https:// URL");
        assertThatThrownBy(() -> kind.settings(config(Map.of("url", "http://studio-pc:8088/?Function=Cut"))))
                .hasMessageStartingWith("bridge.targets.studio.url must be vMix's Web Controller address");
        assertThat(kind.settings(config(Map.of("url", "http://proxy/vmix"))).api()).hasToString("http://proxy/vmix/api/");
        assertThatThrownBy(() -> kind.settings(config(Map.of("url", "http://studio-pc:8088", "username", "admin"))))
                .hasMessage("bridge.targets.studio.password is required when the other Web Controller credential is set");
        assertThat(kind.settings(config(Map.of("url", "http://studio-pc:8088/api"))).api()).hasToString("http://studio-pc:8088/api/");
    }

    private static TargetConfig config(Map<String, String> settings) {
        return new TargetConfig("studio", "vmix", settings);
    }
}
