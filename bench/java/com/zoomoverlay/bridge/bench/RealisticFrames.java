package com.zoomoverlay.bridge.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import com.zoomoverlay.bridge.simulator.SimulatedMeetingStory;
import io.vertx.core.json.JsonObject;

/**
 * Event WebSocket frames exactly as the simulator sends them: its scripted meeting (start, joins, chat,
 * leaves, end), each event double-encoded in {@code {"module":"message","content":"..."}}. Every frame
 * differs (meeting number, chat sequence), so a dedupe window sees each as new.
 */
final class RealisticFrames {

    private RealisticFrames() {
    }

    static String[] messageFrames(int count) {
        // A fixed clock keeps the frames, and so the measurement, the same from run to run.
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T18:00:00Z"), ZoneOffset.UTC);
        SimulatedMeetingStory story = new SimulatedMeetingStory(clock, SimulatedEventSocket.ACCOUNT_ID);
        String[] frames = new String[count];
        for (int i = 0; i < count; i++) {
            frames[i] = new JsonObject().put("module", "message").put("content", story.next()).encode();
        }
        return frames;
    }
}
