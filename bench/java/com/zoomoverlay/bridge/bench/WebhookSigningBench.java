package com.zoomoverlay.bridge.bench;

import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.delivery.webhook.WebhookSigner;
import com.zoomoverlay.bridge.zoom.ZoomFrame;
import com.zoomoverlay.bridge.zoom.ZoomFrameDecoder;
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

/** The Standard Webhooks signature the dispatcher computes for every attempt, on real event bodies. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class WebhookSigningBench {

    private static final int BODIES = 1024;

    // A made-up signing secret (whsec_ + base64 of 24 bytes), not one used anywhere.
    private final Secret secret = new Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private String[] bodies;
    private String[] ids;
    private int next;

    @Setup
    public void setUp() {
        String[] frames = RealisticFrames.messageFrames(BODIES);
        ZoomFrameDecoder decoder = new ZoomFrameDecoder(1024 * 1024);
        bodies = new String[BODIES];
        ids = new String[BODIES];
        for (int i = 0; i < BODIES; i++) {
            ZoomFrame.Event event = (ZoomFrame.Event) decoder.decode(frames[i]);
            bodies[i] = event.body();
            ids[i] = "evt_" + event.hash().substring(0, 32);
        }
    }

    @Benchmark
    public String sign() {
        int i = next;
        next = (next + 1) & (BODIES - 1);
        return WebhookSigner.sign(secret, ids[i], 1_768_500_000L, bodies[i]);
    }
}
