package com.zoomoverlay.bridge.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.vertx.core.json.JsonObject;

/**
 * The scripted meeting the simulated Zoom plays, one event per {@link #next()} in Zoom's own shape
 * ({@code event}, {@code event_ts} in ms, {@code payload.account_id}, {@code payload.object}): a meeting
 * starts; Ada and Grace join and chat; Grace shares her screen; Alan joins, chats, drops out and rejoins;
 * Hedy joins and chats; Grace stops sharing; everyone leaves; the meeting ends and the next one begins.
 * As in Zoom, every join gets its own {@code user_id}, while {@code participant_uuid} stays the person's.
 */
public final class SimulatedMeetingStory {

    private static final List<String> PEOPLE = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Hedy Lamarr");
    private static final List<String> LINES = List.of(
            "Hello from the studio!", "Can everyone see the slides?", "Great question.", "Thanks, see you next week.");
    private static final int ADA = 0;
    private static final int GRACE = 1;
    private static final int ALAN = 2;
    private static final int HEDY = 3;

    /** One step of the story: what happens, and to whom. */
    private record Step(String type, int person) {
    }

    private static final List<Step> SCRIPT = List.of(
            new Step("meeting.started", -1),
            new Step("meeting.participant_joined", ADA),
            new Step("meeting.chat_message_sent", ADA),
            new Step("meeting.participant_joined", GRACE),
            new Step("meeting.chat_message_sent", GRACE),
            new Step("meeting.sharing_started", GRACE),
            new Step("meeting.participant_joined", ALAN),
            new Step("meeting.chat_message_sent", ALAN),
            new Step("meeting.participant_left", ALAN),
            new Step("meeting.participant_joined", ALAN),
            new Step("meeting.participant_joined", HEDY),
            new Step("meeting.chat_message_sent", HEDY),
            new Step("meeting.sharing_ended", GRACE),
            new Step("meeting.participant_left", ADA),
            new Step("meeting.participant_left", GRACE),
            new Step("meeting.participant_left", ALAN),
            new Step("meeting.participant_left", HEDY),
            new Step("meeting.ended", -1));

    private final Clock clock;
    private final String accountId;
    private final long[] sessionUserIds = new long[PEOPLE.size()];
    private long meetingNumber = 85_746_065_000L;
    private long nextUserId = 16_778_240L;
    private int step;
    private long sequence;

    public SimulatedMeetingStory(Clock clock, String accountId) {
        this.clock = clock;
        this.accountId = accountId;
    }

    /** How many events one meeting of the story has, from its start to its end. */
    public static int meetingLength() {
        return SCRIPT.size();
    }

    /** The next event of the story, as the JSON text Zoom puts in a frame's {@code content}. */
    public synchronized String next() {
        sequence++;
        Step at = SCRIPT.get(step % SCRIPT.size());
        step++;
        int person = at.person();
        JsonObject object = meeting();
        switch (at.type()) {
            case "meeting.started" -> meetingNumber++;
            case "meeting.participant_joined" -> {
                sessionUserIds[person] = nextUserId++;
                object.put("participant", participant(person, "join_time"));
            }
            case "meeting.participant_left" -> object.put("participant", participant(person, "leave_time")
                    .put("leave_reason", "left the meeting"));
            case "meeting.chat_message_sent" -> object.put("chat_message", chat(person));
            case "meeting.sharing_started", "meeting.sharing_ended" -> object.put("participant", participant(person, "date_time")
                    .put("sharing_details", new JsonObject().put("content", "application").put("source", "in_meeting")
                            .put("date_time", now())));
            default -> object.put("end_time", now());
        }
        if (at.type().equals("meeting.started")) {
            object = meeting(); // the number moved on: the new meeting's own object
        }
        return event(at.type(), object).encode();
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
                .put("user_id", String.valueOf(sessionUserIds[person]))
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
