package com.zoomoverlay.bridge.showstate;

import java.time.Duration;

import com.zoomoverlay.bridge.config.PropertyReader;

/**
 * {@code bridge.show.meeting-idle} (12h: a meeting without any event for that long is dropped, its
 * {@code ended} was missed), {@code bridge.show.expiry-check-ms} (60000) and, clustered,
 * {@code bridge.show.follower-refresh-ms} (2000: how often a follower reads the leader's state).
 */
record ShowSettings(Duration meetingIdle, long expiryCheckMillis, long followerRefreshMillis) {

    static ShowSettings load(PropertyReader p) {
        return new ShowSettings(p.duration("bridge.show.meeting-idle", Duration.ofHours(12)),
                p.number("bridge.show.expiry-check-ms", 60_000, 10, 86_400_000),
                p.number("bridge.show.follower-refresh-ms", 2_000, 10, 3_600_000));
    }
}
