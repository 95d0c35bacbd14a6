package com.zoomoverlay.bridge.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.vertx.core.json.JsonObject;

/**
 * The scripted meeting the simulated Zoom plays: a meeting starts, people join, chat and leave, the
 * meeting ends and the next one begins. Each call to {@link #next()} is one event in Zoom's own
 * shape ({@code event}, {@code event_ts} in ms, {@code payload.account_id}, {@code payload.object}).
 */
public final class SimulatedMeetingStory {

    private static final List<String> PEOPLE = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Hedy Lamarr");
    private static final List<String> LINES = List.of(
            "Hello from the studio!", "Can everyone see the slides?", "Great question.", "Thanks, see you next week.");

    private final Clock clock;
    private final String accountId;
    private long meetingNumber = 85_746_065_000L;
    private int step;
    private long sequence;

    public SimulatedMeetingStory(Clock clock, String accountId) {
        this.clock = clock;
        this.accountId = accountId;
    }

    /** The next event of the story, as the JSON text Zoom puts in a frame's {@code content}. */
    public synchronized String next() {
        sequence++;
        int people = PEOPLE.size();
        // started, (join, chat) per person, leave per person, ended
        int length = 2 + 3 * people;
        int at = step % length;
        step++;
        JsonObject event;
        if (at == 0) {
            meetingNumber++;
            event = event("meeting.started", meeting());
        } else if (at <= 2 * people) {
            int person = (at - 1) / 2;
            event = at % 2 == 1
                    ? event("meeting.participant_joined", meeting().put("participant", participant(person, "join_time")))
                    : event("meeting.chat_message_sent", meeting().put("chat_message", chat(person)));
        } else if (at < length - 1) {
            int person = at - 1 - 2 * people;
            event = event("meeting.participant_left", meeting().put("participant", participant(person, "leave_time")));
        } else {
            event = event("meeting.ended", meeting().put("end_time", now()));
        }
        return event.encode();
    }

    private JsonObject event(String type, JsonObject object) {
        return new JsonObject()
                .put("event", type)
                .put("event_ts", clock.millis())
                .put("payload", new JsonObject().put("account_id", accountId).put("object", object));
    }

    private JsonObject meeting() {
        return new JsonObject()
                .put("id", String.valueOf(meetingNumber))
                .put("uuid", "sim-meeting-" + meetingNumber + "==")
                .put("host_id", "sim-host-1")
                .put("topic", "Simulated live show")
                .put("type", 2)
                .put("start_time", now())
                .put("timezone", "UTC")
                .put("duration", 60);
    }

    private JsonObject participant(int person, String timeField) {
        String name = PEOPLE.get(person);
        return new JsonObject()
                .put("user_id", String.valueOf(16_778_240 + person))
                .put("user_name", name)
                .put("id", "sim-user-" + person)
                .put("participant_uuid", "sim-participant-" + meetingNumber + "-" + person)
                .put(timeField, now())
                .put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
    }

    private JsonObject chat(int person) {
        return new JsonObject()
                .put("id", "sim-chat-" + sequence)
                .put("message_id", "sim-chat-" + sequence)
                .put("sender_name", PEOPLE.get(person))
                .put("sender_type", "participant")
                .put("date_time", now())
                .put("message", LINES.get(person % LINES.size()) + " (#" + sequence + ")");
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
