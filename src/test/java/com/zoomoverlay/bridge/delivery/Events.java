package com.zoomoverlay.bridge.delivery;

import java.util.Map;

import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.events.EventHeaders;

/** Zoom events as the WebSocket consumer hands them to direct:zoom-accept. */
final class Events {

    private Events() {
    }

    static String join(int n, long eventTs) {
        return "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + eventTs + ",\"payload\":{\"account_id\":\"acct\","
                + "\"object\":{\"id\":\"85746065001\",\"participant\":{\"user_name\":\"Guest " + n + "\",\"id\":\"u" + n + "\"}}}}";
    }

    /** Hands the event over without waiting for it to be stored (as the WebSocket consumer does). */
    static void acceptAsync(TestBridge bridge, String event, long eventTs) {
        bridge.camel().createProducerTemplate().asyncRequestBodyAndHeaders("direct:zoom-accept", event, Map.of(
                EventHeaders.EVENT_TYPE, "meeting.participant_joined",
                EventHeaders.ACCOUNT_ID, "acct",
                EventHeaders.MEETING_ID, "85746065001",
                EventHeaders.EVENT_TS, eventTs));
    }

    static void accept(TestBridge bridge, String event, long eventTs) {
        bridge.camel().createProducerTemplate().sendBodyAndHeaders("direct:zoom-accept", event, Map.of(
                EventHeaders.EVENT_TYPE, "meeting.participant_joined",
                EventHeaders.ACCOUNT_ID, "acct",
                EventHeaders.MEETING_ID, "85746065001",
                EventHeaders.EVENT_TS, eventTs));
    }
}
