package com.zoomoverlay.bridge.delivery;

import java.time.Instant;

/**
 * One lane outcome to persist: a failed attempt (counted), a dead letter (with its reason), or the
 * target's watermark: every pending row of {@code target} up to {@code id} is finished, so those rows go
 * in one range delete instead of one delete per delivered row.
 */
record Progress(Kind kind, long id, String target, int attempts, Instant firstAttemptAt, Instant at, String reason,
        String error) {

    enum Kind { DONE_UP_TO, RETRY, DEAD }

    static Progress doneUpTo(String target, long id) {
        return new Progress(Kind.DONE_UP_TO, id, target, 0, null, null, null, null);
    }

    static Progress retry(LaneItem item, String error) {
        return new Progress(Kind.RETRY, item.id, null, item.attempts, item.firstAttemptAt, null, null, error);
    }

    static Progress dead(LaneItem item, Instant at, String reason, String error) {
        return new Progress(Kind.DEAD, item.id, null, item.attempts, item.firstAttemptAt, at, reason, error);
    }
}
