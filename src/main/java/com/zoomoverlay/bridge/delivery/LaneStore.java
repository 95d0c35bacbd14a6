package com.zoomoverlay.bridge.delivery;

import java.util.List;

/** Where a lane reads pending deliveries back from (after the progress it reported is persisted). */
@FunctionalInterface
interface LaneStore {

    List<LaneItem> pendingAfter(String target, long afterId, int limit);
}
