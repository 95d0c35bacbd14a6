package com.zoomoverlay.bridge.overlay;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Bounds the pongs one overlay client can have on their way, in Netty's pipeline just before Vert.x's handler.
 * Vert.x 4.5 answers every ping it is handed with a pong written straight to the channel, past any write queue
 * of ours, and Netty decodes a whole read (up to 16 x 64 KiB: ~170,000 empty pings) before anything can pause
 * reading; a client that floods pings and never reads so piled pongs up until the heap ran out, whatever the
 * frame budget. Here a ping reaches Vert.x only while fewer than {@code maxInFlight} pings passed on are still
 * unanswered or their pongs not yet taken by the kernel, and the channel is writable; any other is dropped and
 * reported (counted, and it counts against the frame budget). Counted from the moment a ping is passed on, not
 * when its pong is written: Vert.x queues a pong as a task of its own while another write of the socket is
 * queued (the sweep's ping, from another thread), and a whole read's pongs then wait in the event loop's task
 * queue, out of sight of a count of writes.
 * RFC 6455 5.5.3 lets an endpoint answer only the latest of several pings, so a real client loses nothing.
 * Counted per write, not per byte: an empty pong is 2 bytes but costs a buffer entry (~100 bytes) each.
 */
final class PongBudget extends ChannelDuplexHandler {

    static final String NAME = "overlay-pong-budget";

    private final int maxInFlight;
    private final Runnable dropped;
    /** Pings passed on whose pong is not yet taken by the kernel (or failed); read by the sweep on another thread. */
    private final AtomicInteger inFlight = new AtomicInteger();

    PongBudget(int maxInFlight, Runnable dropped) {
        this.maxInFlight = maxInFlight;
        this.dropped = dropped;
    }

    /** At the bound: the client's pongs do not leave (it does not read), so it is behind. */
    boolean full() {
        return inFlight.get() >= maxInFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping && (!ctx.channel().isWritable() || !reserve())) {
            ping.release();
            dropped.run();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof PongWebSocketFrame)) {
            ctx.write(msg, promise);
            return;
        }
        // Vert.x may write pongs with the void promise, which takes no listener: track them on one of our own.
        ChannelPromise tracked = promise.isVoid() ? ctx.newPromise() : promise;
        tracked.addListener(done -> inFlight.updateAndGet(n -> Math.max(0, n - 1)));
        ctx.write(msg, tracked);
    }

    private boolean reserve() {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }
}
