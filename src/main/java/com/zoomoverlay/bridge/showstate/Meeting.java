package com.zoomoverlay.bridge.showstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One live meeting or webinar as the show sees it: who is in it now, who shares, the last chat lines.
 * Every change is decided by the events' own timestamps, so a repeated, late or out-of-order event
 * leaves it as it would be had the events come in order. Not thread-safe: {@link ShowState} guards it.
 */
final class Meeting {

    static final int MAX_PARTICIPANTS = 2_000;
    /** Who left, kept so a late join from before the leave does not bring them back. */
    static final int MAX_DEPARTED = 2_000;
    static final int MAX_CHAT = 20;

    record Participant(String key, String name, long joinedAt, long changedAt) {
    }

    record Sharing(String key, String name, long since) {
    }

    record Chat(String id, String sender, String message, long at) {
    }

    final String id;
    String kind;
    String uuid;
    String topic;
    Long startedAt;
    long lastEventAt;
    boolean truncated;
    Sharing sharing;
    /** When sharing last changed, so an older start/stop does not undo a newer one. */
    long sharingChangedAt = Long.MIN_VALUE;
    final Map<String, Participant> participants = new LinkedHashMap<>();
    final Map<String, Long> departed = new LinkedHashMap<>();
    final List<Chat> chat = new ArrayList<>();

    Meeting(String id, String kind) {
        this.id = id;
        this.kind = kind;
    }

    Meeting copy() {
        Meeting m = new Meeting(id, kind);
        m.uuid = uuid;
        m.topic = topic;
        m.startedAt = startedAt;
        m.lastEventAt = lastEventAt;
        m.truncated = truncated;
        m.sharing = sharing;
        m.sharingChangedAt = sharingChangedAt;
        m.participants.putAll(participants);
        m.departed.putAll(departed);
        m.chat.addAll(chat);
        return m;
    }

    void joined(String key, String name, long at, long joinedAt) {
        Long left = departed.get(key);
        if (left != null && left >= at) {
            return; // a join from before their latest leave
        }
        Participant present = participants.get(key);
        if (present != null && present.changedAt() >= at) {
            return; // a repeat, or older than what we know
        }
        if (present == null && participants.size() >= MAX_PARTICIPANTS) {
            truncated = true;
            return;
        }
        departed.remove(key);
        participants.put(key, new Participant(key, name, joinedAt, at));
    }

    void left(String key, long at) {
        Participant present = participants.get(key);
        if (present != null && present.changedAt() > at) {
            return; // the leave of an earlier session: they are back since
        }
        participants.remove(key);
        Long before = departed.get(key);
        departed.put(key, before == null ? at : Math.max(before, at));
        if (departed.size() > MAX_DEPARTED) {
            Iterator<String> oldest = departed.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (sharing != null && sharing.key().equals(key) && sharingChangedAt <= at) {
            sharing = null;
            sharingChangedAt = at;
        }
    }

    void sharingStarted(String key, String name, long at) {
        if (at >= sharingChangedAt) {
            sharing = new Sharing(key, name, at);
            sharingChangedAt = at;
        }
    }

    void sharingEnded(String key, long at) {
        if (at >= sharingChangedAt && (sharing == null || key == null || sharing.key().equals(key))) {
            sharing = null;
            sharingChangedAt = at;
        }
    }

    void chatted(Chat line) {
        for (Chat c : chat) {
            if (c.id().equals(line.id())) {
                return;
            }
        }
        int at = chat.size();
        while (at > 0 && chat.get(at - 1).at() > line.at()) {
            at--;
        }
        chat.add(at, line);
        while (chat.size() > MAX_CHAT) {
            chat.remove(0);
        }
    }

    /** The contract's {@code M}: id, uuid, topic, startedAt, participants, then what the show adds. */
    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("uuid", uuid);
        m.put("topic", topic);
        m.put("startedAt", startedAt == null ? null : iso(startedAt));
        List<Map<String, Object>> people = new ArrayList<>(participants.size());
        participants.values().stream()
                .sorted((a, b) -> a.joinedAt() != b.joinedAt() ? Long.compare(a.joinedAt(), b.joinedAt()) : a.key().compareTo(b.key()))
                .forEach(p -> {
                    Map<String, Object> person = new LinkedHashMap<>();
                    person.put("id", p.key());
                    person.put("name", p.name());
                    person.put("joinedAt", iso(p.joinedAt()));
                    people.add(person);
                });
        m.put("participants", people);
        m.put("kind", kind);
        m.put("participantCount", participants.size());
        m.put("truncated", truncated);
        if (sharing == null) {
            m.put("sharing", null);
        } else {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", sharing.key());
            s.put("name", sharing.name());
            s.put("since", iso(sharing.since()));
            m.put("sharing", s);
        }
        List<Map<String, Object>> lines = new ArrayList<>(chat.size());
        for (Chat c : chat) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", c.id());
            line.put("sender", c.sender());
            line.put("message", c.message());
            line.put("at", iso(c.at()));
            lines.add(line);
        }
        m.put("chat", lines);
        m.put("lastEventAt", iso(lastEventAt));
        return m;
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
