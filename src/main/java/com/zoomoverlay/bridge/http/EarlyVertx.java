package com.zoomoverlay.bridge.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.vertx.core.Vertx;

/**
 * The process's Vert.x, made on a thread of its own from the first lines of {@code main}: creating it (Netty's
 * and Vert.x's classes, the event-loop group, the DNS resolver) costs the main thread ~0.12 s of CPU and
 * 0.2 s on a loaded 2-core machine, and nothing it needs comes from the configuration, so it overlaps
 * logging's and Camel Main's set-up instead of following them. {@link HttpModule} takes it; without
 * {@link #start()} (tests that create the Main themselves) it makes one as before.
 */
public final class EarlyVertx {

    private static volatile CompletableFuture<Vertx> early;

    private EarlyVertx() {
    }

    /** Starts making the Vert.x; once per process, before the Main is created. */
    public static void start() {
        CompletableFuture<Vertx> made = new CompletableFuture<>();
        early = made;
        Thread thread = new Thread(() -> {
            try {
                made.complete(Vertx.vertx());
            } catch (Throwable t) {
                made.completeExceptionally(t);
            }
        }, "bridge-vertx-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** The one made by {@link #start()} (waiting for it, failing as making it failed), else a new one. */
    static Vertx take() {
        CompletableFuture<Vertx> made = early;
        early = null;
        if (made == null) {
            return Vertx.vertx();
        }
        try {
            return made.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
