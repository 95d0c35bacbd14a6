package com.zoomoverlay.bridge.showstate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The show state: the live meetings and webinars, built from accepted events in stream order. A meeting
 * appears with {@code *.started} or its first participant event and goes with {@code *.ended}; an ended
 * meeting is remembered for a while so a late event of it does not bring it back. {@link #apply} is
 * idempotent and deterministic (it reads only the event), so two copies fed the same events agree.
 * Not thread-safe.
 */
final class ShowState {

    static final int MAX_MEETINGS = 500;
    static final int MAX_ENDED = 1_000;

    /** An ended meeting: its occurrence and when it ended. */
    record Ended(String uuid, long at) {
    }

    private final Map<String, Meeting> meetings = new LinkedHashMap<>();
    private final Map<String, Ended> ended = new LinkedHashMap<>();

    ShowState copy() {
        ShowState s = new ShowState();
        meetings.forEach((id, m) -> s.meetings.put(id, m.copy()));
        s.ended.putAll(ended);
        return s;
    }

    /** Takes meeting {@code id} (live or recently ended) as {@code from} has it, in place of its own. */
    void adopt(ShowState from, String id) {
        meetings.remove(id);
        ended.remove(id);
        Meeting m = from.meetings.get(id);
        if (m != null) {
            meetings.put(id, m.copy());
        }
        Ended e = from.ended.get(id);
        if (e != null) {
            ended.put(id, e);
        }
    }

    /** Applies one event; answers the id of the meeting it changed (or ended), empty when it changed nothing. */
    Optional<String> apply(JsonNode event) {
        String type = event.path("event").asText("");
        int dot = type.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String kind = type.substring(0, dot);
        String action = type.substring(dot + 1);
        if (!kind.equals("meeting") && !kind.equals("webinar")) {
            return Optional.empty(); // bridge.gap, bridge.snapshot and other families say nothing about who is in
        }
        JsonNode object = event.path("payload").path("object");
        String id = text(object.path("id"));
        JsonNode tsNode = event.path("event_ts");
        if (id == null || !tsNode.canConvertToLong()) {
            return Optional.empty();
        }
        long ts = tsNode.asLong();
        String uuid = text(object.path("uuid"));
        if (action.equals("ended")) {
            return ended(id, uuid, ts) ? Optional.of(id) : Optional.empty();
        }
        boolean starts = action.equals("started");
        if (!starts && !action.startsWith("participant_") && !action.startsWith("sharing_")
                && !action.equals("chat_message_sent")) {
            return Optional.empty();
        }
        Meeting m = live(id, kind, uuid, ts, starts);
        if (m == null) {
            return Optional.empty();
        }
        m.lastEventAt = Math.max(m.lastEventAt, ts);
        String topic = text(object.path("topic"));
        if (topic != null && !topic.isEmpty()) {
            m.topic = topic;
        }
        if (uuid != null && m.uuid == null) {
            m.uuid = uuid;
        }
        if (starts) {
            m.startedAt = time(object.path("start_time"), ts);
        }
        JsonNode participant = object.path("participant");
        String key = participantKey(participant);
        switch (action) {
            case "participant_joined" -> {
                if (key != null) {
                    m.joined(key, name(participant), ts, time(participant.path("join_time"), ts));
                }
            }
            case "participant_left" -> {
                if (key != null) {
                    m.left(key, ts);
                }
            }
            case "sharing_started" -> {
                if (key != null) {
                    m.sharingStarted(key, name(participant), ts);
                }
            }
            case "sharing_ended" -> m.sharingEnded(key, ts);
            case "chat_message_sent" -> chat(m, object.path("chat_message"), event, ts);
            default -> { }
        }
        return Optional.of(id);
    }

    /** The meeting an event belongs to, created if it is new; null when the event is of an ended occurrence. */
    private Meeting live(String id, String kind, String uuid, long ts, boolean starts) {
        Ended gone = ended.get(id);
        if (gone != null) {
            boolean sameOccurrence = uuid == null || gone.uuid() == null || uuid.equals(gone.uuid());
            if (ts <= gone.at() || (sameOccurrence && !starts)) {
                return null;
            }
            ended.remove(id);
        }
        Meeting m = meetings.get(id);
        if (m != null && starts && uuid != null && m.uuid != null && !uuid.equals(m.uuid) && ts > m.lastEventAt) {
            m = null; // the next occurrence started: the previous one's end was missed
        }
        if (m == null) {
            m = new Meeting(id, kind);
            m.uuid = uuid;
            meetings.put(id, m);
            if (meetings.size() > MAX_MEETINGS) {
                dropLeastActive();
            }
        }
        return m;
    }

    private boolean ended(String id, String uuid, long ts) {
        Meeting m = meetings.get(id);
        if (m != null && uuid != null && m.uuid != null && !uuid.equals(m.uuid) && ts < m.lastEventAt) {
            return false; // the end of an earlier occurrence, arriving late
        }
        Ended before = ended.get(id);
        if (before != null && before.at() >= ts && m == null) {
            return false;
        }
        meetings.remove(id);
        ended.remove(id);
        ended.put(id, new Ended(uuid != null ? uuid : m == null ? null : m.uuid, ts));
        if (ended.size() > MAX_ENDED) {
            Iterator<String> oldest = ended.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private static void chat(Meeting m, JsonNode chat, JsonNode event, long ts) {
        String message = text(chat.path("message"));
        if (message == null) {
            return;
        }
        String id = text(chat.path("message_id"));
        if (id == null) {
            id = text(chat.path("id"));
        }
        if (id == null) {
            id = ts + ":" + message.hashCode();
        }
        m.chatted(new Meeting.Chat(id, sender(chat), message, time(chat.path("date_time"), ts)));
    }

    private void dropLeastActive() {
        String oldest = null;
        long at = Long.MAX_VALUE;
        for (Meeting m : meetings.values()) {
            if (m.lastEventAt < at) {
                at = m.lastEventAt;
                oldest = m.id;
            }
        }
        meetings.remove(oldest);
    }

    /** Drops meetings with no event since {@code cutoff} (their end was missed); answers their ids. */
    Set<String> expireIdle(long cutoff) {
        Set<String> gone = new TreeSet<>();
        meetings.values().removeIf(m -> {
            if (m.lastEventAt < cutoff) {
                gone.add(m.id);
                return true;
            }
            return false;
        });
        ended.values().removeIf(e -> e.at() < cutoff);
        return gone;
    }

    /** Every live meeting, most recently started first, as the contract's {@code M}. */
    List<Map<String, Object>> view() {
        List<Meeting> live = new ArrayList<>(meetings.values());
        live.sort((a, b) -> Long.compare(b.lastEventAt, a.lastEventAt));
        List<Map<String, Object>> out = new ArrayList<>(live.size());
        for (Meeting m : live) {
            out.add(m.view());
        }
        return out;
    }

    Optional<Map<String, Object>> view(String id) {
        return Optional.ofNullable(meetings.get(id)).map(Meeting::view);
    }

    Optional<Meeting> meeting(String id) {
        return Optional.ofNullable(meetings.get(id));
    }

    Optional<Ended> endedMeeting(String id) {
        return Optional.ofNullable(ended.get(id));
    }

    Collection<Meeting> meetings() {
        return meetings.values();
    }

    Map<String, Ended> endedMeetings() {
        return ended;
    }

    void put(Meeting m) {
        meetings.put(m.id, m);
    }

    void putEnded(String id, Ended e) {
        ended.put(id, e);
    }

    /** The contract's participant key: the first present of participant_uuid, user_id, id, user_name. */
    static String participantKey(JsonNode participant) {
        for (String field : List.of("participant_uuid", "user_id", "id", "user_name")) {
            String value = text(participant.path(field));
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String name(JsonNode participant) {
        String name = text(participant.path("user_name"));
        return name == null ? "" : name;
    }

    private static String sender(JsonNode chat) {
        JsonNode sender = chat.path("sender");
        if (sender.isObject()) {
            for (String field : List.of("name", "user_name", "display_name")) {
                String v = text(sender.path(field));
                if (v != null) {
                    return v;
                }
            }
        }
        String name = text(chat.path("sender_name"));
        if (name != null) {
            return name;
        }
        String plain = text(sender);
        return plain == null ? "" : plain;
    }

    private static long time(JsonNode iso, long fallback) {
        String text = text(iso);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        long fast = utcMillis(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /**
     * Zoom's own form, {@code 2026-12-02T13:49:59Z}, and the same with a fraction of a second
     * ({@code 13:49:59.123Z}, what Java's {@code Instant.toString()} writes), as epoch milliseconds without
     * a DateTimeFormatter (whose parse was a tenth of the intake thread's time under a chat burst);
     * {@code Long.MIN_VALUE} for any other form. A fraction is cut to milliseconds, as {@code toEpochMilli} does.
     */
    static long utcMillis(String t) {
        int length = t.length();
        if (length < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(length - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        int millis = 0;
        if (length > 20) {
            int fraction = length - 21; // between '.' and 'Z'
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return Long.MIN_VALUE;
            }
            int digits = digits(t, 20, fraction);
            if (digits < 0) {
                return Long.MIN_VALUE;
            }
            millis = fraction >= 3 ? digits / pow10(fraction - 3) : digits * pow10(3 - fraction);
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        try {
            // LocalDate checks month and day (a 29 February too)
            long seconds = java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
            return seconds * 1_000L + millis;
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int pow10(int n) {
        int value = 1;
        for (int i = 0; i < n; i++) {
            value *= 10;
        }
        return value;
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
