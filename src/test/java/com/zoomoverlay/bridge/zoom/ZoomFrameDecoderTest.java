package com.zoomoverlay.bridge.zoom;

import com.zoomoverlay.bridge.events.EventKeys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZoomFrameDecoderTest {

    private final ZoomFrameDecoder decoder = new ZoomFrameDecoder(1024);

    private static String message(String content) {
        return "{\"module\":\"message\",\"content\":" + quoted(content) + "}";
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void double_encoded_event_is_unwrapped_with_its_routing_fields() {
        String event = "{\"event\":\"meeting.participant_joined\",\"event_ts\":1700000000123,\"extra\":1,"
                + "\"payload\":{\"account_id\":\"acc\",\"object\":{\"id\":85746065432,\"uuid\":\"u==\"}}}";
        ZoomFrame.Event decoded = (ZoomFrame.Event) decoder.decode(message(event));
        assertThat(decoded.body()).isEqualTo("{\"event\":\"meeting.participant_joined\",\"event_ts\":1700000000123,"
                + "\"payload\":{\"account_id\":\"acc\",\"object\":{\"id\":85746065432,\"uuid\":\"u==\"}}}");
        assertThat(decoded.type()).isEqualTo("meeting.participant_joined");
        assertThat(decoded.accountId()).isEqualTo("acc");
        assertThat(decoded.meetingId()).isEqualTo("85746065432");
        assertThat(decoded.eventTs()).isEqualTo(1700000000123L);
        assertThat(decoded.hash()).hasSize(64).isEqualTo(EventKeys.eventId(decoded.body()));
    }

    @Test
    void control_frames_are_recognised() {
        assertThat(decoder.decode("{\"module\":\"build_connection\",\"success\":true}"))
                .isEqualTo(new ZoomFrame.BuildConnection(true));
        assertThat(decoder.decode("{\"module\":\"build_connection\",\"success\":false}"))
                .isEqualTo(new ZoomFrame.BuildConnection(false));
        assertThat(decoder.decode("{\"module\":\"heartbeat\",\"success\":true}")).isEqualTo(new ZoomFrame.HeartbeatReply());
    }

    @Test
    void bad_frames_are_rejected_by_kind_never_thrown() {
        assertThat(decoder.decode("not json {")).isEqualTo(new ZoomFrame.Rejected(ZoomFrame.Kind.NOT_JSON));
        assertThat(decoder.decode("[1,2]")).isEqualTo(new ZoomFrame.Rejected(ZoomFrame.Kind.NOT_JSON));
        assertThat(decoder.decode("{\"module\":\"surprise\"}")).isEqualTo(new ZoomFrame.Rejected(ZoomFrame.Kind.UNKNOWN_MODULE));
        assertThat(decoder.decode(message("nope"))).isEqualTo(new ZoomFrame.Rejected(ZoomFrame.Kind.CONTENT_NOT_JSON));
        assertThat(decoder.decode("{\"module\":\"message\"}")).isEqualTo(new ZoomFrame.Rejected(ZoomFrame.Kind.CONTENT_NOT_JSON));
        assertThat(decoder.decode(message("{\"payload\":{}}"))).isEqualTo(new ZoomFrame.Rejected(ZoomFrame.Kind.NOT_AN_EVENT));
        assertThat(decoder.decode(message("{\"event\":\"x\",\"pad\":\"" + "é".repeat(600) + "\"}")))
                .isEqualTo(new ZoomFrame.Rejected(ZoomFrame.Kind.OVERSIZED));
    }

    @Test
    void the_same_event_always_hashes_the_same_and_different_events_differently() {
        String a = message("{\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":{}}");
        String b = message("{\"event\":\"meeting.started\",\"event_ts\":2,\"payload\":{}}");
        assertThat(((ZoomFrame.Event) decoder.decode(a)).hash()).isEqualTo(((ZoomFrame.Event) decoder.decode(a)).hash());
        assertThat(((ZoomFrame.Event) decoder.decode(a)).hash()).isNotEqualTo(((ZoomFrame.Event) decoder.decode(b)).hash());
    }

    @Test
    void the_id_ignores_spacing_key_order_and_the_envelope_so_a_webhook_copy_gets_the_same_one() {
        String compact = "{\"event\":\"meeting.started\",\"event_ts\":5,\"payload\":{\"account_id\":\"a\",\"object\":{\"id\":\"1\",\"uuid\":\"u\"}}}";
        String reordered = "{ \"payload\": {\"object\": {\"uuid\": \"u\", \"id\": \"1\"}, \"account_id\": \"a\"},"
                + " \"event_ts\": 5, \"event\": \"meeting.started\", \"download_token\": \"t\" }";
        String hash = ((ZoomFrame.Event) decoder.decode(message(compact))).hash();
        assertThat(EventKeys.eventId(reordered)).isEqualTo(hash);
        assertThat(((ZoomFrame.Event) decoder.decode(message(reordered))).hash()).isEqualTo(hash);
    }
}
