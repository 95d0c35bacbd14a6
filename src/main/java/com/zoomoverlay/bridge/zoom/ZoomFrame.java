package com.zoomoverlay.bridge.zoom;

/** One Event WebSocket text frame, decoded by {@link ZoomFrameDecoder}. */
public sealed interface ZoomFrame {

    /** {@code {"module":"build_connection","success":...}}: the server accepted (or refused) the connection. */
    record BuildConnection(boolean success) implements ZoomFrame {
    }

    /** The server's answer to our {@code {"module":"heartbeat"}}. */
    record HeartbeatReply() implements ZoomFrame {
    }

    /**
     * A Zoom event, unwrapped: {@code body} is {@code {"event","event_ts","payload"}} as JSON text, {@code tree}
     * the same parsed (null for an event the bridge made).
     */
    record Event(String body, String type, String accountId, String meetingId, Long eventTs, String hash,
                 com.fasterxml.jackson.databind.JsonNode tree) implements ZoomFrame {
    }

    /** A frame that is dropped, and why. */
    record Rejected(Kind kind) implements ZoomFrame {
    }

    /** Why a frame was dropped; the names are metric tag values (bounded). */
    enum Kind {
        OVERSIZED, NOT_JSON, UNKNOWN_MODULE, CONTENT_NOT_JSON, NOT_AN_EVENT;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
