package com.zoomoverlay.bridge.showstate;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import org.apache.camel.CamelContext;

/**
 * The show state as a step of an engineers' route sees it: the meeting an event belongs to, with that
 * event applied, as the contract's {@code M} ({@code id}, {@code topic}, {@code participants}, ...). On
 * the bridge this is the one show state, stored with the events, so it is whole after a restart or a
 * failover; a Camel context without the bridge's show state (a Kamelet test) gets a state of its own,
 * kept by the same rules, in memory.
 */
public final class LiveMeetings {

    private final ShowKeeper keeper;
    private final ShowState own;

    private LiveMeetings(ShowKeeper keeper) {
        this.keeper = keeper;
        this.own = keeper == null ? new ShowState() : null;
    }

    /** The bridge's show state when {@code camel} has one, else a new one of this caller's own. */
    public static LiveMeetings of(CamelContext camel) {
        return new LiveMeetings(camel.getRegistry().lookupByNameAndType(ShowStateModule.BEAN_NAME, ShowKeeper.class));
    }

    /** The meeting of {@code eventJson} once the event is applied; empty when it is not (or no longer) live. */
    public Optional<Map<String, Object>> afterEvent(String eventJson) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(eventJson);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (keeper != null) {
            return keeper.routedView(event);
        }
        synchronized (own) {
            String id = ShowState.text(event.path("payload").path("object").path("id"));
            own.apply(event);
            return id == null ? Optional.empty() : own.view(id);
        }
    }
}
