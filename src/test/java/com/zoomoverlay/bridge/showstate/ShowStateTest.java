package com.zoomoverlay.bridge.showstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zoomoverlay.bridge.json.Json;
import org.junit.jupiter.api.Test;

/** The state model over event sequences, the awkward orders included. */
class ShowStateTest {

    private final ShowState state = new ShowState();

    @Test
    void a_meeting_starts_people_join_and_leave_and_it_goes_with_its_end() {
        apply(started("m1", "u1", 1000));
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        apply(joined("m1", "u1", "p-grace", "Grace", 1200));
        apply(left("m1", "u1", "p-ada", 1300));
        Map<String, Object> m = state.view("m1").orElseThrow();
        assertThat(m).containsEntry("id", "m1").containsEntry("uuid", "u1").containsEntry("topic", "Show")
                .containsEntry("startedAt", "1970-01-01T00:00:01Z");
        assertThat(names("m1")).containsExactly("Grace");
        apply(ended("m1", "u1", 1400));
        assertThat(state.view()).isEmpty();
    }

    @Test
    void the_first_participant_event_makes_the_meeting_appear_without_a_start() {
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        assertThat(state.view("m1").orElseThrow()).containsEntry("startedAt", null);
        assertThat(names("m1")).containsExactly("Ada");
    }

    @Test
    void a_duplicate_join_counts_once_and_a_rejoin_after_a_leave_is_back() {
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        apply(joined("m1", "u1", "p-ada", "Ada L.", 1150));
        assertThat(names("m1")).containsExactly("Ada L.");
        apply(left("m1", "u1", "p-ada", 1200));
        apply(joined("m1", "u1", "p-ada", "Ada", 1300));
        assertThat(names("m1")).containsExactly("Ada");
    }

    @Test
    void out_of_order_events_end_as_if_they_had_come_in_order() {
        // the leave of the first session arrives after the join of the second
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        apply(joined("m1", "u1", "p-ada", "Ada", 1300));
        apply(left("m1", "u1", "p-ada", 1200));
        assertThat(names("m1")).containsExactly("Ada");
        // a leave without a join, then the older join: still gone
        apply(left("m1", "u1", "p-bob", 1500));
        apply(joined("m1", "u1", "p-bob", "Bob", 1400));
        assertThat(names("m1")).containsExactly("Ada");
    }

    @Test
    void a_late_event_of_an_ended_meeting_does_not_bring_it_back_but_the_next_occurrence_starts_fresh() {
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        apply(ended("m1", "u1", 1500));
        apply(joined("m1", "u1", "p-bob", "Bob", 1400));
        apply(left("m1", "u1", "p-ada", 1600));
        assertThat(state.view()).isEmpty();
        apply(started("m1", "u2", 2000));
        apply(joined("m1", "u2", "p-cy", "Cy", 2100));
        assertThat(state.view("m1").orElseThrow()).containsEntry("uuid", "u2");
        assertThat(names("m1")).containsExactly("Cy");
    }

    @Test
    void a_missed_end_is_replaced_by_the_next_occurrence() {
        apply(started("m1", "u1", 1000));
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        apply(started("m1", "u2", 5000));
        assertThat(state.view("m1").orElseThrow()).containsEntry("uuid", "u2");
        assertThat(names("m1")).isEmpty();
    }

    @Test
    void participant_key_is_the_first_of_participant_uuid_user_id_id_user_name() {
        ObjectNode p = Json.MAPPER.createObjectNode().put("user_name", "Ada");
        assertThat(ShowState.participantKey(p)).isEqualTo("Ada");
        p.put("id", "i");
        assertThat(ShowState.participantKey(p)).isEqualTo("i");
        p.put("user_id", "u");
        assertThat(ShowState.participantKey(p)).isEqualTo("u");
        p.put("participant_uuid", "pu");
        assertThat(ShowState.participantKey(p)).isEqualTo("pu");
    }

    @Test
    void sharing_and_chat_are_kept_and_who_leaves_stops_sharing() {
        apply(joined("m1", "u1", "p-ada", "Ada", 1100));
        apply(event("meeting.sharing_started", "m1", "u1", 1200, o -> o.putObject("participant")
                .put("participant_uuid", "p-ada").put("user_name", "Ada")));
        for (int i = 0; i < 25; i++) {
            int n = i;
            apply(event("meeting.chat_message_sent", "m1", "u1", 2000 + i, o -> o.putObject("chat_message")
                    .put("id", "c" + n).put("sender_name", "Ada").put("message", "line " + n)));
        }
        apply(event("meeting.chat_message_sent", "m1", "u1", 2024, o -> o.putObject("chat_message")
                .put("id", "c24").put("sender_name", "Ada").put("message", "line 24")));
        Map<String, Object> m = state.view("m1").orElseThrow();
        assertThat(m.get("sharing")).isEqualTo(Map.of("id", "p-ada", "name", "Ada", "since", "1970-01-01T00:00:01.200Z"));
        List<?> chat = (List<?>) m.get("chat");
        assertThat(chat).hasSize(Meeting.MAX_CHAT);
        assertThat(((Map<?, ?>) chat.get(chat.size() - 1)).get("message")).isEqualTo("line 24");
        apply(left("m1", "u1", "p-ada", 3000));
        assertThat(state.view("m1").orElseThrow().get("sharing")).isNull();
    }

    @Test
    void webinars_are_kept_and_bridge_events_change_nothing() {
        apply(event("webinar.participant_joined", "w1", "wu", 1000, o -> o.putObject("participant").put("user_id", "7")
                .put("user_name", "Hedy")));
        assertThat(state.view("w1").orElseThrow()).containsEntry("kind", "webinar");
        ObjectNode gap = Json.MAPPER.createObjectNode().put("event", "bridge.gap").put("event_ts", 2000);
        gap.putObject("payload").put("from", "1970-01-01T00:00:01Z").put("to", "1970-01-01T00:00:02Z").put("reason", "drop");
        assertThat(state.apply(gap)).isEmpty();
        assertThat(state.apply(Json.MAPPER.createObjectNode().put("event", "meeting.participant_joined"))).isEmpty();
    }

    @Test
    void applying_a_sequence_twice_gives_the_same_state_and_the_stored_form_reads_back_the_same() throws Exception {
        List<JsonNode> story = List.of(started("m1", "u1", 1000), joined("m1", "u1", "a", "A", 1100),
                joined("m1", "u1", "b", "B", 1200), left("m1", "u1", "a", 1300), joined("m2", "v", "c", "C", 1400),
                ended("m3", "x", 1500));
        story.forEach(this::apply);
        String once = Json.MAPPER.writeValueAsString(state.view());
        story.forEach(this::apply);
        assertThat(Json.MAPPER.writeValueAsString(state.view())).isEqualTo(once);
        ShowState copy = state.copy();
        assertThat(Json.MAPPER.writeValueAsString(copy.view())).isEqualTo(once);
        for (Meeting m : state.meetings()) {
            Meeting back = ShowStateStore.decode(m.id, Json.MAPPER.readTree(ShowStateStore.encode(m)));
            assertThat(back.view()).isEqualTo(m.view());
        }
    }

    @Test
    void idle_meetings_expire() {
        apply(joined("m1", "u1", "a", "A", 1000));
        apply(joined("m2", "u2", "b", "B", 5000));
        assertThat(state.expireIdle(2000)).containsExactly("m1");
        assertThat(state.view()).hasSize(1);
    }

    @Test
    void the_simulators_scripted_meeting_fills_the_state_and_its_end_empties_it() throws Exception {
        var story = new com.zoomoverlay.bridge.simulator.SimulatedMeetingStory(
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-01T20:00:00Z"), java.time.ZoneOffset.UTC), "acc");
        Set<String> userIds = new HashSet<>();
        String meetingId = null;
        for (int i = 0; i < 12; i++) {
            JsonNode event = Json.MAPPER.readTree(story.next());
            // a fixed clock gives every event the same time: order them as Zoom's clock would
            ((ObjectNode) event).put("event_ts", 1_000 + i);
            meetingId = event.path("payload").path("object").path("id").asText();
            if (event.path("event").asText().endsWith("participant_joined")) {
                assertThat(userIds.add(event.path("payload").path("object").path("participant").path("user_id").asText()))
                        .as("each join has its own user_id").isTrue();
            }
            apply(event);
        }
        assertThat(names(meetingId)).containsExactly("Ada Lovelace", "Grace Hopper", "Alan Turing", "Hedy Lamarr");
        assertThat(userIds).hasSize(5);
        Map<String, Object> m = state.view(meetingId).orElseThrow();
        assertThat(((Map<?, ?>) m.get("sharing")).get("name")).isEqualTo("Grace Hopper");
        assertThat((List<?>) m.get("chat")).hasSize(4);
        for (int i = 12; i < com.zoomoverlay.bridge.simulator.SimulatedMeetingStory.meetingLength(); i++) {
            JsonNode event = Json.MAPPER.readTree(story.next());
            ((ObjectNode) event).put("event_ts", 1_000 + i);
            apply(event);
            if (i == 12) {
                assertThat(state.view(meetingId).orElseThrow().get("sharing")).isNull();
            }
        }
        assertThat(state.view()).isEmpty();
    }

    private List<Object> names(String id) {
        return ((List<?>) state.view(id).orElseThrow().get("participants")).stream()
                .map(p -> ((Map<?, ?>) p).get("name")).map(Object.class::cast).toList();
    }

    private void apply(JsonNode event) {
        state.apply(event);
    }

    static JsonNode started(String id, String uuid, long ts) {
        return event("meeting.started", id, uuid, ts, o -> o.put("start_time", java.time.Instant.ofEpochMilli(ts).toString()));
    }

    static JsonNode ended(String id, String uuid, long ts) {
        return event("meeting.ended", id, uuid, ts, o -> { });
    }

    static JsonNode joined(String id, String uuid, String key, String name, long ts) {
        return event("meeting.participant_joined", id, uuid, ts, o -> o.putObject("participant")
                .put("participant_uuid", key).put("user_name", name).put("join_time", java.time.Instant.ofEpochMilli(ts).toString()));
    }

    static JsonNode left(String id, String uuid, String key, long ts) {
        return event("meeting.participant_left", id, uuid, ts, o -> o.putObject("participant").put("participant_uuid", key));
    }

    static JsonNode event(String type, String id, String uuid, long ts, java.util.function.Consumer<ObjectNode> object) {
        ObjectNode e = Json.MAPPER.createObjectNode().put("event", type).put("event_ts", ts);
        ObjectNode o = e.putObject("payload").put("account_id", "acc").putObject("object");
        o.put("id", id).put("uuid", uuid).put("topic", "Show");
        object.accept(o);
        return e;
    }

    @Test
    void zoom_times_read_without_a_formatter_match_instant_parse_and_anything_else_falls_back() {
        for (String t : List.of("2026-12-02T13:49:59Z", "2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z",
                "2026-12-02T13:49:59.5Z", "2026-12-02T13:49:59.12Z", "2026-12-02T13:49:59.123Z", "2026-12-02T13:49:59.123456Z",
                "2026-12-02T13:49:59.999999999Z", "2026-12-02T13:49:59.000Z")) {
            assertThat(ShowState.utcMillis(t)).as(t).isEqualTo(java.time.Instant.parse(t).toEpochMilli());
        }
        for (String t : List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T13:49:59.Z",
                "2026-12-02T13:49:59.1234567890Z", "2026-12-02T13:49:59,5Z", "2026-12-02T13:49:59.5xZ",
                "2026-12-02 13:49:59Z", "2026-12-02T13:49:5xZ", "2026-12-02T13:49:59+01:00", "")) {
            assertThat(ShowState.utcMillis(t)).as(t).isEqualTo(Long.MIN_VALUE);
        }
    }
}
