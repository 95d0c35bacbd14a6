package com.zoomoverlay.bridge.outputs.roster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import com.zoomoverlay.bridge.showstate.LiveMeetings;
import org.apache.camel.Exchange;

/**
 * Who is in the meeting of each event a route passes through {@link #update}, which replaces the body
 * with that meeting's roster {@code {"meetingId","topic","participants":[{"id","name"}]}} for a graphic
 * that lists them. It reads the bridge's one show state ({@link LiveMeetings}, docs/show-state.md)
 * instead of counting joins itself, so after a restart or a failover the roster is still whole, and it
 * follows the same rules for repeated, late and out-of-order events as {@code /api/meetings}.
 */
public final class MeetingRosters {

    private static final Configuration LENIENT = Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

    private volatile LiveMeetings meetings;

    /** Applies the event to its meeting and sets the body to that meeting's roster (empty once it ended). */
    public void update(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        Optional<Map<String, Object>> meeting = meetings(exchange).afterEvent(body);
        DocumentContext event = JsonPath.using(LENIENT).parse(body);
        Object topic = meeting.map(m -> m.get("topic")).orElse(null);
        if (topic == null) {
            topic = event.read("$.payload.object.topic");
        }
        List<Map<String, String>> participants = new ArrayList<>();
        meeting.map(m -> (List<?>) m.get("participants")).orElse(List.of()).forEach(p -> {
            Map<?, ?> person = (Map<?, ?>) p;
            participants.add(Map.of("id", String.valueOf(person.get("id")), "name", String.valueOf(person.get("name"))));
        });
        Map<String, Object> roster = new LinkedHashMap<>();
        roster.put("meetingId", String.valueOf(event.<Object>read("$.payload.object.id")));
        roster.put("topic", topic == null ? "" : topic.toString());
        roster.put("participants", participants);
        exchange.getMessage().setBody(Instructions.write(roster));
    }

    private LiveMeetings meetings(Exchange exchange) {
        LiveMeetings current = meetings;
        if (current == null) {
            synchronized (this) {
                if (meetings == null) {
                    meetings = LiveMeetings.of(exchange.getContext());
                }
                current = meetings;
            }
        }
        return current;
    }
}
