package com.zoomoverlay.bridge.showstate;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.store.Jdbc;

/**
 * The show state in the store ({@code show_meeting}): each meeting an event changed is written inside
 * that event's batch transaction, so what a restarted or newly leading replica loads is exactly the
 * state of the events it had routed.
 */
final class ShowStateStore {

    private static final String LIVE = "live";
    private static final String ENDED = "ended";

    private final Jdbc jdbc;

    ShowStateStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the current form of each of {@code ids} (live, ended, or gone) as {@code state} has it. */
    void write(Jdbc.Tx tx, ShowState state, Collection<String> ids) throws SQLException {
        for (String id : ids) {
            var live = state.meeting(id);
            var ended = state.endedMeeting(id);
            if (live.isPresent()) {
                upsert(tx, id, LIVE, encode(live.get()), live.get().lastEventAt);
            } else if (ended.isPresent()) {
                ObjectNode body = Json.MAPPER.createObjectNode().put("uuid", ended.get().uuid()).put("at", ended.get().at());
                upsert(tx, id, ENDED, body.toString(), ended.get().at());
            } else {
                tx.update("DELETE FROM show_meeting WHERE meeting_id = ?", id);
            }
        }
    }

    /** Drops rows with no event since {@code cutoff} (a meeting whose end was missed, an old end). */
    int deleteIdle(long cutoff) {
        return jdbc.update("DELETE FROM show_meeting WHERE last_event_at < ?", cutoff);
    }

    ShowState load() {
        ShowState state = new ShowState();
        List<Object[]> rows = jdbc.query("SELECT meeting_id, status, body FROM show_meeting ORDER BY last_event_at",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        for (Object[] row : rows) {
            String id = (String) row[0];
            JsonNode body;
            try {
                body = Json.MAPPER.readTree((String) row[2]);
            } catch (Exception e) {
                continue; // cannot happen with rows this class wrote; a broken row must not stop the bridge
            }
            if (ENDED.equals(row[1])) {
                state.putEnded(id, new ShowState.Ended(ShowState.text(body.path("uuid")), body.path("at").asLong()));
            } else {
                state.put(decode(id, body));
            }
        }
        return state;
    }

    private static void upsert(Jdbc.Tx tx, String id, String status, String body, long lastEventAt) throws SQLException {
        if (tx.update("UPDATE show_meeting SET status = ?, body = ?, last_event_at = ? WHERE meeting_id = ?",
                status, body, lastEventAt, id) == 0) {
            tx.update("INSERT INTO show_meeting (meeting_id, status, body, last_event_at) VALUES (?, ?, ?, ?)",
                    id, status, body, lastEventAt);
        }
    }

    static String encode(Meeting m) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kind", m.kind).put("uuid", m.uuid).put("topic", m.topic).put("lastEventAt", m.lastEventAt)
                .put("truncated", m.truncated).put("sharingChangedAt", m.sharingChangedAt);
        if (m.startedAt != null) {
            o.put("startedAt", m.startedAt);
        }
        if (m.sharing != null) {
            o.putObject("sharing").put("key", m.sharing.key()).put("name", m.sharing.name()).put("since", m.sharing.since());
        }
        ArrayNode people = o.putArray("participants");
        m.participants.values().forEach(p -> people.addArray().add(p.key()).add(p.name()).add(p.joinedAt()).add(p.changedAt()));
        ArrayNode departed = o.putArray("departed");
        m.departed.forEach((key, at) -> departed.addArray().add(key).add(at));
        ArrayNode chat = o.putArray("chat");
        m.chat.forEach(c -> chat.addArray().add(c.id()).add(c.sender()).add(c.message()).add(c.at()));
        return o.toString();
    }

    static Meeting decode(String id, JsonNode o) {
        Meeting m = new Meeting(id, o.path("kind").asText("meeting"));
        m.uuid = ShowState.text(o.path("uuid"));
        m.topic = ShowState.text(o.path("topic"));
        m.lastEventAt = o.path("lastEventAt").asLong();
        m.truncated = o.path("truncated").asBoolean();
        m.sharingChangedAt = o.path("sharingChangedAt").asLong(Long.MIN_VALUE);
        m.startedAt = o.hasNonNull("startedAt") ? o.path("startedAt").asLong() : null;
        JsonNode s = o.path("sharing");
        if (s.isObject()) {
            m.sharing = new Meeting.Sharing(s.path("key").asText(), s.path("name").asText(), s.path("since").asLong());
        }
        for (JsonNode p : o.path("participants")) {
            m.participants.put(p.get(0).asText(), new Meeting.Participant(p.get(0).asText(), p.get(1).asText(),
                    p.get(2).asLong(), p.get(3).asLong()));
        }
        for (JsonNode d : o.path("departed")) {
            m.departed.put(d.get(0).asText(), d.get(1).asLong());
        }
        for (JsonNode c : o.path("chat")) {
            m.chat.add(new Meeting.Chat(c.get(0).asText(), c.get(1).asText(), c.get(2).asText(), c.get(3).asLong()));
        }
        return m;
    }
}
