package com.zoomoverlay.bridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.outputs.roster.MeetingRosters;
import com.zoomoverlay.bridge.simulator.graphics.FakeCasparcg;
import com.zoomoverlay.bridge.simulator.graphics.FakeH2r;
import com.zoomoverlay.bridge.simulator.graphics.FakeSingular;
import com.zoomoverlay.bridge.simulator.graphics.FakeVmix;
import io.vertx.core.json.JsonArray;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each Kamelet takes the simulator's scripted meeting (started, four people join and chat, leave, ended)
 * to its product's fake, and the fake shows what the show would: the lower third, the chat wall, the roster.
 */
class KameletOutputsTest {

    private static final String JOINED = "meeting.participant_joined";
    private static final String LEFT = "meeting.participant_left";
    private static final String CHAT = "meeting.chat_message_sent";
    private static final String TOKEN = "priv-3f9c2a7e11d04b8c";

    private final FakeHost host = new FakeHost();
    private KameletHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        host.close();
    }

    @Test
    void joins_become_a_vmix_lower_third_that_goes_out_when_they_leave() throws Exception {
        FakeVmix vmix = new FakeVmix(Map.of("LowerThird.gtzip", List.of("Name.Text", "Title.Text")));
        vmix.addRoutes(host.router(), "");
        harness = new KameletHarness(host, Map.of("studio.kind", "vmix", "studio.url", host.url())).start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").choice()
                        .when(header(EventHeaders.EVENT_TYPE).isEqualTo(JOINED)).to("kamelet:vmix-sink?target=studio&input=LowerThird.gtzip")
                        .when(header(EventHeaders.EVENT_TYPE).isEqualTo(LEFT)).to("kamelet:vmix-sink?target=studio&input=LowerThird.gtzip&overlayAction=Out");
            }
        });

        harness.playStory(3); // started, Ada joins, Ada chats
        assertThat(vmix.text("LowerThird.gtzip", "Name.Text")).isEqualTo("Ada Lovelace");
        assertThat(vmix.text("LowerThird.gtzip", "Title.Text")).isEqualTo("Simulated live show");
        assertThat(vmix.overlay(1)).isEqualTo("LowerThird.gtzip");

        harness.playStory(15); // the others join and chat, Alan rejoins, everyone leaves, the meeting ends
        assertThat(vmix.text("LowerThird.gtzip", "Name.Text")).isEqualTo("Hedy Lamarr");
        assertThat(vmix.overlay(1)).isNull();
        assertThat(harness.instructions().get(0))
                .isEqualTo("{\"input\":\"LowerThird.gtzip\",\"fields\":{\"Name.Text\":\"Ada Lovelace\",\"Title.Text\":\"Simulated live show\"},"
                        + "\"overlay\":{\"number\":1,\"action\":\"In\"}}");
    }

    @Test
    void chat_goes_to_a_singular_data_stream() throws Exception {
        FakeSingular singular = new FakeSingular(Set.of(TOKEN));
        singular.addRoutes(host.router(), "");
        harness = new KameletHarness(host, Map.of("chat-wall.kind", "singular", "chat-wall.url", host.url() + "/datastreams",
                "chat-wall.token", TOKEN)).start(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:events").filter(header(EventHeaders.EVENT_TYPE).isEqualTo(CHAT))
                                .to("kamelet:singular-sink?target=chat-wall");
                    }
                });

        harness.playStory(18);

        assertThat(singular.received()).hasSize(4);
        assertThat(singular.received().get(0).getString("name")).isEqualTo("Ada Lovelace");
        assertThat(singular.stream(TOKEN).getString("name")).isEqualTo("Hedy Lamarr");
        assertThat(singular.stream(TOKEN).getString("text")).startsWith("Thanks, see you next week.");
        assertThat(singular.stream(TOKEN).getString("topic")).isEqualTo("Simulated live show");
        assertThat(singular.stream(TOKEN).getString("event")).isEqualTo(CHAT);
    }

    @Test
    void a_meetings_roster_fills_and_empties_an_h2r_ticker() throws Exception {
        FakeH2r h2r = new FakeH2r("ABCD", List.of("roster"));
        h2r.addRoutes(host.router(), "");
        harness = new KameletHarness(host, Map.of("graphics.kind", "h2r", "graphics.url", host.url() + "/api/ABCD")).start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").filter(header(EventHeaders.EVENT_TYPE).in(JOINED, LEFT))
                        .bean(MeetingRosters.class, "update")
                        .to("kamelet:h2r-sink?target=graphics&graphic=roster&mode=ticker&lineOne=$.topic");
            }
        });

        harness.playStory(11); // started, the four join (Alan twice), chat, Grace shares
        JsonArray items = h2r.content("roster").getJsonArray("items");
        assertThat(items.stream().map(i -> ((io.vertx.core.json.JsonObject) i).getString("body")))
                .containsExactly("Ada Lovelace", "Grace Hopper", "Alan Turing", "Hedy Lamarr");
        assertThat(h2r.content("roster").getString("title")).isEqualTo("Simulated live show");
        assertThat(h2r.onAir("roster")).isTrue();

        harness.playStory(3); // Hedy chats, Grace stops sharing, Ada leaves
        assertThat(h2r.content("roster").getJsonArray("items")).hasSize(3);
        harness.playStory(3);
        assertThat(h2r.content("roster").getJsonArray("items")).isEmpty();
    }

    @Test
    void a_casparcg_template_is_added_on_join_updated_on_chat_and_stopped_on_leave() throws Exception {
        FakeCasparcg caspar = new FakeCasparcg(host.vertx(), Set.of("zoom/lower-third"), 1);
        int port = caspar.listen(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        harness = new KameletHarness(host, Map.of("playout.kind", "casparcg", "playout.host", "127.0.0.1",
                "playout.port", String.valueOf(port))).start(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:events").choice()
                                .when(header(EventHeaders.EVENT_TYPE).isEqualTo(JOINED)).to("kamelet:casparcg-sink?target=playout&template=zoom/lower-third")
                                .when(header(EventHeaders.EVENT_TYPE).isEqualTo(CHAT)).to("kamelet:casparcg-sink?target=playout&action=update&name=$.payload.object.chat_message.sender_name")
                                .when(header(EventHeaders.EVENT_TYPE).isEqualTo(LEFT)).to("kamelet:casparcg-sink?target=playout&action=stop");
                    }
                });

        harness.playStory(3);
        FakeCasparcg.Layer layer = caspar.layer(1, 20, 1);
        assertThat(layer.template()).isEqualTo("zoom/lower-third");
        assertThat(layer.playing()).isTrue();
        assertThat(layer.data().getString("name")).isEqualTo("Ada Lovelace");
        assertThat(layer.data().getString("text")).startsWith("Hello from the studio!");

        harness.playStory(15);
        assertThat(caspar.layer(1, 20, 1).playing()).isFalse();
        assertThat(caspar.commands().get(0)).startsWith("CG 1-20 ADD 1 \"zoom/lower-third\" 1 \"{\\\"name\\\":\\\"Ada Lovelace\\\"");
    }
}
