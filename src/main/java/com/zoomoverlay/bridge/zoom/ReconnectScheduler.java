package com.zoomoverlay.bridge.zoom;

import java.time.Duration;

import io.vertx.core.Vertx;

/**
 * Runs the supervisor's reconnect waits. In production these are Vert.x timers; a test binds its own
 * under {@link #BEAN_NAME} and moves the injected clock to make a wait come due, so reconnect timing is
 * tested in clock time, not by waiting for real seconds. Called on the supervisor's Vert.x context;
 * the task must run on that same context.
 */
public interface ReconnectScheduler {

    String BEAN_NAME = "zoomWsReconnectScheduler";

    /** Vert.x timers: a timer set on a context fires on that context. */
    ReconnectScheduler VERTX = new ReconnectScheduler() {
        @Override
        public long schedule(Vertx vertx, Duration delay, Runnable task) {
            return vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
        }

        @Override
        public void cancel(Vertx vertx, long id) {
            vertx.cancelTimer(id);
        }
    };

    /** Runs {@code task} on the calling context after {@code delay}; the answer is a handle for {@link #cancel}. */
    long schedule(Vertx vertx, Duration delay, Runnable task);

    void cancel(Vertx vertx, long id);
}
