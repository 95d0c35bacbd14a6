package com.zoomoverlay.bridge.showstate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.accept.BatchWriter;
import com.zoomoverlay.bridge.accept.IncomingEvent;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.overlay.OverlayFeed;
import com.zoomoverlay.bridge.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the show state in two copies fed the same events in the same order. The <em>working</em> copy
 * belongs to the intake thread: it applies a batch's routed events inside the batch transaction and
 * writes the meetings they changed, so the store always matches what was routed. The <em>published</em>
 * copy is what the API and the overlay snapshot show: it hears each event after its commit, in step with
 * the event's overlay frames ({@link OverlayFeed#publish}), so a client that connects mid-burst gets each
 * event once, either inside its {@code bridge.snapshot} or as a live frame. Both copies are reloaded
 * from the store when they may be behind it (start, a rolled back batch, gaining the lead, a follower).
 */
final class ShowKeeper implements BatchWriter {

    static final String SNAPSHOT = "bridge.snapshot";
    private static final Logger LOG = LoggerFactory.getLogger(ShowKeeper.class);

    private final ShowStateStore store;
    private final OverlayFeed feed;
    private final Clock clock;
    private final Duration idle;
    /**
     * Guards the working copy: the intake thread writes it; a route step may read it while routing
     * ({@link #routedView}), normally on that same thread.
     */
    private final Object workingLock = new Object();
    private ShowState working;
    private volatile boolean workingStale = true;
    /** The working copy's meetings that routed events of the current batch asked about, with them applied. */
    private ShowState ahead;
    /**
     * The meetings {@code ahead} has taken from the working copy in this batch. Not derivable from {@code ahead}
     * itself: a meeting that an event of the batch ended is gone from {@code ahead} but still in the working
     * copy, and adopting it again would bring it back for the next event of the same batch.
     */
    private final Set<String> adopted = new java.util.HashSet<>();
    /** Guarded by {@code this}; changed only inside the feed's publish step. */
    private ShowState published = new ShowState();

    ShowKeeper(ShowStateStore store, OverlayFeed feed, Clock clock, Duration idle) {
        this.store = store;
        this.feed = feed;
        this.clock = clock;
        this.idle = idle;
    }

    /** Wires the published copy to the feed; it is loaded once the store is up (gaining the lead, following). */
    void start() {
        feed.keepInStep(this::published, this::snapshotFrame);
    }

    // ---- the working copy: inside the batch transaction ----

    @Override
    public void write(Jdbc.Tx tx, List<IncomingEvent> routed) throws SQLException {
        synchronized (workingLock) {
            ShowState state = working();
            Set<String> touched = new LinkedHashSet<>();
            for (IncomingEvent event : routed) {
                parse(event).flatMap(state::apply).ifPresent(touched::add);
            }
            store.write(tx, state, touched);
            ahead = null; // the batch's events are in the working copy now
        }
    }

    @Override
    public void rolledBack() {
        synchronized (workingLock) {
            workingStale = true; // it holds events that were not stored: start again from the store
            ahead = null;
        }
    }

    /**
     * The meeting of an event being routed, with that event applied, for a route step that shows it
     * ({@link LiveMeetings}). Routes run before their batch is written, so this is the working copy plus
     * the events of the current batch that came through here: a copy of just the meetings asked about,
     * dropped when the batch is written (or rolled back). Empty when the event is not about a live meeting.
     */
    Optional<Map<String, Object>> routedView(JsonNode event) {
        String id = ShowState.text(event.path("payload").path("object").path("id"));
        if (id == null) {
            return Optional.empty();
        }
        synchronized (workingLock) {
            ShowState base = working();
            if (ahead == null) {
                ahead = new ShowState();
                adopted.clear();
            }
            if (adopted.add(id)) {
                ahead.adopt(base, id);
            }
            ahead.apply(event);
            return ahead.view(id);
        }
    }

    /** Under {@code workingLock}. */
    private ShowState working() {
        if (workingStale || working == null) {
            working = store.load();
            workingStale = false;
            ahead = null; // it was taken from the copy just replaced
        }
        return working;
    }

    // ---- the published copy: in step with the overlay feed ----

    private synchronized void published(IncomingEvent event) {
        parse(event).ifPresent(published::apply);
    }

    /** The first frame of a new overlay client, taken under the feed's lock. */
    synchronized String snapshotFrame() {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("event", SNAPSHOT);
        frame.put("event_ts", clock.millis());
        frame.put("payload", Map.of("meetings", published.view()));
        try {
            return Json.MAPPER.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the show state", e);
        }
    }

    synchronized List<Map<String, Object>> meetings() {
        return published.view();
    }

    synchronized Optional<Map<String, Object>> meeting(String id) {
        return published.view(id);
    }

    synchronized int[] counts() {
        int people = 0;
        for (Meeting m : published.meetings()) {
            people += m.participants.size();
        }
        return new int[] {published.meetings().size(), people};
    }

    /**
     * Reloads the published copy from the store (gaining the lead, a follower catching up); with
     * {@code tell}, connected overlays get a fresh {@code bridge.snapshot} when it changed.
     */
    void reloadPublished(boolean tell) {
        ShowState loaded = store.load();
        workingStale = true;
        String[] frame = new String[1];
        feed.publish(() -> {
            String before = tell ? viewJson() : null;
            synchronized (this) {
                published = loaded;
            }
            if (tell && !before.equals(viewJson())) {
                frame[0] = snapshotFrame();
            }
        }, List.of());
        if (frame[0] != null) {
            feed.broadcast(frame[0]);
        }
    }

    /**
     * Drops meetings without an event for the idle time (their {@code ended} was missed), in the store
     * and in both copies; connected overlays get a fresh {@code bridge.snapshot}.
     */
    int expireIdle() {
        long cutoff = clock.millis() - idle.toMillis();
        int rows = store.deleteIdle(cutoff);
        workingStale = true;
        Set<String>[] gone = new Set[1];
        feed.publish(() -> {
            synchronized (this) {
                gone[0] = published.expireIdle(cutoff);
            }
        }, List.of());
        if (!gone[0].isEmpty()) {
            LOG.info("show state dropped idle meetings count={} idle={}", gone[0].size(), idle);
            feed.publish(() -> { }, List.of(snapshotFrame()));
        }
        return rows;
    }

    private synchronized String viewJson() {
        try {
            return Json.MAPPER.writeValueAsString(published.view());
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    /** The event's tree, parsed once where it arrived; none when the body is no JSON object (nothing to keep). */
    private static Optional<JsonNode> parse(IncomingEvent event) {
        return Optional.ofNullable(event.tree());
    }
}
