package com.zoomoverlay.bridge.accept;

import java.util.List;

/**
 * Hears each routed event once its batch committed, in stream order, on the intake's one thread: the
 * overlay feed broadcasts the event's frames here (and the show state applies the event), so nothing
 * reaches a browser before it is stored.
 */
public interface CommitListener {

    void committed(IncomingEvent event, List<String> frames);
}
