package com.zoomoverlay.bridge.outputs.roster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.zoomoverlay.bridge.outputs.Instructions;
import org.apache.camel.Exchange;

/**
 * Who is in each meeting, kept from the join and leave events a route passes through {@link #update}, which
 * replaces the body with the meeting's roster {@code {"meetingId","topic","participants":[{"id","name"}]}}
 * for a graphic that lists them. In memory and bounded: after a restart it fills again as people join.
 */
public final class MeetingRosters {

    private static final int MAX_MEETINGS = 200;
    private static final int MAX_PARTICIPANTS = 1_000;
    private static final Configuration LENIENT = Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

    private final Map<String, Roster> meetings = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Roster> eldest) {
            return size() > MAX_MEETINGS;
        }
    };

    private static final class Roster {
        String topic = "";
        final Map<String, String> people = new LinkedHashMap<>();
    }

    /** Applies a join, leave, start or end to its meeting and sets the body to that meeting's roster. */
    public synchronized void update(Exchange exchange) {
        DocumentContext event = JsonPath.using(LENIENT).parse(exchange.getMessage().getBody(String.class));
        String type = String.valueOf(event.<Object>read("$.event"));
        String meetingId = String.valueOf(event.<Object>read("$.payload.object.id"));
        Roster roster = meetings.computeIfAbsent(meetingId, id -> new Roster());
        Object topic = event.read("$.payload.object.topic");
        if (topic != null) {
            roster.topic = topic.toString();
        }
        String key = participantKey(event);
        if (type.endsWith(".participant_joined") && key != null && roster.people.size() < MAX_PARTICIPANTS) {
            roster.people.put(key, String.valueOf(event.<Object>read("$.payload.object.participant.user_name")));
        } else if (type.endsWith(".participant_left") && key != null) {
            roster.people.remove(key);
        } else if (type.endsWith(".ended")) {
            roster.people.clear();
        }
        List<Map<String, String>> participants = new ArrayList<>();
        roster.people.forEach((id, name) -> participants.add(Map.of("id", id, "name", name)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meetingId", meetingId);
        body.put("topic", roster.topic);
        body.put("participants", participants);
        exchange.getMessage().setBody(Instructions.write(body));
    }

    /** The contract's participant key: the first present of participant_uuid, user_id, id, user_name. */
    private static String participantKey(DocumentContext event) {
        for (String field : List.of("participant_uuid", "user_id", "id", "user_name")) {
            Object value = event.read("$.payload.object.participant." + field);
            if (value != null && !value.toString().isEmpty()) {
                return value.toString();
            }
        }
        return null;
    }
}
