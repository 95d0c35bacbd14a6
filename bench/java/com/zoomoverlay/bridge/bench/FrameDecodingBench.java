package com.zoomoverlay.bridge.bench;

import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.zoom.ZoomFrame;
import com.zoomoverlay.bridge.zoom.ZoomFrameDecoder;
import com.zoomoverlay.bridge.zoom.ZoomWsSettings;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the socket's event loop and the consumer route do per Zoom frame: {@link ZoomFrameDecoder#decode}
 * (two JSON parses, the unwrapped body, its SHA-256), then the route's idempotent check against Camel's
 * {@link MemoryIdempotentRepository} sized as in production ({@code bridge.zoom.ws.dedupe-window}).
 * The frame set is larger than the window, so every check is a miss followed by an eviction, the
 * normal case for a live stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class FrameDecodingBench {

    private static final int FRAMES = 16_384;

    private final ZoomWsSettings settings = ZoomWsSettings.defaults();
    private String[] frames;
    private ZoomFrameDecoder decoder;
    private IdempotentRepository seen;
    private int next;

    @Setup
    public void setUp() throws Exception {
        frames = RealisticFrames.messageFrames(FRAMES);
        decoder = new ZoomFrameDecoder(settings.maxFrameBytes());
        seen = MemoryIdempotentRepository.memoryIdempotentRepository(settings.dedupeWindow());
        seen.start();
    }

    private String nextFrame() {
        String frame = frames[next];
        next = (next + 1) & (FRAMES - 1);
        return frame;
    }

    @Benchmark
    public ZoomFrame decode() {
        return decoder.decode(nextFrame());
    }

    @Benchmark
    public boolean decodeAndDedupe() {
        ZoomFrame.Event event = (ZoomFrame.Event) decoder.decode(nextFrame());
        return seen.add(event.hash());
    }
}
