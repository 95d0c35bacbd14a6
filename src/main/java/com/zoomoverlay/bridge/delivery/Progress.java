package com.zoomoverlay.bridge.delivery;

import java.time.Instant;

/** One lane outcome to persist: delivered (the row goes), retried (attempts so far) or dead (with its reason). */
record Progress(Kind kind, long id, int attempts, Instant firstAttemptAt, Instant at, String reason, String error) {

    enum Kind { DELIVERED, RETRY, DEAD }

    static Progress delivered(long id) {
        return new Progress(Kind.DELIVERED, id, 0, null, null, null, null);
    }

    static Progress retry(LaneItem item, String error) {
        return new Progress(Kind.RETRY, item.id, item.attempts, item.firstAttemptAt, null, null, error);
    }

    static Progress dead(LaneItem item, Instant at, String reason, String error) {
        return new Progress(Kind.DEAD, item.id, item.attempts, item.firstAttemptAt, at, reason, error);
    }
}
